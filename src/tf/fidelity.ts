/**
 * Output fidelity without a dataset: the original and the compressed model run on one fixed,
 * seeded probe batch (standard-normal inputs); we compare their outputs. Relative output error
 * ‖y − ŷ‖ / ‖y‖ (Frobenius norm over the whole batch) and top-1 agreement (the fraction of
 * samples whose arg-max over the flattened output is the same). Every tensor is disposed.
 */
import * as tf from '@tensorflow/tfjs';

export interface Fidelity {
  /** ‖y − ŷ‖ / ‖y‖ over the probe batch (0 = identical). */
  relativeError: number;
  /** Fraction of probe samples with the same arg-max, 0..1. */
  top1Agreement: number;
  samples: number;
}

export interface FidelityOptions {
  /** Probe batch size (default 8). */
  batch?: number;
  /** Seed of the probe inputs (default 42). */
  seed?: number;
}

/** The probe inputs for a model: one standard-normal tensor per model input. Caller disposes. */
export function probeBatch(model: tf.LayersModel, batch: number, seed: number): tf.Tensor[] {
  return model.inputs.map((input, i) => {
    const shape = input.shape.slice(1).map((d) => d ?? 1);
    return tf.randomNormal([batch, ...shape], 0, 1, 'float32', seed + i);
  });
}

function firstOutput(model: tf.LayersModel, inputs: tf.Tensor[]): tf.Tensor2D {
  const y = model.predict(inputs.length === 1 ? inputs[0] : inputs);
  const first = Array.isArray(y) ? y[0] : y;
  return first.reshape([first.shape[0], -1]) as tf.Tensor2D;
}

/** Runs both models on the same probe batch and compares their (first) outputs. */
export function measureFidelity(original: tf.LayersModel, compressed: tf.LayersModel, options: FidelityOptions = {}): Fidelity {
  const batch = options.batch ?? 8;
  const seed = options.seed ?? 42;
  const [errorNorm, refNorm, agree] = tf.tidy(() => {
    const inputs = probeBatch(original, batch, seed);
    const y = firstOutput(original, inputs);
    const yHat = firstOutput(compressed, inputs);
    const same = tf.equal(tf.argMax(y, 1), tf.argMax(yHat, 1)).sum();
    return [tf.norm(tf.sub(y, yHat)), tf.norm(y), same];
  });
  const out = {
    relativeError: errorNorm.dataSync()[0] / Math.max(refNorm.dataSync()[0], Number.MIN_VALUE),
    top1Agreement: agree.dataSync()[0] / batch,
    samples: batch,
  };
  tf.dispose([errorNorm, refNorm, agree]);
  return out;
}

export interface SteppedFidelityOptions extends FidelityOptions {
  /** Probe samples per predict (default 1): smaller steps keep the thread answering messages. */
  samplesPerStep?: number;
  /** Runs between steps, so a worker stays responsive (heartbeats, cancel). */
  betweenSteps?: () => Promise<void>;
  signal?: AbortSignal;
}

/**
 * measureFidelity in steps of `samplesPerStep` probe samples (the same seeded probe batch), with
 * `betweenSteps` awaited between them: on a slow backend one batch-8 predict of MobileNetV1 would
 * block the worker for seconds. The sums of squares add up across steps, so the result equals
 * measureFidelity's up to float rounding. Null when `signal` aborts.
 */
export async function measureFidelityStepped(
  original: tf.LayersModel, compressed: tf.LayersModel, options: SteppedFidelityOptions = {},
): Promise<Fidelity | null> {
  const batch = options.batch ?? 8;
  const step = Math.max(1, options.samplesPerStep ?? 1);
  const inputs = probeBatch(original, batch, options.seed ?? 42);
  let errorSquares = 0;
  let refSquares = 0;
  let agree = 0;
  try {
    for (let start = 0; start < batch; start += step) {
      await options.betweenSteps?.();
      if (options.signal?.aborted) return null;
      const size = Math.min(step, batch - start);
      const part = inputs.map((x) => x.slice(start, size));
      // Each model's predict is its own step (a first predict also prepares the weights).
      const y = tf.tidy(() => firstOutput(original, part));
      await options.betweenSteps?.();
      const sums = tf.tidy(() => {
        const yHat = firstOutput(compressed, part);
        return [
          tf.sum(tf.square(tf.sub(y, yHat))), tf.sum(tf.square(y)),
          tf.equal(tf.argMax(y, 1), tf.argMax(yHat, 1)).sum(),
        ];
      });
      tf.dispose([y, ...part]);
      const [e, r, a] = await Promise.all(sums.map((t) => t.data()));
      tf.dispose(sums);
      errorSquares += e[0];
      refSquares += r[0];
      agree += a[0];
    }
  } finally {
    tf.dispose(inputs);
  }
  return {
    relativeError: Math.sqrt(errorSquares) / Math.max(Math.sqrt(refSquares), Number.MIN_VALUE),
    top1Agreement: agree / batch,
    samples: batch,
  };
}
