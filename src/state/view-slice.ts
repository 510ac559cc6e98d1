/** The view slice: FLOPs convention, the MACs/FLOPs switch and the open tab. */
import { refreshPinned, runAnalysis, type StoreDeps } from './run-analysis';
import type { SliceCreator, ViewSlice } from './store-types';

export function createViewSlice(deps: StoreDeps): SliceCreator<ViewSlice> {
  return (set, get) => ({
    convention: 'default',
    metric: 'macs',
    tab: 'analysis',
    setConvention(convention) {
      if (convention === get().convention) return;
      set({ convention });
      runAnalysis(deps, set, get);
      refreshPinned(set, get);
    },
    setMetric(metric) {
      set({ metric });
    },
    setTab(tab) {
      set({ tab });
    },
  });
}
