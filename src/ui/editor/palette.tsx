/**
 * The layer palette: one button per layer type. Click (or Enter/Space) adds the layer after the
 * selected one (or at the end) and moves the focus to its first field in the inspector, so a
 * keyboard user types its size next; dragging a button into the stack inserts it there.
 * Only the pointer starts a drag here, so the keyboard keeps Enter/Space for "add".
 */
import { useDraggable } from '@dnd-kit/core';
import { memo, useState } from 'react';
import { LAYER_TYPES_IN_PALETTE } from '../../core/layer-defaults';
import type { LayerType } from '../../core/model';
import { focusNewLayerField } from './focus-inspector';
import { PALETTE_LABELS, paletteButtonName } from './palette-groups';

export interface PaletteDragData { kind: 'palette'; type: LayerType }

export const Palette = memo(function Palette({ onAdd }: { onAdd(type: LayerType): void }) {
  const [open, setOpen] = useState(true);
  return (
    <section aria-labelledby="palette-heading" className="flex flex-col gap-1.5">
      <div className="flex items-center gap-2">
        <h2 id="palette-heading" className="whitespace-nowrap text-base font-bold">Add a layer</h2>
        <span className="truncate text-xs text-slate-500">click or drag</span>
        <button type="button" aria-expanded={open} aria-controls="palette-items" onClick={() => setOpen(!open)}
          className="ml-auto rounded px-1.5 text-sm text-accent-dark underline-offset-2 hover:underline">
          {open ? 'Hide' : 'Show'}
        </button>
      </div>
      {open && (
        <div id="palette-items" className="flex flex-wrap gap-1">
          {LAYER_TYPES_IN_PALETTE.map((t) => <PaletteItem key={t} type={t} onAdd={onAdd} />)}
        </div>
      )}
    </section>
  );
});

function PaletteItem({ type, onAdd }: { type: LayerType; onAdd(type: LayerType): void }) {
  const data: PaletteDragData = { kind: 'palette', type };
  const { setNodeRef, listeners, isDragging } = useDraggable({ id: `palette:${type}`, data });
  // Pointer only: the keyboard sensor would take Enter/Space, which here mean "add".
  const { onKeyDown: _keyboardDrag, ...pointerListeners } = listeners ?? {};
  const label = PALETTE_LABELS[type] ?? type;
  return (
    <button
      ref={setNodeRef}
      type="button"
      aria-label={paletteButtonName(type)}
      title={`Add ${type} after the selected layer (or drag it into the stack)`}
      {...pointerListeners}
      onClick={() => {
        onAdd(type);
        focusNewLayerField();
      }}
      className={`cursor-grab touch-none rounded border border-slate-300 bg-white px-1.5 py-0.5 text-[0.85rem] font-medium text-slate-800 hover:border-accent hover:bg-accent-light ${isDragging ? 'opacity-40' : ''}`}
    >
      {label}
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
