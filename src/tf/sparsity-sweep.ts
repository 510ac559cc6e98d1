/**
 * Accuracy vs sparsity (issue 8; the picture of Han et al. 2015, Fig. 5): for each sparsity,
 * prune every prunable kernel by magnitude to it and measure test accuracy, then retrain with
 * the mask fixed (compress-retrain.ts) and measure again. The model's trained weights are put
 * back before every point and at the end, also on cancel or error. Shared by the worker's
 * "Sweep sparsity" job and scripts; `measureSweepCost` + `estimateSweepMs` say up front how
 * long it will take on this backend.
 */
import type * as tf from '@tensorflow/tfjs';
import { fail, ok, type Result } from '../core/result';
import { compressWithAccuracy, DEFAULT_RETRAIN, type RetrainSettings } from './compress-retrain';
import type { DigitsTensors } from './digits-data';
import { evaluateAccuracy } from './evaluate';
import { namedWeightsOf, setNamedWeights } from './export-model';
import { trainModel } from './train';

/** The sparsities: 0, 50, 70, 80, 90, 95, 98, 99 %. */
export const DEFAULT_SWEEP_SPARSITIES: readonly number[] = [0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99];

export interface SweepOptions {
  /** Fractions pruned, each in [0, 1) (default DEFAULT_SWEEP_SPARSITIES). */
  sparsities?: readonly number[];
  /** Retraining epochs per point, integer ≥ 0 (default 1; 0 = accuracy without retraining only). */
  retrainEpochs?: number;
  /** Retraining settings (default DEFAULT_RETRAIN of compress-retrain.ts). */
  retrain?: Partial<RetrainSettings>;
  /** One magnitude threshold across all kernels instead of one per kernel (default false). */
  global?: boolean;
  onProgress?: (p: SweepProgress) => void;
  signal?: AbortSignal;
}

export interface SweepProgress {
  /** Fraction of the sweep done, 0..1. */
  fraction: number;
  /** 0-based index of the point running, and how many there are. */
  point: number;
  points: number;
  sparsity: number;
}

export interface SweepPoint {
  sparsity: number;
  /** Test accuracy right after pruning, 0..1. */
  accuracy: number;
  /**
   * After retraining with the mask fixed; null when retrainEpochs is 0. At sparsity 0 nothing
   * was removed, so nothing is retrained: it equals `accuracy`.
   */
  accuracyRetrained: number | null;
}

export interface SweepResult {
  /** Test accuracy of the trained model. */
  baseline: number;
  points: SweepPoint[];
}

const bad = (field: string, message: string) => fail({ code: 'invalid-value', field, message: `Sparsity sweep: ${message}` });

/** Runs the sweep (see the file comment). Cancel → { ok: false, error: { code: 'cancelled' } }. */
export async function sweepSparsity(model: tf.LayersModel, data: DigitsTensors, options: SweepOptions = {}): Promise<Result<SweepResult>> {
  const sparsities = options.sparsities ?? DEFAULT_SWEEP_SPARSITIES;
  const epochs = options.retrainEpochs ?? 1;
  const wrong = sparsities.find((s) => !(s >= 0 && s < 1));
  if (wrong !== undefined || sparsities.length === 0) return bad('sparsities', `Expected sparsities in [0, 1), but got ${wrong ?? 'none'}.`);
  if (!(Number.isInteger(epochs) && epochs >= 0 && epochs <= 1000)) return bad('retrainEpochs', `Expected retrainEpochs to be an integer from 0 to 1000, but got ${epochs}.`);
  const original = namedWeightsOf(model);
  const baseline = await evaluateAccuracy(model, data);
  const points: SweepPoint[] = [];
  try {
    for (const [i, sparsity] of sparsities.entries()) {
      const report = (f: number) => options.onProgress?.({ fraction: (i + f) / sparsities.length, point: i, points: sparsities.length, sparsity });
      report(0);
      const retrainEpochs = sparsity > 0 ? epochs : 0;
      const r = await compressWithAccuracy(model, data, { stages: [{ kind: 'prune', sparsity, global: options.global ?? false }] }, {
        retrainEpochs, retrain: options.retrain, signal: options.signal, onProgress: (p) => report(p.fraction),
      });
      if (!r.ok) return r;
      const stage = r.value.stages[1];
      points.push({ sparsity, accuracy: stage.accuracy, accuracyRetrained: epochs === 0 ? null : stage.accuracyRetrained ?? stage.accuracy });
      setNamedWeights(model, original);
    }
    options.onProgress?.({ fraction: 1, point: sparsities.length - 1, points: sparsities.length, sparsity: sparsities[sparsities.length - 1] });
    return ok({ baseline, points });
  } finally {
    setNamedWeights(model, original);
  }
}

/** What one training step and one test evaluation cost on the current backend. */
export interface SweepCost {
  msPerStep: number;
  msPerEvaluation: number;
  /** Training steps per retraining epoch (training digits / batch size, rounded up). */
  stepsPerEpoch: number;
}

/**
 * Measures `SweepCost` on `model` as it is now: one test evaluation and `steps` training steps
 * (default 3) of the sweep's retraining, after a warm-up evaluation; the weights are put back
 * afterwards. Takes about steps + 3 evaluations of time.
 */
export async function measureSweepCost(model: tf.LayersModel, data: DigitsTensors, retrain: Partial<RetrainSettings> = {}, steps = 3): Promise<Result<SweepCost>> {
  const settings = { ...DEFAULT_RETRAIN, ...retrain };
  const original = namedWeightsOf(model);
  try {
    await evaluateAccuracy(model, data); // warm-up: the first pass compiles kernels and is slower
    let t = performance.now();
    await evaluateAccuracy(model, data);
    const msPerEvaluation = performance.now() - t;
    // Steps timed from the start to the last batch's progress event (the epoch's evaluation follows it).
    let lastBatchAt = 0;
    t = performance.now();
    const trained = await trainModel(model, data, { ...settings, epochs: 1, trainLimit: Math.min(data.split.train.length, steps * settings.batchSize) }, (p) => {
      if (p.type === 'batch') lastBatchAt = performance.now();
    });
    if (!trained.ok) return trained;
    const msPerStep = (lastBatchAt - t) / Math.ceil(Math.min(data.split.train.length, steps * settings.batchSize) / settings.batchSize);
    const trainCount = settings.trainLimit ?? data.split.train.length;
    return ok({ msPerStep, msPerEvaluation, stepsPerEpoch: Math.ceil(trainCount / settings.batchSize) });
  } finally {
    setNamedWeights(model, original);
  }
}

/**
 * Estimated duration of a sweep, in ms: a baseline evaluation; per point two evaluations (the
 * trained model, the pruned one) and, where the sparsity is above 0, `retrainEpochs` epochs of
 * steps each followed by one evaluation.
 */
export function estimateSweepMs(cost: SweepCost, sparsities: readonly number[] = DEFAULT_SWEEP_SPARSITIES, retrainEpochs = 1): number {
  const retrained = sparsities.filter((s) => s > 0).length;
  const evaluations = 1 + 2 * sparsities.length + retrained * retrainEpochs;
  const steps = retrained * retrainEpochs * cost.stepsPerEpoch;
  return evaluations * cost.msPerEvaluation + steps * cost.msPerStep;
}
