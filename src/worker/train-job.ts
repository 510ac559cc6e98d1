/**
 * train(): trains (or continues training) the current graph on the digits in the worker, with
 * per-batch progress and loss, per-epoch accuracy, and cancel between batches. A finished run's
 * weights replace the ones the worker holds (weight-store.ts), so compress, evaluate and the
 * sweep use them; a cancelled or failed run leaves the held weights as they were.
 */
import type { ModelGraph } from '../core/model';
import { trainModel } from '../tf/train';
import type { JobCancelled } from './api';
import type { TrainJobOptions, TrainProgressCallback, TrainResult } from './digits-api';
import { failedJob, prepareDigitsModel, weightsToKeep } from './digits-model';
import { expectBusyFor, ONE_STEP_GRACE_MS } from './heartbeat';
import { CANCELLED } from './jobs';
import { rememberImportedWeights } from './weight-store';

export async function trainGraph(
  graph: ModelGraph, options: TrainJobOptions, signal: AbortSignal, onProgress?: TrainProgressCallback,
): Promise<TrainResult | JobCancelled> {
  const started = performance.now();
  onProgress?.({ fraction: 0, message: 'Loading the digits and TensorFlow.js…' });
  expectBusyFor(ONE_STEP_GRACE_MS);
  const prepared = await prepareDigitsModel(graph, {
    purpose: 'training', seed: options.train.seed, pixelScale: options.pixelScale, fromScratch: options.fromScratch,
  });
  if (!prepared.ok) return failedJob(prepared.error);
  const { model, data, backend } = prepared.value;
  try {
    if (signal.aborted) return CANCELLED;
    const { epochs } = options.train;
    const trainDigits = Math.min(options.train.trainLimit ?? data.split.train.length, data.split.train.length);
    const trained = await trainModel(model, data, options.train, (p) => {
      if (p.type === 'batch') {
        const done = p.epoch - 1 + p.batch / p.batches;
        onProgress?.({
          fraction: 0.02 + 0.98 * (done / epochs),
          message: `Epoch ${p.epoch} of ${epochs}, batch ${p.batch} of ${p.batches} (${backend}): loss ${p.loss.toFixed(3)}`,
          batch: { epoch: done, loss: p.loss },
        });
      } else {
        onProgress?.({
          fraction: 0.02 + 0.98 * (p.record.epoch / epochs),
          message: `Epoch ${p.record.epoch} of ${epochs}: test accuracy ${(p.record.accuracy * 100).toFixed(2)} %`,
          record: p.record,
        });
      }
    }, signal);
    if (!trained.ok) return failedJob(trained.error);
    if (trained.value.status === 'cancelled' || signal.aborted) return CANCELLED;
    const history = trained.value.history;
    rememberImportedWeights(weightsToKeep(model));
    return {
      status: 'done', cancelled: false, history,
      accuracy: history[history.length - 1].accuracy,
      examples: data.split.test.length, trainDigits,
      startedFrom: prepared.value.weights === 'held' ? 'trained' : 'random',
      backend, seconds: (performance.now() - started) / 1000,
    };
  } finally {
    prepared.value.dispose();
  }
}
