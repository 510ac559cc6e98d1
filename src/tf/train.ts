/**
 * Training on the digits with an explicit loop (tf.variableGrads + optimizer.applyGradients per
 * batch, not model.fit) so retraining after compression can reshape the gradients
 * (fine-tune.ts: fixed pruning masks, k-means centroid updates). Seeded: the training digits
 * are shuffled each epoch by a seeded permutation; the initial weights are the caller's
 * (buildTfModel's seed). Cancel is checked between batches and is not an error: the result says
 * 'cancelled' and holds the epochs finished so far. Every tensor made here is disposed (the
 * model's own variables are the caller's).
 */
import * as tf from '@tensorflow/tfjs';
import type { RetrainConstraints } from '../core/compress/retrain-constraints';
import { yieldToEventLoop } from '../core/compress/yield';
import { seededPermutation } from '../core/digits/split';
import { SGD_MOMENTUM, validateTrainOptions, type TrainOptions } from '../core/digits/train-options';
import { fail, ok, type Result } from '../core/result';
import type { DigitsTensors } from './digits-data';
import { countCorrect, evaluateAccuracy, predictOne } from './evaluate';
import { constrainTraining } from './fine-tune';

export interface EpochRecord {
  /** 1-based. */
  epoch: number;
  /** Mean training loss (cross-entropy, nats) over the epoch's batches, weighted by batch size. */
  loss: number;
  /** Fraction of training digits classified right during the epoch (as Keras reports it). */
  trainAccuracy: number;
  /** Test-split accuracy after the epoch, 0..1. */
  accuracy: number;
}

export type TrainProgress =
  | { type: 'batch'; epoch: number; batch: number; batches: number; loss: number }
  | { type: 'epoch'; record: EpochRecord };

export interface TrainRun extends TrainOptions {
  /** Constraints of a compressed model: retraining keeps its zeros and shared values. */
  constraints?: RetrainConstraints;
}

export interface TrainResult {
  status: 'done' | 'cancelled';
  history: EpochRecord[];
  /** Trained codebooks of shared kernels (by tensor name); empty without sharing constraints. */
  codebooks: Record<string, Float32Array>;
}

/** True when the model's output layer applies softmax (its outputs are probabilities). */
export function outputsProbabilities(model: tf.LayersModel): boolean {
  const layer = model.outputLayers[0];
  const config = layer.getConfig() as { activation?: string };
  return layer.getClassName() === 'Softmax' || config.activation === 'softmax';
}

/** Mean categorical cross-entropy; probabilities are clipped as Keras does (ε = 1e-7). */
function crossEntropy(output: tf.Tensor, labels: tf.Tensor1D, probabilities: boolean): tf.Scalar {
  const oneHot = tf.oneHot(labels, output.shape[1]!);
  if (!probabilities) return tf.losses.softmaxCrossEntropy(oneHot, output) as tf.Scalar;
  const logP = tf.log(tf.clipByValue(output, 1e-7, 1 - 1e-7));
  return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, logP), 1))) as tf.Scalar;
}

/** The optimizer of `o` (Adam, or SGD with momentum SGD_MOMENTUM); dispose it with disposeOptimizer. */
export function makeOptimizer(o: Pick<TrainOptions, 'optimizer' | 'learningRate'>): tf.Optimizer {
  return o.optimizer === 'adam' ? tf.train.adam(o.learningRate) : tf.train.momentum(o.learningRate, SGD_MOMENTUM);
}

/**
 * tfjs 4.22's MomentumOptimizer.dispose() frees its momentum scalar and accumulators but not the
 * learning-rate scalar its SGD base keeps (sgd_optimizer.js `this.c`), one tensor per job.
 */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  const rate = (optimizer as unknown as { c?: tf.Tensor }).c;
  if (optimizer.getClassName() === 'Momentum' && rate && !rate.isDisposed) rate.dispose();
}

/**
 * Trains `model` in place on the training split (the first `trainLimit` digits of it) and
 * evaluates the test split after every epoch. Bad options are an error value.
 */
export async function trainModel(
  model: tf.LayersModel, data: DigitsTensors, options: TrainRun,
  onProgress: (p: TrainProgress) => void = () => {}, signal?: AbortSignal,
): Promise<Result<TrainResult>> {
  const invalid = validateTrainOptions(options);
  if (invalid) return fail(invalid);
  const trainIndices = data.split.train.subarray(0, options.trainLimit ?? data.split.train.length);
  const probabilities = outputsProbabilities(model);
  const optimizer = makeOptimizer(options);
  const constrained = constrainTraining(model, options.constraints);
  const history: EpochRecord[] = [];
  const batches = Math.ceil(trainIndices.length / options.batchSize);
  let status: TrainResult['status'] = 'done';
  try {
    for (let epoch = 1; epoch <= options.epochs && status === 'done'; epoch++) {
      const order = seededPermutation(trainIndices.length, options.seed * 1000 + epoch);
      let lossSum = 0;
      let correct = 0;
      for (let b = 0; b < batches; b++) {
        if (signal?.aborted) { status = 'cancelled'; break; }
        const picked = Int32Array.from(order.subarray(b * options.batchSize, (b + 1) * options.batchSize), (k) => trainIndices[k]);
        const stats = trainStep(model, data, picked, probabilities, optimizer, constrained);
        const [loss, right] = await stats.data();
        stats.dispose();
        lossSum += loss * picked.length;
        correct += right;
        onProgress({ type: 'batch', epoch, batch: b + 1, batches, loss });
        await yieldToEventLoop();
      }
      if (status === 'cancelled') break;
      const record: EpochRecord = { epoch, loss: lossSum / trainIndices.length, trainAccuracy: correct / trainIndices.length, accuracy: await evaluateAccuracy(model, data) };
      history.push(record);
      onProgress({ type: 'epoch', record });
    }
    return ok({ status, history, codebooks: constrained.codebooks() });
  } finally {
    constrained.dispose();
    disposeOptimizer(optimizer);
  }
}

/** One gradient step on the digits `picked`; returns [loss, correct] (caller disposes). */
function trainStep(
  model: tf.LayersModel, data: DigitsTensors, picked: Int32Array, probabilities: boolean,
  optimizer: tf.Optimizer, constrained: ReturnType<typeof constrainTraining>,
): tf.Tensor1D {
  return tf.tidy(() => {
    const idx = tf.tensor1d(picked, 'int32');
    const x = tf.gather(data.images, idx);
    const y = tf.gather(data.labels, idx) as tf.Tensor1D;
    let right: tf.Scalar | undefined;
    const { value, grads } = tf.variableGrads(() => {
      const out = predictOne(model, x, true);
      right = tf.keep(countCorrect(out, y));
      return crossEntropy(out, y, probabilities);
    }, constrained.variables);
    optimizer.applyGradients(constrained.transformGradients(grads));
    constrained.project();
    const stats = tf.stack([value, right!.toFloat()]) as tf.Tensor1D;
    right!.dispose();
    return stats;
  });
}
