/**
 * The FlopLab store: one zustand store composed of slices (model with history, view, device,
 * comparison, notice, import, accuracy). Components select single fields: `useFlopLab((s) => s.graph)`.
 */
import { create } from 'zustand';
import { createLatestAnalysis } from './analysis';
import { createFlopLabState } from './create-state';
import type { StoreDeps } from './run-analysis';
import type { FlopLabState } from './store-types';
import { watchTrainedWeights } from './trained-weights';

export type * from './store-types';

const deps: StoreDeps = { analysis: createLatestAnalysis(), now: () => Date.now() };

export const useFlopLab = create<FlopLabState>()(createFlopLabState(deps));

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
