/**
 * sensitivity(): per-layer sensitivity of the weights the worker holds for a graph (issue 9;
 * src/tf/sensitivity.ts does the work), with progress per measured point and cancel. Without
 * held weights the answer is 'no-weights'.
 */
import type { ModelGraph } from '../core/model';
import { analyseSensitivity } from '../tf/sensitivity';
import type { JobCancelled, ProgressCallback } from './api';
import type { SensitivityJobOptions, SensitivityResult } from './distill-api';
import { failedJob, prepareDigitsModel } from './digits-model';
import { CANCELLED } from './jobs';

export async function sensitivityOf(
  graph: ModelGraph, options: SensitivityJobOptions, signal: AbortSignal, onProgress?: ProgressCallback,
): Promise<SensitivityResult | JobCancelled> {
  const started = performance.now();
  onProgress?.({ fraction: 0, message: 'Loading the digits…' });
  const prepared = await prepareDigitsModel(graph, { purpose: 'inference', seed: 1, pixelScale: options.pixelScale });
  if (!prepared.ok) return failedJob(prepared.error);
  try {
    if (prepared.value.weights !== 'held') return { status: 'no-weights', cancelled: false };
    const what = options.kind === 'prune' ? 'Pruning' : 'Quantizing';
    const run = await analyseSensitivity(prepared.value.model, prepared.value.data, options.kind, (p) => {
      onProgress?.({ fraction: p.done / p.total, message: `${what} ${p.layer} alone: point ${p.done} of ${p.total}` });
    }, signal);
    if (run.status === 'cancelled' || signal.aborted) return CANCELLED;
    return { status: 'done', cancelled: false, report: run.report, seconds: (performance.now() - started) / 1000 };
  } finally {
    prepared.value.dispose();
  }
}
