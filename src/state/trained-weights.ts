/**
 * Keeps the worker's trained weights in step with the model the page shows (issue 8):
 * - picking a trained preset shows its recorded test accuracy at once and loads its weights
 *   (public/models/<id>/) into the worker behind it;
 * - an import whose model the digits fit is evaluated, so imported trained weights show their
 *   accuracy too.
 * Jobs that use the held weights wait for a load in progress (`trainedWeightsSettled`).
 */
import type { StoreApi } from 'zustand';
import { appPath } from '../core/app-path';
import { digitsFit } from '../core/digits/fit';
import { findPreset } from '../core/presets/index';
import type { FlopLabState } from './store-types';
import { restoreTrainedWeights, saveTrainedWeights } from './trained-storage';
import { weightsKey } from './weights-key';
import { getWorker, newJobId, onWorkerDeath, workerUsable } from './worker-client';

let pending: Promise<void> = Promise.resolve();

/** Resolves when no trained-weights load is on its way. */
export function trainedWeightsSettled(): Promise<void> {
  return pending;
}

/** Shows the preset's recorded accuracy and loads its weights into the worker. */
export function loadTrainedPreset(store: StoreApi<FlopLabState>, presetId: string): void {
  const preset = findPreset(presetId);
  if (!preset?.trained || !workerUsable()) return;
  const graph = preset.build();
  store.getState().recordTrained(graph, preset.trained.testAccuracy, 'preset');
  const key = weightsKey(graph);
  // A call that could not even be sent (rejected) fails like one the worker refused: `pending`
  // must never reject, jobs wait on it.
  const load = getWorker().loadTrainedModel(appPath(preset.trained.modelPath)).then(
    (result) => (result.status === 'done' ? null : result.error.message),
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  ).then((problem) => {
    if (problem === null) return;
    const state = store.getState();
    if (state.trained?.key === key && state.trained.source === 'preset') state.forgetTrained();
    state.showNotice({ kind: 'error', message: `The trained weights of ${preset.name} could not be loaded: ${problem}` });
  });
  pending = pending.then(() => load, () => load);
}

/** Measures the test accuracy of imported weights (a digits model); nothing when none came. */
async function evaluateImport(store: StoreApi<FlopLabState>): Promise<void> {
  const { graph, pixelScale } = store.getState();
  if (!digitsFit(graph).ok) return;
  const result = await getWorker().evaluate(graph, { jobId: newJobId('evaluate'), pixelScale });
  if (result.status === 'done' && store.getState().graph === graph) {
    store.getState().recordTrained(graph, result.accuracy, 'imported', result.examples);
    await saveTrainedWeights(graph, result.accuracy, 'imported');
  }
}

/**
 * A new worker holds no weights: bring back the current model's (the shipped preset's, or the copy
 * saved in IndexedDB after training or import); where none can be had, stop showing an accuracy
 * the worker no longer has, and say so.
 */
async function recoverAfterRestart(store: StoreApi<FlopLabState>): Promise<void> {
  const { trained, presetId } = store.getState();
  if (trained === null) return;
  if (trained.source === 'preset' && presetId !== null) {
    loadTrainedPreset(store, presetId);
    return;
  }
  if (await restoreTrainedWeights(store)) return;
  const state = store.getState();
  if (state.trained?.key !== trained.key) return;
  state.forgetTrained();
  state.showNotice({ kind: 'error', message: 'The weights trained in this page were lost with the background worker. Train the model again (Train tab) or re-import it.' });
}

/** Subscribes the watcher to the store (once, at start-up). */
export function watchTrainedWeights(store: StoreApi<FlopLabState>): void {
  onWorkerDeath((death) => {
    if (!death.restarted) return;
    const run = recoverAfterRestart(store);
    pending = pending.then(() => run, () => run);
  });
  // After start-up (boot has restored the model): bring back weights saved for it, after any
  // trained preset's load, so weights trained further here win over the shipped ones.
  if (typeof indexedDB !== 'undefined' && workerUsable()) {
    setTimeout(() => {
      const run = pending.then(() => restoreTrainedWeights(store)).then(() => undefined, () => undefined);
      pending = run;
    });
  }
  store.subscribe((state, prev) => {
    if (state.presetId !== prev.presetId && state.presetId !== null) loadTrainedPreset(store, state.presetId);
    // By the count of imports: a re-imported model can equal the one before (same graph object).
    if (state.importsDone !== prev.importsDone && workerUsable()) {
      const run = evaluateImport(store);
      pending = pending.then(() => run, () => run);
    }
  });
}
