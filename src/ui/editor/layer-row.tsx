/**
 * One layer in the stack: name, type, output shape and a compact cost figure, with its explicit
 * inputs, the engine's error (role alert) and the actions. Memoised on primitive props so that an
 * edit re-renders only the rows whose figures changed (ResNet-50 has 175 of them).
 */
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { memo, useCallback, type KeyboardEvent } from 'react';
import { useFlopLab } from '../../state/store';
import { IconButton } from '../common/button';
import { Icon } from '../common/icons';
import { focusLayerRow } from './focus-layer';

export interface LayerRowProps {
  name: string;
  type: string;
  index: number;
  /** The last layer (cannot move down). A flag, not the count: adding a layer re-renders two rows, not all. */
  last: boolean;
  /** Explicit inputs ("← a, b"), null when the layer reads the one before it. */
  inputsText: string | null;
  shapeText: string;
  costText: string;
  error: string | undefined;
  selected: boolean;
  /** Where a palette item being dragged over this row would go. */
  dropHint: 'before' | 'after' | null;
  inBlock: boolean;
  /** Position in the drawn list (the virtualiser's data-index) and its measuring ref. */
  dataIndex: number;
  measure(el: HTMLElement | null): void;
  /** Which control of this row is the list's one tab stop ("drag", "select", "up" …), or null. */
  tabCell: string | null;
}

export interface LayerDragData { kind: 'layer'; name: string; index: number }

/**
 * The sortable shell: dnd-kit re-renders every sortable row when the list changes (its context
 * changes), so this part is kept small; the contents below are memoised on primitive props and
 * skip that re-render (an added layer then updates a handful of DOM nodes, not thousands).
 */
export const LayerRow = memo(function LayerRow(p: LayerRowProps) {
  const data: LayerDragData = { kind: 'layer', name: p.name, index: p.index };
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({ id: p.name, data });
  const style = { transform: CSS.Translate.toString(transform), transition };
  const { measure } = p;
  const ref = useCallback((el: HTMLLIElement | null) => { setNodeRef(el); measure(el); }, [setNodeRef, measure]);
  // A control that is disabled here (Move up on the first row) cannot hold the tab stop.
  const stop = p.tabCell === null ? null
    : (p.tabCell === 'up' && p.index === 0) || (p.tabCell === 'down' && p.last) ? 'select' : p.tabCell;
  const border = p.error ? 'border-error bg-error-light' : p.selected ? 'border-accent bg-accent-light' : 'border-slate-200 bg-white';
  return (
    <li
      ref={ref}
      style={style}
      data-index={p.dataIndex}
      data-roving-key={p.name}
      data-layer={p.name}
      aria-current={p.selected ? 'true' : undefined}
      className={`group relative rounded-md border-2 ${border} ${p.inBlock ? 'ml-3' : ''} ${isDragging ? 'z-10 opacity-60 shadow-lg' : ''}`}
    >
      {p.dropHint && <DropLine where={p.dropHint} />}
      <div className="flex items-stretch">
        <button
          ref={setActivatorNodeRef}
          type="button"
          aria-label={`Drag ${p.name}`}
          title="Drag to reorder (or focus, press Space, then the arrow keys)"
          className="flex w-6 shrink-0 cursor-grab touch-none items-center justify-center text-slate-400 hover:text-slate-800"
          {...attributes}
          {...listeners}
          data-cell="drag"
          tabIndex={stop === 'drag' ? 0 : -1}
        >
          <Icon name="grip" />
        </button>
        <SelectButton name={p.name} type={p.type} index={p.index} last={p.last} shapeText={p.shapeText} costText={p.costText}
          error={p.error !== undefined} selected={p.selected} tabStop={stop === 'select'} />
      </div>
      <RowDetails name={p.name} index={p.index} last={p.last} inputsText={p.inputsText} error={p.error} selected={p.selected} tabCell={stop} />
    </li>
  );
});

/** Moves the layer at `index` to `to` (within bounds), keeping focus on the same control. */
function moveTo(name: string, index: number, last: boolean, to: number): void {
  if (to < 0 || (to > index && last)) return;
  const focused = document.activeElement?.getAttribute('aria-label');
  useFlopLab.getState().moveLayer(index, to);
  focusLayerRow(name, focused);
}

const SelectButton = memo(function SelectButton(p: {
  name: string; type: string; index: number; last: boolean; shapeText: string; costText: string; error: boolean; selected: boolean;
  tabStop: boolean;
}) {
  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.altKey) return;
    if (e.key === 'ArrowUp') { e.preventDefault(); moveTo(p.name, p.index, p.last, p.index - 1); }
    if (e.key === 'ArrowDown') { e.preventDefault(); moveTo(p.name, p.index, p.last, p.index + 1); }
  };
  return (
    <button
      type="button"
      data-layer-select={p.name}
      data-cell="select"
      tabIndex={p.tabStop ? 0 : -1}
      aria-label={`Select ${p.name}`}
      aria-pressed={p.selected}
      aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
      onClick={() => useFlopLab.getState().selectLayer(p.name)}
      onKeyDown={onKeyDown}
      className="flex min-w-0 flex-1 flex-col items-start py-1 pr-2 text-left"
    >
      <span className="flex w-full items-baseline gap-1.5">
        {p.error && <span aria-hidden="true" className="font-bold text-error">⚠</span>}
        <span className="truncate font-mono text-[0.95rem] font-semibold text-slate-900">{p.name}</span>
        <span className="ml-auto shrink-0 text-sm tabular-nums text-slate-700">{p.costText}</span>
      </span>
      <span className="w-full truncate text-sm tabular-nums text-slate-600">
        <span className="font-medium text-slate-800">{p.type}</span> {p.shapeText}
      </span>
    </button>
  );
});

const RowDetails = memo(function RowDetails(p: {
  name: string; index: number; last: boolean; inputsText: string | null; error: string | undefined; selected: boolean;
  tabCell: string | null;
}) {
  const { duplicateLayer, removeLayer } = useFlopLab.getState();
  const cell = (name: string) => ({ 'data-cell': name, tabIndex: p.tabCell === name ? 0 : -1 });
  const move = (to: number) => moveTo(p.name, p.index, p.last, to);
  const remove = () => {
    const names = useFlopLab.getState().graph.layers.map((l) => l.name);
    const neighbour = names[p.index + 1] ?? names[p.index - 1] ?? null;
    removeLayer(p.name);
    if (neighbour) focusLayerRow(neighbour);
  };
  return (
    <>
      {p.inputsText && (
        <p className="truncate px-7 pb-1 font-mono text-xs text-slate-600" title={p.inputsText}>{p.inputsText}</p>
      )}
      {p.error && (
        <p data-testid="layer-error" role="alert" className="mx-1 mb-1 rounded bg-white/70 px-2 py-1 text-sm font-medium text-error">
          {p.error}
        </p>
      )}
      {/* The selected row shows its actions in a row of their own; others on hover or focus. */}
      <div
        className={p.selected
          ? 'flex justify-end gap-0.5 px-1 pb-1'
          : 'absolute right-1 top-0.5 flex items-center rounded-md bg-inherit opacity-0 shadow-sm ring-1 ring-slate-200 transition-opacity group-focus-within:opacity-100 group-hover:opacity-100'}
      >
        <IconButton {...cell('up')} label={`Move ${p.name} up`} disabled={p.index === 0} onClick={() => move(p.index - 1)}><Icon name="up" /></IconButton>
        <IconButton {...cell('down')} label={`Move ${p.name} down`} disabled={p.last} onClick={() => move(p.index + 1)}><Icon name="down" /></IconButton>
        <IconButton {...cell('duplicate')} label={`Duplicate ${p.name}`} onClick={() => duplicateLayer(p.name)}><Icon name="copy" /></IconButton>
        <IconButton {...cell('delete')} label={`Delete ${p.name}`} className="hover:!bg-error-light hover:!text-error" onClick={remove}><Icon name="close" /></IconButton>
      </div>
    </>
  );
});

function DropLine({ where }: { where: 'before' | 'after' }) {
  return (
    <span
      aria-hidden="true"
      className={`pointer-events-none absolute inset-x-0 h-1 rounded bg-accent ${where === 'before' ? '-top-1.5' : '-bottom-1.5'}`}
    />
  );
}
