/**
 * The accuracy slice (issue 8): the test accuracy of the trained weights the worker holds, and
 * which graph they belong to (weights-key.ts). Set by a finished training, a trained preset (its
 * recorded accuracy at once, the weights loading behind it) or an evaluation of imported
 * weights. `useTrained` (accuracy-selectors) shows it only while the current graph is that graph;
 * `knownAccuracies` keeps the last few, so Compare can show A's accuracy after B was trained.
 */
import type { PixelScale } from '../core/digits/fit';
import type { ModelGraph } from '../core/model';
import type { AccuracySlice, SliceCreator, TrainedWeightsSource } from './store-types';
import { weightsKey } from './weights-key';

/** Accuracies remembered for Compare (A may be a model trained earlier); older ones are dropped. */
export const KNOWN_ACCURACIES_LIMIT = 20;

export const createAccuracySlice: SliceCreator<AccuracySlice> = (set, get) => ({
  trained: null,
  knownAccuracies: [],
  pixelScale: 'unit',
  recordTrained(graph: ModelGraph, accuracy: number, source: TrainedWeightsSource, examples = 2000) {
    const trained = { key: weightsKey(graph), accuracy, examples, source };
    const known = [...get().knownAccuracies.filter((k) => k.key !== trained.key), trained].slice(-KNOWN_ACCURACIES_LIMIT);
    set({ trained, knownAccuracies: known });
  },
  forgetTrained() {
    set({ trained: null });
  },
  setPixelScale(pixelScale: PixelScale) {
    set({ pixelScale });
  },
});
