/**
 * deepCompression(): Han et al. 2016's pipeline (tf/deep-compression.ts) on the LeNet-300-100
 * weights the worker holds, for the "Reproduce Deep Compression" table. The held weights stay
 * as they were (the recipe works on a copy built for the job).
 */
import type { ModelGraph } from '../core/model';
import { reproduceDeepCompression } from '../tf/deep-compression';
import type { JobCancelled, ProgressCallback } from './api';
import type { DeepCompressionResult, DigitsJobOptions } from './digits-api';
import { failedJob, prepareDigitsModel } from './digits-model';
import { CANCELLED } from './jobs';

const STEP: Record<string, string> = { compress: 'Compressing', evaluate: 'Measuring test accuracy', retrain: 'Retraining' };

export async function deepCompressionOf(
  graph: ModelGraph, options: DigitsJobOptions, signal: AbortSignal, onProgress?: ProgressCallback,
): Promise<DeepCompressionResult | JobCancelled> {
  const started = performance.now();
  onProgress?.({ fraction: 0, message: 'Loading the digits and TensorFlow.js…' });
  const prepared = await prepareDigitsModel(graph, { purpose: 'training', seed: 1, pixelScale: options.pixelScale });
  if (!prepared.ok) return failedJob(prepared.error);
  const { model, data, backend } = prepared.value;
  try {
    if (prepared.value.weights !== 'held') return { status: 'no-weights', cancelled: false };
    const run = await reproduceDeepCompression(model, data, {
      signal,
      onProgress: (p) => onProgress?.({
        fraction: p.fraction,
        message: `${STEP[p.step] ?? p.step} (${p.kind}${p.epoch ? `, epoch ${p.epoch}` : ''}${p.batch ? `, batch ${p.batch} of ${p.batches}` : ''}; ${backend})…`,
      }),
    });
    if (!run.ok) return run.error.code === 'cancelled' ? CANCELLED : failedJob(run.error);
    if (signal.aborted) return CANCELLED;
    const r = run.value;
    return {
      status: 'done', cancelled: false, before: r.before, after: r.after, ratio: r.ratio,
      stages: r.stages.map((s) => ({ name: s.name, bytes: s.bytes, accuracy: s.accuracy, accuracyBeforeRetraining: s.accuracyBeforeRetraining })),
      fileBytes: r.fileBytes, paper: { ...r.paper }, seconds: (performance.now() - started) / 1000, backend,
    };
  } finally {
    prepared.value.dispose();
  }
}
