/**
 * Rows of the per-layer table: one flat record per layer joining the cost report with the
 * latency report, plus sorting. Pure, so the table can memoise it and tests can check it.
 */
import type { CostReport, LatencyReport, LayerLatency } from '../../core/cost-types';
import type { LayerType } from '../../core/model';

export type Metric = 'macs' | 'flops';

export interface LayerRow {
  /** Position in execution order (0-based). */
  index: number;
  name: string;
  type: LayerType;
  className: string;
  outputShape: number[];
  params: number;
  macs: number;
  flops: number;
  weightBytes: number;
  activationBytes: number;
  /** weightBytes + activationBytes */
  memoryBytes: number;
  /** This layer's roofline time over the model's roofline total (0..1); null without latency. */
  latencyShare: number | null;
  rooflineMs: number | null;
  bound: LayerLatency['bound'] | null;
}

export type SortKey =
  | 'index' | 'name' | 'type' | 'outputShape' | 'params' | 'ops' | 'memory' | 'latencyShare' | 'bound';
export type SortDirection = 'ascending' | 'descending';
export interface SortState { key: SortKey; direction: SortDirection }

export const DEFAULT_SORT: SortState = { key: 'index', direction: 'ascending' };

/** Joins each LayerCost with its LayerLatency (matched by name). */
export function buildLayerRows(report: CostReport, latency: LatencyReport | null): LayerRow[] {
  const latencyByName = new Map(latency?.layers.map((l) => [l.name, l]) ?? []);
  const totalMs = latency?.rooflineMs ?? 0;
  return report.layers.map((layer, index) => {
    const lat = latencyByName.get(layer.name);
    return {
      index,
      name: layer.name,
      type: layer.type,
      className: layer.className,
      outputShape: layer.outputShape,
      params: layer.params,
      macs: layer.macs,
      flops: layer.flops,
      weightBytes: layer.weightBytes,
      activationBytes: layer.activationBytes,
      memoryBytes: layer.weightBytes + layer.activationBytes,
      latencyShare: lat && totalMs > 0 ? lat.rooflineMs / totalMs : lat ? 0 : null,
      rooflineMs: lat ? lat.rooflineMs : null,
      bound: lat ? lat.bound : null,
    };
  });
}

const elementCount = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** The value a column sorts by. Output shape sorts by element count; bound alphabetically. */
function sortValue(row: LayerRow, key: SortKey, metric: Metric): number | string {
  switch (key) {
    case 'index': return row.index;
    case 'name': return row.name.toLowerCase();
    case 'type': return row.type;
    case 'outputShape': return elementCount(row.outputShape);
    case 'params': return row.params;
    case 'ops': return metric === 'macs' ? row.macs : row.flops;
    case 'memory': return row.memoryBytes;
    case 'latencyShare': return row.latencyShare ?? -1;
    case 'bound': return row.bound ?? '';
  }
}

/**
 * Sorted copy of the rows. Stable: ties keep execution order, so sorting by type groups
 * layers of one type in the order they run.
 */
export function sortLayerRows(rows: readonly LayerRow[], sort: SortState, metric: Metric): LayerRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return rows
    .map((row) => ({ row, value: sortValue(row, sort.key, metric) }))
    .sort((a, b) => {
      if (a.value < b.value) return -sign;
      if (a.value > b.value) return sign;
      return a.row.index - b.row.index;
    })
    .map((entry) => entry.row);
}

const TEXT_KEYS: ReadonlySet<SortKey> = new Set(['index', 'name', 'type', 'bound']);

/**
 * The sort after clicking a header: a new column starts ascending for text (and #) and
 * descending for figures (largest cost first, what a student looks for); the same column flips.
 */
export function nextSort(current: SortState, clicked: SortKey): SortState {
  if (current.key === clicked) {
    return { key: clicked, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  return { key: clicked, direction: TEXT_KEYS.has(clicked) ? 'ascending' : 'descending' };
}
