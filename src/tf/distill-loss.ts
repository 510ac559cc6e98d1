/**
 * The distillation loss as tfjs ops (the same formula as src/core/distill/loss.ts, which tests
 * it): α · CE(y, softmax(z_s)) on a labelled batch + (1 − α) · T² · KL(softmax(z_t/T) ‖
 * softmax(z_s/T)) on a transfer batch, each term a mean over its batch (Hinton et al. 2015).
 */
import * as tf from '@tensorflow/tfjs';

/** Mean cross-entropy of logits `z` [b, k] against int labels `y` [b], in nats. */
export function crossEntropyOfLogits(z: tf.Tensor2D, y: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.neg(tf.mean(tf.sum(tf.mul(tf.oneHot(y, z.shape[1]), tf.logSoftmax(z)), 1))) as tf.Scalar);
}

/** Mean KL(softmax(z_t/T) ‖ softmax(z_s/T)) over the batch, in nats (without the T² factor). */
export function softTargetKl(studentLogits: tf.Tensor2D, teacherLogits: tf.Tensor2D, temperature: number): tf.Scalar {
  return tf.tidy(() => {
    const logP = tf.logSoftmax(tf.div(teacherLogits, temperature));
    const logQ = tf.logSoftmax(tf.div(studentLogits, temperature));
    return tf.mean(tf.sum(tf.mul(tf.exp(logP), tf.sub(logP, logQ)), 1));
  });
}

export interface DistillLossInputs {
  /** Student logits on the labelled batch and its labels. */
  labelledLogits: tf.Tensor2D;
  labels: tf.Tensor1D;
  /** Student and teacher logits on the transfer batch. */
  transferLogits: tf.Tensor2D;
  teacherLogits: tf.Tensor2D;
  temperature: number;
  alpha: number;
}

/** α·CE + (1 − α)·T²·KL (see the file comment); a scalar the caller disposes. */
export function distillationLossTf(i: DistillLossInputs): tf.Scalar {
  return tf.tidy(() => {
    const hard = crossEntropyOfLogits(i.labelledLogits, i.labels);
    const soft = softTargetKl(i.transferLogits, i.teacherLogits, i.temperature);
    return tf.add(tf.mul(hard, i.alpha), tf.mul(soft, (1 - i.alpha) * i.temperature * i.temperature)) as tf.Scalar;
  });
}
