/**
 * Test accuracy on the digits: the fraction of images whose arg-max output is their label.
 * Batched (batches are gathered from the uploaded digits), every intermediate tensor disposed.
 * Works for models ending in softmax (probabilities) and for logits alike: arg-max is the same.
 */
import * as tf from '@tensorflow/tfjs';
import { yieldToEventLoop } from '../core/compress/yield';
import type { DigitsTensors } from './digits-data';

export interface EvaluateOptions {
  /** Images per forward pass (default 500). */
  batchSize?: number;
}

/** The model's single output on `x` (inference mode). */
export function predictOne(model: tf.LayersModel, x: tf.Tensor, training = false): tf.Tensor {
  const y = model.apply(x, { training }) as tf.Tensor | tf.Tensor[];
  return Array.isArray(y) ? y[0] : y;
}

/** Number of correct predictions in one batch, as a scalar (caller disposes). */
export function countCorrect(output: tf.Tensor, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.equal(tf.argMax(output, 1).toInt(), labels).toInt().sum());
}

/**
 * Accuracy (0..1) of `model` on the images `indices` (default: the test split). Async so the
 * worker stays responsive: each batch is read back before the next one starts.
 */
export async function evaluateAccuracy(
  model: tf.LayersModel, data: DigitsTensors, indices: Uint32Array = data.split.test, options: EvaluateOptions = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  if (indices.length === 0) return Number.NaN;
  let correct = 0;
  for (let start = 0; start < indices.length; start += batchSize) {
    // A macrotask per batch: on cpu `data()` resolves at once, and a worker must keep answering heartbeats.
    await yieldToEventLoop();
    const batch = indices.subarray(start, Math.min(indices.length, start + batchSize));
    const count = tf.tidy(() => {
      const idx = tf.tensor1d(Int32Array.from(batch), 'int32');
      return countCorrect(predictOne(model, tf.gather(data.images, idx)), tf.gather(data.labels, idx));
    });
    correct += (await count.data())[0];
    count.dispose();
  }
  return correct / indices.length;
}
