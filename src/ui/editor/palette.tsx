/**
 * The layer palette: one button per layer type. Click (or Enter/Space) adds the layer after the
 * selected one (or at the end); dragging a button into the stack inserts it there.
 * Only the pointer starts a drag here, so the keyboard keeps Enter/Space for "add".
 */
import { useDraggable } from '@dnd-kit/core';
import { memo } from 'react';
import { LAYER_TYPES_IN_PALETTE } from '../../core/layer-defaults';
import type { LayerType } from '../../core/model';
import { PALETTE_GROUPS } from './palette-groups';

export interface PaletteDragData { kind: 'palette'; type: LayerType }

export const Palette = memo(function Palette({ onAdd }: { onAdd(type: LayerType): void }) {
  const groups = PALETTE_GROUPS.map((g) => ({ ...g, types: g.types.filter((t) => LAYER_TYPES_IN_PALETTE.includes(t)) }));
  const grouped = new Set(groups.flatMap((g) => g.types));
  const other = LAYER_TYPES_IN_PALETTE.filter((t) => !grouped.has(t));
  if (other.length > 0) groups.push({ label: 'Other', types: other });
  return (
    <section aria-labelledby="palette-heading" className="flex flex-col gap-1.5">
      <h2 id="palette-heading" className="text-sm font-bold uppercase tracking-wide text-slate-600">
        Add a layer <span className="font-normal normal-case tracking-normal">(click, or drag into the stack)</span>
      </h2>
      <div className="flex flex-col gap-1">
        {groups.filter((g) => g.types.length > 0).map((g) => (
          <div key={g.label} role="group" aria-label={g.label} className="flex flex-wrap items-center gap-1">
            <span className="w-14 shrink-0 text-xs font-semibold text-slate-500" aria-hidden="true">{g.label}</span>
            {g.types.map((t) => <PaletteItem key={t} type={t} onAdd={onAdd} />)}
          </div>
        ))}
      </div>
    </section>
  );
});

function PaletteItem({ type, onAdd }: { type: LayerType; onAdd(type: LayerType): void }) {
  const data: PaletteDragData = { kind: 'palette', type };
  const { setNodeRef, listeners, isDragging } = useDraggable({ id: `palette:${type}`, data });
  // Pointer only: the keyboard sensor would take Enter/Space, which here mean "add".
  const { onKeyDown: _keyboardDrag, ...pointerListeners } = listeners ?? {};
  return (
    <button
      ref={setNodeRef}
      type="button"
      aria-label={`Add ${type}`}
      title={`Add ${type} after the selected layer (or drag it into the stack)`}
      {...pointerListeners}
      onClick={() => onAdd(type)}
      className={`cursor-grab touch-none rounded border border-slate-300 bg-white px-1.5 py-0.5 text-sm font-medium text-slate-800 hover:border-accent hover:bg-accent-light ${isDragging ? 'opacity-40' : ''}`}
    >
      {type}
    </button>
  );
}

/** What follows the pointer while a palette item is dragged. */
export function PaletteDragPreview({ type }: { type: LayerType }) {
  return (
    <div className="rounded border-2 border-accent bg-white px-2 py-1 text-sm font-semibold shadow-lg">
      + {type}
    </div>
  );
}
