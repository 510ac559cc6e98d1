/**
 * The FlopLab store: one zustand store composed of slices (model with history, view, device,
 * comparison, notice, import, accuracy). Components select single fields: `useFlopLab((s) => s.graph)`.
 */
import { create } from 'zustand';
import { createAccuracySlice } from './accuracy-slice';
import { createLatestAnalysis } from './analysis';
import { createComparisonSlice } from './comparison-slice';
import { createDeviceSlice } from './device-slice';
import { createImportSlice } from './import-slice';
import { createLessonSlice } from './lesson-slice';
import { createModelSlice } from './model-slice';
import { createNoticeSlice } from './notice-slice';
import type { StoreDeps } from './run-analysis';
import type { FlopLabState } from './store-types';
import { watchTrainedWeights } from './trained-weights';
import { createViewSlice } from './view-slice';

export type * from './store-types';

const deps: StoreDeps = { analysis: createLatestAnalysis(), now: () => Date.now() };

export const useFlopLab = create<FlopLabState>()((...a) => ({
  ...createModelSlice(deps)(...a),
  ...createViewSlice(deps)(...a),
  ...createDeviceSlice(...a),
  ...createComparisonSlice(...a),
  ...createNoticeSlice(...a),
  ...createImportSlice(...a),
  ...createLessonSlice()(...a),
  ...createAccuracySlice(...a),
}));

watchTrainedWeights(useFlopLab);

/** Resolves once the newest analysis has landed in the store (tests, boot). */
export function analysisSettled(): Promise<void> {
  return deps.analysis.settled();
}

/** The store's state as first created, for resetting between tests. */
export const initialFlopLabState: FlopLabState = useFlopLab.getState();

/** Replaces a clock for tests of edit coalescing. */
export function setStoreClock(now: () => number): void {
  deps.now = now;
}
