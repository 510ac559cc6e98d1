/**
 * Files dropped anywhere on the page are imported (model.json + weights, .onnx, .keras, .h5, or a FlopLab JSON).
 * Only native file drags count; dnd-kit's pointer drags in the editor never reach this.
 */
import { useEffect, useState } from 'react';
import { useFlopLab } from '../../state/store';

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

export function PageDropZone() {
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setOver(true);
    };
    const overPage = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (files.length > 0) void useFlopLab.getState().importFiles(files);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overPage);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overPage);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);
  if (!over) return null;
  return (
    <div className="pointer-events-none fixed inset-0 z-50 flex items-center justify-center bg-accent/20 p-8">
      <div className="rounded-xl border-4 border-dashed border-accent bg-white px-10 py-8 text-center text-2xl font-bold text-accent-dark shadow-xl">
        Drop a model.json with its weight files, an .onnx, .keras or .h5 file, or a FlopLab JSON to import
      </div>
    </div>
  );
}
