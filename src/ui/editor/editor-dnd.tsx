/**
 * One dnd-kit context for the palette and the stack: layers are reordered by dragging (pointer,
 * or keyboard: Space on a row's handle, arrows, Space), palette items are dropped between layers.
 */
import {
  closestCenter, DndContext, DragOverlay, KeyboardSensor, PointerSensor, pointerWithin, useSensor, useSensors,
  type Active, type CollisionDetection, type DragEndEvent, type DragMoveEvent, type DragStartEvent, type Over,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useCallback, useState, type ReactNode } from 'react';
import type { LayerType } from '../../core/model';
import { useFlopLab } from '../../state/store';
import { STACK_END_ID, type DropTarget } from './layer-stack';
import { PaletteDragPreview, type PaletteDragData } from './palette';

const isPalette = (active: Active | null) => (active?.data.current as PaletteDragData | undefined)?.kind === 'palette';

/** Palette items land only where the pointer is; layers snap to the closest slot. */
const collisionDetection: CollisionDetection = (args) => (isPalette(args.active) ? pointerWithin(args) : closestCenter(args));

/** Where a palette item dropped now would go: before/after the row under it, or at the end. */
function dropTargetOf(active: Active, over: Over | null): DropTarget | null {
  if (!over) return null;
  if (over.id === STACK_END_ID) return { name: null };
  const dragged = active.rect.current.translated;
  const before = dragged ? dragged.top + dragged.height / 2 < over.rect.top + over.rect.height / 2 : true;
  return { name: String(over.id), where: before ? 'before' : 'after' };
}

export function EditorDnd({ children }: { children(state: { dropTarget: DropTarget | null; paletteDragging: boolean }): ReactNode }) {
  const [draggedType, setDraggedType] = useState<LayerType | null>(null);
  const [dropTarget, setDropTarget] = useState<DropTarget | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const onDragStart = useCallback((e: DragStartEvent) => {
    if (isPalette(e.active)) setDraggedType((e.active.data.current as PaletteDragData).type);
  }, []);

  const onDragMove = useCallback((e: DragMoveEvent) => {
    if (!isPalette(e.active)) return;
    const next = dropTargetOf(e.active, e.over);
    setDropTarget((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
  }, []);

  const onDragEnd = useCallback((e: DragEndEvent) => {
    setDraggedType(null);
    setDropTarget(null);
    const { graph, addLayer, moveLayer } = useFlopLab.getState();
    const names = graph.layers.map((l) => l.name);
    if (isPalette(e.active)) {
      const target = dropTargetOf(e.active, e.over);
      if (!target) return;
      const type = (e.active.data.current as PaletteDragData).type;
      if (target.name === null) { addLayer(type); return; }
      const at = names.indexOf(target.name);
      if (at >= 0) addLayer(type, target.where === 'before' ? at : at + 1);
      return;
    }
    if (!e.over || e.over.id === e.active.id || e.over.id === STACK_END_ID) return;
    const from = names.indexOf(String(e.active.id));
    const to = names.indexOf(String(e.over.id));
    if (from >= 0 && to >= 0) moveLayer(from, to);
  }, []);

  const onDragCancel = useCallback(() => {
    setDraggedType(null);
    setDropTarget(null);
  }, []);

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisionDetection}
      onDragStart={onDragStart}
      onDragMove={onDragMove}
      onDragEnd={onDragEnd}
      onDragCancel={onDragCancel}
      // Scroll the stack only when the pointer is really at its edge (the default 20% band is
      // most of a short stack, which then runs away under the pointer).
      autoScroll={{ threshold: { x: 0, y: 0.08 }, acceleration: 6 }}
      accessibility={{ announcements, screenReaderInstructions: { draggable: INSTRUCTIONS } }}
    >
      {children({ dropTarget, paletteDragging: draggedType !== null })}
      <DragOverlay dropAnimation={null}>{draggedType ? <PaletteDragPreview type={draggedType} /> : null}</DragOverlay>
    </DndContext>
  );
}

const INSTRUCTIONS = 'To move a layer, press Space, use the up and down arrow keys, then press Space again to drop it or Escape to cancel. Alt+Arrow keys on a layer move it one place.';

const label = (id: string | number) => String(id).replace(/^palette:/, 'new ');
const announcements = {
  onDragStart: ({ active }: { active: Active }) => `Picked up ${label(active.id)}.`,
  onDragOver: ({ active, over }: { active: Active; over: Over | null }) =>
    over ? `${label(active.id)} is over ${over.id === STACK_END_ID ? 'the end of the list' : label(over.id)}.` : `${label(active.id)} is not over the list.`,
  onDragEnd: ({ active, over }: { active: Active; over: Over | null }) =>
    over ? `Dropped ${label(active.id)} at ${over.id === STACK_END_ID ? 'the end' : label(over.id)}.` : `${label(active.id)} was dropped outside the list.`,
  onDragCancel: ({ active }: { active: Active }) => `Cancelled moving ${label(active.id)}.`,
};
