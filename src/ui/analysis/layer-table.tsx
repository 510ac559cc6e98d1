import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CostReport, FlopConvention, LatencyReport, LayerCost } from '../../core/cost-types';
import type { ShapeLayout } from '../../core/model';
import { buildLayerRows, DEFAULT_SORT, nextSort, sortLayerRows, type Metric, type SortKey, type SortState } from './layer-rows';
import { LayerTableControls } from './layer-table-controls';
import { useRovingList } from '../common/use-roving-list';
import { COLUMN_COUNT, LayerTableRow, type FigureSlot } from './layer-table-row';

/** A row's height before it is measured (one line of figures; narrow layouts have two). */
const ROW_ESTIMATE_PX = 41;
/** Rows drawn beyond the visible ones on each side (keyboard and scrolling land on drawn rows). */
const OVERSCAN_ROWS = 12;

export interface LayerTableProps {
  report: CostReport | null;
  latency: LatencyReport | null;
  metric: Metric;
  onMetricChange(metric: Metric): void;
  convention: FlopConvention;
  onConventionChange(convention: FlopConvention): void;
  selectedLayer: string | null;
  onSelectLayer(name: string): void;
  /** Layer name → the engine's message, for layers whose configuration is impossible. */
  errorsByLayer: Record<string, string>;
  /** How shapes are shown: 'channels-first' (C×H×W) for a model imported from ONNX; absent: H×W×C. */
  layout?: ShapeLayout;
}

interface Column {
  key: SortKey;
  label: string;
  numeric: boolean;
  /** Own column only in a wide container; a narrow one shows it inside another cell. */
  wideOnly?: boolean;
  /** Own column from a medium container (36rem) up; a narrow one (a 1024 px projector) shows it under Params. */
  mediumUp?: boolean;
}

function columns(metric: Metric, layout: ShapeLayout | undefined): Column[] {
  return [
    { key: 'index', label: '#', numeric: true },
    { key: 'name', label: 'Name', numeric: false },
    { key: 'type', label: 'Type', numeric: false, wideOnly: true },
    { key: 'outputShape', label: layout === 'channels-first' ? 'Output shape (C×H×W)' : 'Output shape', numeric: false, wideOnly: true },
    { key: 'params', label: 'Params', numeric: true },
    { key: 'ops', label: metric === 'macs' ? 'MACs' : 'FLOPs', numeric: true },
    { key: 'memory', label: 'Memory', numeric: true, mediumUp: true },
    { key: 'latencyShare', label: 'Latency share', numeric: true },
    { key: 'bound', label: 'Bound', numeric: false, wideOnly: true },
  ];
}

const COLUMN_HINT: Partial<Record<SortKey, string>> = {
  memory: 'Weights + output activations, bytes',
  latencyShare: 'Share of the roofline total on the chosen device',
  bound: 'Roofline: is the layer limited by compute or by memory bandwidth?',
};

function HeaderCell({ column, sort, onSort }: { column: Column; sort: SortState; onSort(key: SortKey): void }) {
  const active = sort.key === column.key;
  const arrow = active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕';
  return (
    <th
      scope="col"
      aria-sort={active ? sort.direction : 'none'}
      title={COLUMN_HINT[column.key]}
      className={`sticky top-0 z-10 border-b-2 border-slate-300 bg-white px-1.5 py-2 text-base font-semibold ${
        column.numeric ? 'text-right' : 'text-left'} ${column.wideOnly ? 'hidden @4xl:table-cell' : column.mediumUp ? 'hidden @xl:table-cell' : ''}`}
    >
      <button type="button" onClick={() => onSort(column.key)} className="inline-flex items-center gap-1 whitespace-nowrap hover:text-blue-800">
        {column.key === 'name' ? (
          <>
            <span className="@4xl:hidden">Layer</span>
            <span className="hidden @4xl:inline">Name</span>
          </>
        ) : column.key === 'latencyShare' ? (
          <>
            <span className="@4xl:hidden">Latency</span>
            <span className="hidden @4xl:inline">Latency share</span>
          </>
        ) : column.key === 'params' ? (
          <span className="flex flex-col items-end">
            Params
            {/* Narrow: each row's memory sits under its params. */}
            <span className="text-sm font-normal text-slate-600 @xl:hidden">+ memory</span>
          </span>
        ) : column.label}
        {/* Narrow (a 1024 px projector): only the active sort arrow, so Latency fits without scrolling. */}
        <span aria-hidden="true" className={active ? 'text-blue-800' : 'hidden text-slate-400 @xl:inline'}>{arrow}</span>
      </button>
    </th>
  );
}

/**
 * Per-layer costs: sortable by any column, MACs/FLOPs switch, convention switch, row click
 * selects the layer, clicking a figure opens its formula under the row.
 */
export const LayerTable = memo(function LayerTable(props: LayerTableProps) {
  const { report, latency, metric, onMetricChange, convention, onConventionChange, selectedLayer, onSelectLayer, errorsByLayer, layout } = props;
  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);
  const [open, setOpen] = useState<{ layer: string; slot: FigureSlot } | null>(null);

  const rows = useMemo(() => (report ? buildLayerRows(report, latency) : []), [report, latency]);
  const sorted = useMemo(() => sortLayerRows(rows, sort, metric), [rows, sort, metric]);
  const costByName = useMemo(() => new Map<string, LayerCost>(report?.layers.map((l) => [l.name, l]) ?? []), [report]);
  const cols = useMemo(() => columns(metric, layout), [metric, layout]);

  // Stable callbacks so memoised rows do not re-render when the parent passes a new function.
  const selectRef = useRef(onSelectLayer);
  useEffect(() => { selectRef.current = onSelectLayer; });
  const select = useCallback((name: string) => selectRef.current(name), []);
  const toggleFormula = useCallback((layer: string, slot: FigureSlot) => {
    setOpen((cur) => (cur && cur.layer === layer && cur.slot === slot ? null : { layer, slot }));
  }, []);
  const onSort = useCallback((key: SortKey) => setSort((cur) => nextSort(cur, key)), []);

  // Only the rows in view are drawn (ResNet-50 has 177; a link may bring thousands). Each row
  // and its open formula are one <tbody>, measured as it draws.
  const scrollBox = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLTableSectionElement>(null);
  const [headPx, setHeadPx] = useState(0);
  const hasReport = report !== null;
  useLayoutEffect(() => { setHeadPx(head.current?.offsetHeight ?? 0); }, [hasReport]);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; rows are memoised by hand
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scrollBox.current,
    estimateSize: () => ROW_ESTIMATE_PX,
    getItemKey: (i) => sorted[i].name,
    overscan: OVERSCAN_ROWS,
    scrollMargin: headPx,
    scrollPaddingStart: headPx,
    // Without a box to measure (server rendering, tests), draw the rows that fit this.
    initialRect: { width: 1000, height: 800 },
    useFlushSync: false,
  });
  const names = useMemo(() => sorted.map((r) => r.name), [sorted]);
  const indexOf = useMemo(() => new Map(names.map((n, i) => [n, i])), [names]);

  // A layer selected elsewhere (the stack, the inspector) is scrolled into view inside the table's own
  // box only, never by moving the page or the tab panel.
  useEffect(() => {
    const index = selectedLayer === null ? undefined : indexOf.get(selectedLayer);
    if (index === undefined) return;
    // Next frame: reading offsets forces a layout, which would lengthen this render's task.
    const frame = requestAnimationFrame(() => virtualizer.scrollToIndex(index, { align: 'auto' }));
    return () => cancelAnimationFrame(frame);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the selection changes
  }, [selectedLayer]);

  const roving = useRovingList({
    keys: names,
    preferredKey: selectedLayer,
    defaultCell: 'name',
    container: scrollBox,
    scrollToIndex: (i) => virtualizer.scrollToIndex(i, { align: 'auto' }),
  });

  const items = virtualizer.getVirtualItems();
  const padTop = items.length > 0 ? items[0].start - headPx : 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1].end - headPx) : 0;
  const brokenCount = Object.keys(errorsByLayer).length;
  return (
    <section aria-label="Per-layer costs" className="flex min-h-0 flex-col gap-3">
      <LayerTableControls metric={metric} onMetricChange={onMetricChange} convention={convention} onConventionChange={onConventionChange} />
      {layout === 'channels-first' && (
        <p className="text-sm text-slate-700" data-testid="shape-layout-note">
          Shapes are shown channels-first, C×H×W without the batch, as PyTorch prints them. Counts do not depend on the layout.
        </p>
      )}
      {brokenCount > 0 && (
        <p className="text-base text-red-800">
          {brokenCount === 1 ? '1 layer has' : `${brokenCount} layers have`} an error; figures are from the last valid model.
        </p>
      )}
      {!report ? (
        <p className="text-base text-slate-600">No figures yet: add an input layer or load a preset.</p>
      ) : (
        // A container query picks the layout: separate Type/Shape/Bound columns when wide, folded when narrow.
        <div
          ref={scrollBox}
          tabIndex={0}
          role="region"
          aria-label="Layer table (scrolls)"
          onKeyDown={roving.onKeyDown}
          onFocus={roving.onFocus}
          className="@container relative max-h-[70vh] overflow-auto rounded-lg bg-white ring-1 ring-slate-200"
        >
          <table className="w-full border-collapse text-base" aria-rowcount={sorted.length + 1}>
            <caption className="sr-only">
              Cost of each layer of {report.name}; click a column header to sort, a figure to see its formula.
              Arrow keys move between rows and figures.
            </caption>
            <thead ref={head}>
              <tr aria-rowindex={1}>{cols.map((c) => <HeaderCell key={c.key} column={c} sort={sort} onSort={onSort} />)}</tr>
            </thead>
            <Spacer px={padTop} />
            {items.map((item) => {
              const row = sorted[item.index];
              const slot = open && open.layer === row.name ? open.slot : null;
              return (
                <tbody key={item.key} data-index={item.index} ref={virtualizer.measureElement}>
                  <LayerTableRow
                    row={row}
                    layout={layout}
                    rowIndex={item.index + 2}
                    metric={metric}
                    selected={row.name === selectedLayer}
                    error={errorsByLayer[row.name]}
                    openSlot={slot}
                    cost={slot ? costByName.get(row.name) : undefined}
                    tabCell={roving.tabCellOf(row.name)}
                    onSelect={select}
                    onToggleFormula={toggleFormula}
                  />
                </tbody>
              );
            })}
            <Spacer px={padBottom} />
          </table>
        </div>
      )}
    </section>
  );
});

/** Stands in for the rows that are not drawn, so the scroll bar is the full table's. */
function Spacer({ px }: { px: number }) {
  if (px <= 0) return null;
  return (
    <tbody aria-hidden="true">
      <tr style={{ height: px }}><td colSpan={COLUMN_COUNT} className="p-0" /></tr>
    </tbody>
  );
}
