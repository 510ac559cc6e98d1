import { memo } from 'react';
import type { LayerCost } from '../../core/cost-types';
import { formatBytes, formatCount, formatShape } from '../../core/format';
import type { ShapeLayout } from '../../core/model';
import { displayShape } from '../../core/shapes/display-shape';
import { FormulaView } from './formula-view';
import type { LayerRow, Metric } from './layer-rows';
import { sameFields } from './same-content';
import { formatExact, formatPercent } from './unit-scale';

export type Figure = 'params' | 'macs' | 'flops';
/** Which cell's formula is open: params, or the MACs/FLOPs column (follows the metric switch). */
export type FigureSlot = 'params' | 'ops';
export const FIGURE_LABEL: Record<Figure, string> = { params: 'Params', macs: 'MACs', flops: 'FLOPs' };
export const COLUMN_COUNT = 9;

interface FigureButtonProps {
  layer: string;
  figure: Figure;
  slot: FigureSlot;
  value: number;
  open: boolean;
  /** This button is the table's tab stop. */
  tabStop: boolean;
  onToggle(layer: string, slot: FigureSlot): void;
}

/** A figure is a button: clicking it shows (or hides) its formula under the row. */
function FigureButton({ layer, figure, slot, value, open, tabStop, onToggle }: FigureButtonProps) {
  return (
    <button
      type="button"
      data-cell={slot}
      tabIndex={tabStop ? 0 : -1}
      aria-expanded={open}
      aria-label={`${FIGURE_LABEL[figure]} of ${layer}: ${formatExact(value)}. Show formula`}
      title={`${formatExact(value)} — click for the formula`}
      onClick={() => onToggle(layer, slot)}
      className={`whitespace-nowrap rounded px-1.5 py-0.5 tabular-nums underline decoration-dotted decoration-slate-400 underline-offset-4 hover:bg-blue-100 focus-visible:outline-2 focus-visible:outline-blue-700 ${
        open ? 'bg-blue-100 font-semibold' : ''}`}
    >
      {formatCount(value)}
    </button>
  );
}

function memoryTitle(row: LayerRow): string {
  return `Memory: weights ${formatBytes(row.weightBytes)} + activations ${formatBytes(row.activationBytes)}`;
}

/** "GlobalAveragePooling2D" may break before each capital, so a long type wraps instead of widening the table. */
function BreakableType({ type }: { type: string }) {
  const words = type.split(/(?=[A-Z][a-z])/);
  return <>{words.map((w, i) => <span key={i}>{i > 0 && <wbr />}{w}</span>)}</>;
}

/** `compact`: the narrow table's badge under the latency share, one size smaller so Latency fits at 1024 px. */
function BoundBadge({ bound, compact = false }: { bound: LayerRow['bound']; compact?: boolean }) {
  const size = compact ? 'px-1 text-xs' : 'px-2 text-sm';
  if (bound === 'compute') return <span className={`rounded-full bg-sky-100 py-0.5 ${size} font-medium text-sky-900 ring-1 ring-sky-300`}>compute</span>;
  if (bound === 'memory') return <span className={`rounded-full bg-orange-100 py-0.5 ${size} font-medium text-orange-900 ring-1 ring-orange-300`}>memory</span>;
  return <span className="text-slate-500">—</span>;
}

function LatencyShare({ share }: { share: number | null }) {
  if (share === null) return <span className="text-slate-500">—</span>;
  return (
    <div className="flex items-center justify-end gap-2">
      <span className="tabular-nums">{formatPercent(share)}</span>
      <span aria-hidden="true" className="hidden h-2.5 w-14 overflow-hidden rounded-sm bg-slate-200 @4xl:inline-block">
        <span className="block h-full bg-[#D55E00]" style={{ width: `${Math.min(100, share * 100)}%` }} />
      </span>
    </div>
  );
}

export interface LayerTableRowProps {
  row: LayerRow;
  /** 'channels-first': rank-3 shapes shown C×H×W (a model from ONNX). */
  layout?: ShapeLayout;
  metric: Metric;
  selected: boolean;
  error: string | undefined;
  /** The cell whose formula is open on this row, if any. */
  openSlot: FigureSlot | null;
  /** The layer's cost (for the open formula); only read when openFigure is set. */
  cost: LayerCost | undefined;
  /** aria-rowindex of the row (the header is row 1). */
  rowIndex: number;
  /** Which control of this row is the table's one tab stop ("name", "params", "ops"), or null. */
  tabCell: string | null;
  onSelect(name: string): void;
  onToggleFormula(layer: string, slot: FigureSlot): void;
}

/**
 * One layer. Memoised on the row's content (a new report brings new row objects): selecting a
 * row, or an edit that changes one layer, re-renders a few rows, not 177.
 */
export const LayerTableRow = memo(function LayerTableRow(props: LayerTableRowProps) {
  const { row, metric, selected, error, openSlot, cost, rowIndex, tabCell, onSelect, onToggleFormula, layout } = props;
  const shapeText = formatShape(displayShape(row.outputShape, layout));
  const opsFigure: Figure = metric;
  const typeText = row.type === 'Unknown' ? `${row.className} (unknown)` : row.type;
  const openFigure: Figure | null = openSlot === 'params' ? 'params' : openSlot === 'ops' ? opsFigure : null;
  const tone = error ? 'bg-red-50' : selected ? 'bg-blue-50' : 'hover:bg-slate-50';
  return (
    <>
      <tr
        onClick={() => onSelect(row.name)}
        aria-current={selected ? 'true' : undefined}
        aria-rowindex={rowIndex}
        data-layer={row.name}
        data-roving-key={row.name}
        className={`cursor-pointer border-b border-slate-200 ${tone} ${selected ? 'outline-2 -outline-offset-2 outline-blue-700' : ''}`}
      >
        <td className="px-1.5 py-1 text-right tabular-nums text-slate-500">{row.index + 1}</td>
        <td className={`px-1.5 py-1 ${error ? 'border-l-4 border-red-700' : ''}`}>
          <button type="button" aria-pressed={selected} data-cell="name" tabIndex={tabCell === 'name' ? 0 : -1} className="text-left font-medium text-slate-900 [overflow-wrap:anywhere] hover:underline">
            {row.name}
          </button>
          <div className="text-sm text-slate-600 @4xl:hidden">
            <BreakableType type={typeText} /> · <span className="whitespace-nowrap">{shapeText}</span>
          </div>
          {error && <div className="max-w-xs text-sm text-red-800" data-testid="layer-table-error">{error}</div>}
        </td>
        <td className="hidden px-1.5 py-1 text-slate-700 @4xl:table-cell"><BreakableType type={typeText} /></td>
        <td className="hidden whitespace-nowrap px-1.5 py-1 tabular-nums @4xl:table-cell">{shapeText}</td>
        <td className="px-1.5 py-1 text-right">
          <FigureButton layer={row.name} figure="params" slot="params" value={row.params} open={openFigure === 'params'} tabStop={tabCell === 'params'} onToggle={onToggleFormula} />
          {/* A narrow table (a 1024 px projector) folds Memory under Params so Latency stays in view. */}
          <div className="whitespace-nowrap text-sm tabular-nums text-slate-600 @xl:hidden" title={memoryTitle(row)}>
            <span className="sr-only">Memory </span>{formatBytes(row.memoryBytes)}
          </div>
        </td>
        <td className="px-1.5 py-1 text-right">
          <FigureButton layer={row.name} figure={opsFigure} slot="ops" value={row[opsFigure]} open={openFigure === opsFigure} tabStop={tabCell === 'ops'} onToggle={onToggleFormula} />
        </td>
        <td className="hidden whitespace-nowrap px-1.5 py-1 text-right tabular-nums @xl:table-cell" title={memoryTitle(row)}>
          {formatBytes(row.memoryBytes)}
        </td>
        <td className="px-1.5 py-1 text-right">
          <LatencyShare share={row.latencyShare} />
          {row.bound && row.bound !== 'none' && <div className="mt-0.5 @4xl:hidden"><BoundBadge bound={row.bound} compact /></div>}
        </td>
        <td className="hidden px-1.5 py-1 text-center @4xl:table-cell"><BoundBadge bound={row.bound} /></td>
      </tr>
      {openFigure && cost && (
        <tr className="bg-slate-50">
          <td colSpan={COLUMN_COUNT} className="px-3 py-3">
            {/* 100cqw: the table's scroll container, so a long formula scrolls inside the box instead of widening the table. */}
            <div style={{ maxWidth: 'calc(100cqw - 1.5rem)' }}>
              <FormulaView formula={cost.formulas[openFigure]} label={`${FIGURE_LABEL[openFigure]} of ${row.name} (${row.type})`} />
            </div>
          </td>
        </tr>
      )}
    </>
  );
}, sameRowProps);

function sameRowProps(a: LayerTableRowProps, b: LayerTableRowProps): boolean {
  return a.metric === b.metric && a.layout === b.layout && a.selected === b.selected && a.rowIndex === b.rowIndex && a.tabCell === b.tabCell && a.error === b.error && a.openSlot === b.openSlot
    && a.cost === b.cost && a.onSelect === b.onSelect && a.onToggleFormula === b.onToggleFormula && sameFields(a.row, b.row);
}
