/** The left column: palette and layer stack in one drag-and-drop context. */
import { useCallback } from 'react';
import type { LayerType } from '../../core/model';
import { useFlopLab } from '../../state/store';
import { EditorDnd } from './editor-dnd';
import { LayerStack } from './layer-stack';
import { Palette } from './palette';

/**
 * Adds a layer after the selected one (or at the end); the store selects it. The palette then
 * moves the focus to its first field in the inspector; the stack scrolls the new one into view.
 */
function addAfterSelection(type: LayerType): void {
  const { graph, selectedLayer, addLayer } = useFlopLab.getState();
  const at = graph.layers.findIndex((l) => l.name === selectedLayer);
  addLayer(type, at >= 0 ? at + 1 : undefined);
}

export function EditorPanel() {
  const onAdd = useCallback((type: LayerType) => addAfterSelection(type), []);
  return (
    <EditorDnd>
      {({ dropTarget, paletteDragging }) => (
        <div className="flex h-full min-h-0 flex-col gap-3">
          <Palette onAdd={onAdd} />
          <LayerStack dropTarget={dropTarget} paletteDragging={paletteDragging} />
        </div>
      )}
    </EditorDnd>
  );
}
