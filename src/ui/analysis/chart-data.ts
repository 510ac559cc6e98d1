/**
 * Shaping a CostReport / LatencyReport into chart series. Pure, unit-tested.
 *
 * A per-layer bar chart stays readable up to ~60 bars; ResNet-50 has ~177 layers. Beyond the
 * limit we keep the largest layers (in execution order, so the chart still reads front to back)
 * and report the rest as one sum beside the chart, unless the user asks for every layer. The sum is
 * not drawn as a bar: 136 small layers summed would dwarf every real bar and flatten the scale.
 */
import type { CostReport, LatencyReport } from '../../core/cost-types';

export interface LayerBar {
  name: string;
  value: number;
}

/** The layers left out of a chart, summed. */
export interface LeftOut<T> { count: number; total: T }

export interface BarSeries {
  bars: LayerBar[];
  /** Layers with a non-zero value (before leaving any out). */
  nonZeroCount: number;
  /** The smaller layers not drawn; null when every non-zero layer is drawn. */
  leftOut: LeftOut<number> | null;
}

export interface BarLimits {
  /** Above this many bars, aggregate. */
  maxBars: number;
  /** When aggregating, how many of the largest layers to keep. */
  keepLargest: number;
  /** Ignore the limit (the chart scrolls instead). */
  showAll: boolean;
}

export const DEFAULT_LIMITS: BarLimits = { maxBars: 60, keepLargest: 40, showAll: false };

/** Layers with value > 0 as bars; beyond the limit only the largest, the rest summed in leftOut. */
export function layerBars(
  items: readonly { name: string; value: number }[],
  limits: BarLimits = DEFAULT_LIMITS,
): BarSeries {
  const nonZero = items.map((item, index) => ({ ...item, index })).filter((i) => i.value > 0);
  if (limits.showAll || nonZero.length <= limits.maxBars) {
    return { bars: nonZero.map(({ name, value }) => ({ name, value })), nonZeroCount: nonZero.length, leftOut: null };
  }
  const largest = [...nonZero].sort((a, b) => b.value - a.value || a.index - b.index).slice(0, limits.keepLargest);
  const kept = new Set(largest.map((i) => i.index));
  const rest = nonZero.filter((i) => !kept.has(i.index));
  const bars: LayerBar[] = largest.sort((a, b) => a.index - b.index).map(({ name, value }) => ({ name, value }));
  return { bars, nonZeroCount: nonZero.length, leftOut: { count: rest.length, total: rest.reduce((s, i) => s + i.value, 0) } };
}

export interface LatencyBar {
  name: string;
  naiveMs: number;
  rooflineMs: number;
  bound: 'compute' | 'memory' | 'none';
}

export interface LatencySeries {
  bars: LatencyBar[];
  nonZeroCount: number;
  leftOut: LeftOut<{ naiveMs: number; rooflineMs: number }> | null;
}

/**
 * Naive vs roofline time per layer, in execution order. Layers where both are 0 are left out.
 * Beyond the limit, the layers with the largest roofline time are kept.
 */
export function latencyBars(latency: LatencyReport, limits: BarLimits = DEFAULT_LIMITS): LatencySeries {
  const nonZero = latency.layers
    .map((l, index) => ({ name: l.name, naiveMs: l.naiveMs, rooflineMs: l.rooflineMs, bound: l.bound, index }))
    .filter((l) => l.naiveMs > 0 || l.rooflineMs > 0);
  const strip = ({ name, naiveMs, rooflineMs, bound }: LatencyBar) => ({ name, naiveMs, rooflineMs, bound });
  if (limits.showAll || nonZero.length <= limits.maxBars) {
    return { bars: nonZero.map(strip), nonZeroCount: nonZero.length, leftOut: null };
  }
  const largest = [...nonZero].sort((a, b) => b.rooflineMs - a.rooflineMs || a.index - b.index).slice(0, limits.keepLargest);
  const kept = new Set(largest.map((l) => l.index));
  const rest = nonZero.filter((l) => !kept.has(l.index));
  const bars: LatencyBar[] = largest.sort((a, b) => a.index - b.index).map(strip);
  const total = { naiveMs: rest.reduce((s, l) => s + l.naiveMs, 0), rooflineMs: rest.reduce((s, l) => s + l.rooflineMs, 0) };
  return { bars, nonZeroCount: nonZero.length, leftOut: { count: rest.length, total } };
}

export interface TypeShare {
  /** Layer type, or "Other types". */
  type: string;
  value: number;
  /** value / total, 0..1 */
  fraction: number;
}

export const OTHER_TYPES = 'Other types';

/**
 * Sum of a figure per layer type, largest first, zero types left out. Beyond `maxSlices`
 * the smallest types are summed into "Other types" so a pie never has unreadable slivers.
 */
export function shareByType(
  report: CostReport,
  valueOf: (layer: CostReport['layers'][number]) => number,
  maxSlices = 7,
): TypeShare[] {
  const sums = new Map<string, number>();
  for (const layer of report.layers) sums.set(layer.type, (sums.get(layer.type) ?? 0) + valueOf(layer));
  const total = [...sums.values()].reduce((a, b) => a + b, 0);
  if (total <= 0) return [];
  const sorted = [...sums.entries()]
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const head = sorted.length > maxSlices ? sorted.slice(0, maxSlices - 1) : sorted;
  const tail = sorted.length > maxSlices ? sorted.slice(maxSlices - 1) : [];
  const shares = head.map(([type, value]) => ({ type, value, fraction: value / total }));
  if (tail.length > 0) {
    const value = tail.reduce((s, [, v]) => s + v, 0);
    shares.push({ type: OTHER_TYPES, value, fraction: value / total });
  }
  return shares;
}
