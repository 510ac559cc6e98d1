/** The import slice: "Import model" files → the current model, or a notice and no change. */
import { readImportFiles } from './import-files';
import type { ImportSlice, SliceCreator } from './store-types';

export const createImportSlice: SliceCreator<ImportSlice> = (set, get) => ({
  importing: false,
  importsDone: 0,
  async importFiles(files) {
    set({ importing: true });
    const result = await readImportFiles(files).catch((error: unknown) => {
      // A throw is a bug somewhere below; the user still gets a message and keeps the model.
      const detail = error instanceof Error ? error.message : String(error);
      return { ok: false as const, error: { code: 'parse-error' as const, message: `Could not import the files: ${detail}` } };
    });
    if (!result.ok) {
      set({ importing: false });
      get().showNotice({ kind: 'error', message: result.error.message });
      return;
    }
    const { graph, warnings, fileName } = result.value;
    get().setGraph(graph, { presetId: null, recordHistory: true });
    set({ importing: false, importsDone: get().importsDone + 1, selectedLayer: null });
    const count = `${graph.layers.length} layer${graph.layers.length === 1 ? '' : 's'}`;
    const notes = warnings.length > 0 ? ` ${warnings.join(' ')}` : '';
    get().showNotice({ kind: 'info', message: `Imported ${fileName} (${count}).${notes}` });
  },
});
