/** The comparison slice: the pinned model "A" that the current model "B" is compared with. */
import type { ComparisonSlice, SliceCreator } from './store-types';

export const createComparisonSlice: SliceCreator<ComparisonSlice> = (set, get) => ({
  pinned: null,
  pinComparison() {
    const { report, reportGraph } = get();
    if (!report || !reportGraph) {
      get().showNotice({ kind: 'error', message: 'There are no figures to pin yet: fix the model first.' });
      return;
    }
    // The last good model and its report: a broken current graph has no figures to compare.
    set({ pinned: { graph: reportGraph, report } });
  },
  clearComparison() {
    set({ pinned: null });
  },
});
