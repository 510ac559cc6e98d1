/**
 * The compress job's pipeline step with accuracy (issue 8). When the graph fits the digits and
 * the worker holds its trained weights (and the caller asked for accuracy), the plan runs stage by stage with test accuracy after
 * each stage and retraining after prune and share stages (tf/compress-retrain.ts); otherwise the
 * plain pipeline runs and the job keeps the random-probe fidelity for models without a dataset.
 */
import type * as tf from '@tensorflow/tfjs';
import { runPipeline } from '../core/compress/pipeline';
import type { CompressionPlan, CompressionResult, WeightTensor } from '../core/compress/types';
import { digitsFit } from '../core/digits/fit';
import type { ModelGraph } from '../core/model';
import type { FlopLabError } from '../core/result';
import { compressWithAccuracy } from '../tf/compress-retrain';
import { digitsTensors, disposeDigitsTensors } from '../tf/digits-data';
import { setNamedWeights } from '../tf/export-model';
import type { CompressAccuracy, CompressAccuracyOptions } from './digits-api';
import { loadDigits } from './digits-source';

export interface PipelineOutcome {
  result: CompressionResult;
  /** Null: no accuracy for this model (no dataset fits, or no trained weights); `accuracyNote` says why when it matters. */
  accuracy: CompressAccuracy | null;
  accuracyNote?: string;
}

export interface PipelineStepArgs {
  graph: ModelGraph;
  /** The built model holding `weights`; it holds them again when this returns. */
  model: tf.LayersModel;
  weights: WeightTensor[];
  /** True when `weights` are trained (held by the worker), not seeded random ones. */
  trained: boolean;
  plan: CompressionPlan;
  options?: CompressAccuracyOptions;
  signal: AbortSignal;
  onProgress(fraction: number, message: string): void;
}

/** The progress message of each stage. */
export const STAGE_VERBS: Record<string, string> = {
  prune: 'Pruning', share: 'Sharing weights (k-means)', quantize: 'Quantizing', huffman: 'Huffman coding',
};

/** True when the job will measure accuracy (so it needs a backend that can train). */
export function wantsAccuracy(graph: ModelGraph, trained: boolean): boolean {
  return trained && digitsFit(graph).ok;
}

/** Runs the plan; 'cancelled' when the signal fired, an error value when the plan failed. */
export async function runPipelineStep(args: PipelineStepArgs): Promise<PipelineOutcome | 'cancelled' | FlopLabError> {
  const { graph, weights, plan, signal, onProgress } = args;
  if (args.options && wantsAccuracy(graph, args.trained) && !plan.stages.some((s) => s.kind === 'prune' && s.structured)) {
    const measured = await withAccuracy(args);
    if (measured !== null) return measured;
  }
  const piped = await runPipeline(weights, plan, {
    signal, onProgress: (f, stage) => onProgress(f, `${STAGE_VERBS[stage] ?? stage}…`),
  }, { graph });
  if (!piped.ok) return piped.error.code === 'cancelled' ? 'cancelled' : piped.error;
  const structured = args.options !== undefined && wantsAccuracy(graph, args.trained);
  return {
    result: piped.value, accuracy: null,
    accuracyNote: structured ? 'Test accuracy is not measured with structured pruning (it changes the layers, so the model cannot be retrained in place).' : undefined,
  };
}

/** Null when the digits cannot be loaded (the plain pipeline runs instead). */
async function withAccuracy(args: PipelineStepArgs): Promise<PipelineOutcome | 'cancelled' | FlopLabError | null> {
  const { graph, model, weights, plan, signal, onProgress } = args;
  const fit = digitsFit(graph);
  const digits = await loadDigits();
  if (!fit.ok || !digits.ok) return null;
  const retrainEpochs = args.options?.retrainEpochs ?? 0;
  const data = digitsTensors(digits.value, fit.value, args.options?.pixelScale ?? 'unit');
  try {
    const run = await compressWithAccuracy(model, data, plan, {
      retrainEpochs,
      retrain: {
        ...(args.options?.trainLimit ? { trainLimit: args.options.trainLimit } : {}),
        ...(args.options?.learningRate ? { learningRate: args.options.learningRate } : {}),
      },
      signal,
      onProgress: (p) => {
        const what = p.step === 'retrain'
          ? `Retraining after ${p.kind}: epoch ${p.epoch} of ${retrainEpochs}, batch ${p.batch} of ${p.batches}`
          : p.step === 'evaluate' ? `Test accuracy after ${p.kind}` : STAGE_VERBS[p.kind] ?? p.kind;
        onProgress(p.fraction, `${what}…`);
      },
    });
    if (!run.ok) return run.error.code === 'cancelled' ? 'cancelled' : run.error;
    return {
      result: run.value.compression,
      accuracy: {
        retrainEpochs,
        examples: data.split.test.length,
        before: run.value.before.accuracy,
        after: run.value.after.accuracy,
        stages: run.value.stages.map((s) => ({ name: s.name, bytes: s.bytes, accuracy: s.accuracy, accuracyRetrained: s.accuracyRetrained })),
      },
    };
  } finally {
    disposeDigitsTensors(data);
    // The caller compares the compressed model with the original one: give it its weights back.
    setNamedWeights(model, weights);
  }
}
