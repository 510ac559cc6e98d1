/**
 * Compression with accuracy (issue 8), shared by the worker's compress job and the CLI: runs a
 * CompressionPlan stage by stage on a trained tfjs model (core/compress/stagewise.ts), writes each
 * stage's weights into the model and measures test accuracy; after a prune or share stage it
 * retrains for `retrainEpochs` epochs inside the stage's structure (Han et al. 2016: §2 pruned
 * connections stay 0, §3.1 shared weights train their centroids; src/tf/fine-tune.ts) and
 * measures again. Quantize and Huffman stages are not retrained (Huffman changes no value).
 *
 * On success the model holds the final weights (after the last stage and its retraining). On
 * cancel (not an error: { ok: false, error: { code: 'cancelled' } }) or any error the model gets
 * its original weights back. Every tensor made here is disposed.
 */
import type * as tf from '@tensorflow/tfjs';
import { StagewiseRun } from '../core/compress/stagewise';
import type { CompressionPlan, CompressionResult, StageKind } from '../core/compress/types';
import type { TrainOptions } from '../core/digits/train-options';
import { fail, ok, type Result } from '../core/result';
import type { DigitsTensors } from './digits-data';
import { evaluateAccuracy } from './evaluate';
import { namedWeightsOf, setNamedWeights } from './export-model';
import { trainModel, type EpochRecord } from './train';

/** Retraining settings (epochs come from `retrainEpochs`). */
export type RetrainSettings = Omit<TrainOptions, 'epochs'>;

/**
 * Default retraining after pruning: SGD with momentum 0.9, learning rate 0.05, batch 32, seed 1,
 * all 8,000 digits: the shipped models' own training settings. Measured on the shipped
 * LeNet-300-100 (97.05 %) pruned to 90 % in every layer: one epoch recovers 86.1 % → 96.2 %
 * (Adam 1e-4: 93.7 %; Adam 1e-3, batch 64: 96.1 %); at 95 %: 60.7 % → 95.1 %.
 */
export const DEFAULT_RETRAIN: RetrainSettings = { optimizer: 'sgd', learningRate: 0.05, batchSize: 32, seed: 1 };

/**
 * A shared centroid moves by the sum of its weights' gradients (Han et al. 2016 §3.1), hundreds
 * of times a single weight's: after a share stage the learning rate is this fraction of the
 * retraining's, unless the stage's own settings (stageRetrain) give one.
 */
export const SHARE_LEARNING_RATE_FACTOR = 0.1;

export interface CompressWithAccuracyOptions {
  /** Epochs of retraining after each prune and share stage; 0 = none. Integer 0..1000. */
  retrainEpochs: number;
  /** Optimizer, learning rate, batch, seed and train limit of the retraining (default DEFAULT_RETRAIN). */
  retrain?: Partial<RetrainSettings>;
  /**
   * Per stage (by index in the plan): other epochs or settings for that stage's retraining,
   * e.g. fewer epochs for the centroids than after pruning. Only prune and share stages retrain.
   */
  stageRetrain?: (Partial<RetrainSettings> & { epochs?: number } | undefined)[];
  onProgress?: (p: CompressAccuracyProgress) => void;
  signal?: AbortSignal;
}

export interface CompressAccuracyProgress {
  /** Fraction of the whole job done, 0..1 (a stage and each retraining epoch count alike). */
  fraction: number;
  /** 0-based index of the stage running. */
  stage: number;
  kind: StageKind;
  step: 'compress' | 'evaluate' | 'retrain';
  /** While retraining: epoch (1-based) and batch progress. */
  epoch?: number;
  batch?: number;
  batches?: number;
}

export interface StageAccuracy {
  name: 'original' | StageKind;
  /** Bytes of all weights in the storage format the stages so far imply (core pipeline). */
  bytes: number;
  /** Test accuracy right after the stage (for 'original': of the trained model), 0..1. */
  accuracy: number;
  /** Test accuracy after the stage's retraining; absent when the stage was not retrained. */
  accuracyRetrained?: number;
  /** Per-epoch history of the stage's retraining (empty when not retrained). */
  retraining: EpochRecord[];
}

export interface CompressWithAccuracyResult {
  /** 'original' first, then one entry per stage of the plan. */
  stages: StageAccuracy[];
  before: { bytes: number; accuracy: number };
  /** The final model: after the last stage and its retraining. */
  after: { bytes: number; accuracy: number };
  /** before.bytes / after.bytes. */
  ratio: number;
  /** The core pipeline's result for the final weights (sizes, per-layer records, weights). */
  compression: CompressionResult;
}

const cancelled = () => fail({ code: 'cancelled', message: 'Compression cancelled.' });

/** Accuracy after a stage entry: retrained if it was, else right after the stage. */
export const finalAccuracyOf = (s: StageAccuracy): number => s.accuracyRetrained ?? s.accuracy;

/**
 * Compresses `model` by `plan` with test accuracy after every stage (see the file comment).
 * Bad retraining settings and plans are error values.
 */
export async function compressWithAccuracy(
  model: tf.LayersModel, data: DigitsTensors, plan: CompressionPlan, options: CompressWithAccuracyOptions,
): Promise<Result<CompressWithAccuracyResult>> {
  const { retrainEpochs, signal } = options;
  const epochsOf = (i: number) => options.stageRetrain?.[i]?.epochs ?? retrainEpochs;
  for (const [i, epochs] of [retrainEpochs, ...plan.stages.map((_, i) => epochsOf(i))].entries()) {
    if (!(Number.isInteger(epochs) && epochs >= 0 && epochs <= 1000)) {
      const field = i === 0 ? 'retrainEpochs' : `stage ${i} retraining epochs`;
      return fail({ code: 'invalid-value', field: 'retrainEpochs', message: `Retraining: Expected ${field} to be an integer from 0 to 1000, but got ${epochs}.` });
    }
  }
  const original = namedWeightsOf(model);
  const started = StagewiseRun.start(original, plan, { signal });
  if (!started.ok) return started;
  const run = started.value;
  const retrainedEpochs = (i: number) => (plan.stages[i].kind === 'prune' || plan.stages[i].kind === 'share' ? epochsOf(i) : 0);
  const units = plan.stages.reduce((n, _, i) => n + 1 + retrainedEpochs(i), 0);
  let unitsDone = 0;
  const progress = (p: Omit<CompressAccuracyProgress, 'fraction'>, within = 0) => options.onProgress?.({ ...p, fraction: units ? Math.min(1, (unitsDone + within) / units) : 1 });
  const restore = <T>(r: Result<T>) => { setNamedWeights(model, original); return r; };

  const stages: StageAccuracy[] = [{ name: 'original', bytes: run.stageBytes[0].bytes, accuracy: await evaluateAccuracy(model, data), retraining: [] }];
  for (const [i, stage] of plan.stages.entries()) {
    progress({ stage: i, kind: stage.kind, step: 'compress' });
    const applied = await run.applyNext();
    if (!applied.ok) return restore(applied);
    setNamedWeights(model, run.weights());
    progress({ stage: i, kind: stage.kind, step: 'evaluate' });
    const entry: StageAccuracy = { name: stage.kind, bytes: applied.value.bytes, accuracy: await evaluateAccuracy(model, data), retraining: [] };
    unitsDone++;
    if (signal?.aborted) return restore(cancelled());
    const epochs = retrainedEpochs(i);
    if (epochs > 0) {
      const { epochs: _e, ...stageSettings } = options.stageRetrain?.[i] ?? {};
      const base = { ...DEFAULT_RETRAIN, ...options.retrain };
      if (stage.kind === 'share') base.learningRate *= SHARE_LEARNING_RATE_FACTOR;
      const settings = { ...base, ...stageSettings, epochs, constraints: run.constraints() };
      const trainedResult = await trainModel(model, data, settings, (p) => {
        if (p.type === 'batch') progress({ stage: i, kind: stage.kind, step: 'retrain', epoch: p.epoch, batch: p.batch, batches: p.batches }, p.epoch - 1 + p.batch / p.batches);
      }, signal);
      if (!trainedResult.ok) return restore(trainedResult);
      if (trainedResult.value.status === 'cancelled') return restore(cancelled());
      const updated = run.update(namedWeightsOf(model));
      if (!updated.ok) return restore(updated);
      entry.retraining = trainedResult.value.history;
      entry.accuracyRetrained = entry.retraining[entry.retraining.length - 1].accuracy;
      unitsDone += epochs;
    }
    stages.push(entry);
  }
  const last = stages[stages.length - 1];
  const before = { bytes: stages[0].bytes, accuracy: stages[0].accuracy };
  const after = { bytes: last.bytes, accuracy: finalAccuracyOf(last) };
  options.onProgress?.({ fraction: 1, stage: Math.max(0, plan.stages.length - 1), kind: plan.stages[plan.stages.length - 1]?.kind ?? 'huffman', step: 'evaluate' });
  return ok({ stages, before, after, ratio: after.bytes > 0 ? before.bytes / after.bytes : Infinity, compression: run.result() });
}
