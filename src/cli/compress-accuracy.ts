/**
 * `floplab compress --retrain-epochs N` and accuracy in its JSON (issue 8): for a model the
 * digits fit, the plan runs stage by stage on the model's trained weights with test accuracy
 * before and after (src/tf/compress-retrain.ts, the worker's code), retraining after prune and
 * share stages. Loaded only for such models (tfjs).
 */
import * as tf from '@tensorflow/tfjs';
import type { CompressionPlan, CompressionResult, WeightTensor } from '../core/compress/types';
import { digitsFit } from '../core/digits/fit';
import type { ModelGraph } from '../core/model';
import { fail, ok, type Result } from '../core/result';
import { selectBackend } from '../tf/backend';
import { compressWithAccuracy } from '../tf/compress-retrain';
import { disposeDigitsTensors } from '../tf/digits-data';
import { modelWithWeights } from '../tf/model-files';
import { numberValue, type ParsedArgs } from './args';
import { appDigitsFor } from './distill-inputs';

export interface CompressAccuracy {
  compression: CompressionResult;
  /** Test accuracy of the given weights and of the final ones (after the last stage and its retraining), 0..1. */
  before: number;
  after: number;
}

/** --retrain-epochs as a number (default 0), or the one-line reason it is wrong. */
export function retrainEpochsFrom(flags: ParsedArgs['flags']): Result<number> {
  const raw = flags['retrain-epochs'];
  if (raw === undefined) return ok(0);
  const n = numberValue(raw);
  if (!(Number.isInteger(n) && n >= 0 && n <= 1000)) return fail({ code: 'invalid-value', field: 'retrain-epochs', message: `Option --retrain-epochs: Expected an integer from 0 to 1000, but got '${String(raw)}'.` });
  return ok(n);
}

/**
 * Compresses with accuracy when the digits fit `graph` and the plan keeps the graph (no
 * structured pruning); returns null when accuracy does not apply, an error when
 * --retrain-epochs is bad, or above 0 where it cannot apply (the reason names the model or the plan).
 */
export async function compressOnDigits(graph: ModelGraph, weights: WeightTensor[], plan: CompressionPlan, flags: ParsedArgs['flags']): Promise<Result<CompressAccuracy | null>> {
  const epochs = retrainEpochsFrom(flags);
  if (!epochs.ok) return epochs;
  const retrainEpochs = epochs.value;
  const fit = digitsFit(graph);
  const structured = plan.stages.some((s) => s.kind === 'prune' && s.structured);
  if (!fit.ok || structured) {
    if (retrainEpochs === 0) return ok(null);
    return fail({ code: 'invalid-value', message: `Option --retrain-epochs: ${fit.ok ? 'Expected unstructured pruning (retraining keeps the layers), but got --structured' : fit.error.message}` });
  }
  tf.env().set('PROD', true); // no "install tfjs-node" banner on the cpu backend
  await selectBackend('training', { graph });
  const data = await appDigitsFor(graph);
  if (!data.ok) return data;
  const model = modelWithWeights(graph, weights, 'model');
  try {
    if (!model.ok) return model;
    const run = await compressWithAccuracy(model.value, data.value, plan, { retrainEpochs });
    if (!run.ok) return run;
    return ok({ compression: run.value.compression, before: run.value.before.accuracy, after: run.value.after.accuracy });
  } finally {
    if (model.ok) model.value.dispose();
    disposeDigitsTensors(data.value);
  }
}
