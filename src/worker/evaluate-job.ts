/**
 * evaluate(): test accuracy of the weights the worker holds for the graph (trained in the page,
 * imported, or a trained preset). Without such weights the answer is 'no-weights': accuracy of
 * random weights teaches nothing, so it is not computed.
 */
import type { ModelGraph } from '../core/model';
import { evaluateAccuracy } from '../tf/evaluate';
import type { JobCancelled, ProgressCallback } from './api';
import type { DigitsJobOptions, EvaluateResult } from './digits-api';
import { failedJob, prepareDigitsModel } from './digits-model';
import { CANCELLED } from './jobs';

export async function evaluateGraph(
  graph: ModelGraph, options: DigitsJobOptions, signal: AbortSignal, onProgress?: ProgressCallback,
): Promise<EvaluateResult | JobCancelled> {
  onProgress?.({ fraction: 0, message: 'Loading the digits…' });
  const prepared = await prepareDigitsModel(graph, { purpose: 'inference', seed: 1, pixelScale: options.pixelScale });
  if (!prepared.ok) return failedJob(prepared.error);
  try {
    if (prepared.value.weights !== 'held') return { status: 'no-weights', cancelled: false };
    if (signal.aborted) return CANCELLED;
    onProgress?.({ fraction: 0.2, message: `Classifying the ${prepared.value.data.split.test.length} test digits…` });
    const accuracy = await evaluateAccuracy(prepared.value.model, prepared.value.data);
    if (signal.aborted) return CANCELLED;
    return { status: 'done', cancelled: false, accuracy, examples: prepared.value.data.split.test.length, split: 'test' };
  } finally {
    prepared.value.dispose();
  }
}
