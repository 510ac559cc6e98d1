/**
 * sweep(): accuracy vs sparsity of the weights the worker holds for the graph (tf/sparsity-sweep.ts),
 * without and with retraining. It first measures one evaluation and a few training steps on this
 * backend and reports the estimated duration, so the page can say how long it will take.
 */
import type { ModelGraph } from '../core/model';
import { DEFAULT_SWEEP_SPARSITIES, estimateSweepMs, measureSweepCost, sweepSparsity } from '../tf/sparsity-sweep';
import type { JobCancelled } from './api';
import type { SweepJobOptions, SweepJobProgress, SweepResult } from './digits-api';
import { failedJob, prepareDigitsModel } from './digits-model';
import { CANCELLED } from './jobs';

export async function sweepGraph(
  graph: ModelGraph, options: SweepJobOptions, signal: AbortSignal, onProgress?: (p: SweepJobProgress) => void,
): Promise<SweepResult | JobCancelled> {
  const started = performance.now();
  onProgress?.({ fraction: 0, message: 'Loading the digits and TensorFlow.js…' });
  const purpose = options.retrainEpochs > 0 ? 'training' : 'inference';
  const prepared = await prepareDigitsModel(graph, { purpose, seed: 1, pixelScale: options.pixelScale });
  if (!prepared.ok) return failedJob(prepared.error);
  const { model, data, backend } = prepared.value;
  try {
    if (prepared.value.weights !== 'held') return { status: 'no-weights', cancelled: false };
    const retrain = {
      ...(options.trainLimit ? { trainLimit: options.trainLimit } : {}),
      ...(options.learningRate ? { learningRate: options.learningRate } : {}),
    };
    onProgress?.({ fraction: 0.01, message: `Timing one evaluation and a few training steps (${backend})…` });
    const cost = await measureSweepCost(model, data, retrain);
    if (!cost.ok) return failedJob(cost.error);
    if (signal.aborted) return CANCELLED;
    const estimateMs = estimateSweepMs(cost.value, DEFAULT_SWEEP_SPARSITIES, options.retrainEpochs);
    const about = `about ${Math.max(1, Math.round(estimateMs / 1000))} s here (${backend})`;
    onProgress?.({ fraction: 0.02, message: `Sweeping 8 sparsities: ${about}…`, estimateMs });
    const swept = await sweepSparsity(model, data, {
      retrainEpochs: options.retrainEpochs, retrain, signal,
      onProgress: (p) => onProgress?.({
        fraction: 0.02 + 0.98 * p.fraction,
        message: `Sparsity ${Math.round(p.sparsity * 100)} % (point ${p.point + 1} of ${p.points}); whole sweep ${about}`,
      }),
    });
    if (!swept.ok) return swept.error.code === 'cancelled' ? CANCELLED : failedJob(swept.error);
    if (signal.aborted) return CANCELLED;
    return {
      status: 'done', cancelled: false, baseline: swept.value.baseline, points: swept.value.points,
      retrainEpochs: options.retrainEpochs, estimateMs, seconds: (performance.now() - started) / 1000, backend,
    };
  } finally {
    prepared.value.dispose();
  }
}
