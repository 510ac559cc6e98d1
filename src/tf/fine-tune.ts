/**
 * Keeps retraining inside the compressed model's structure (src/core/compress/retrain-constraints.ts):
 * - 'mask': the kernel's gradient is multiplied by the mask before the optimizer step, and the
 *   kernel by the mask after it, so pruned weights stay exactly 0 whatever the optimizer's state.
 * - 'shared' (Han et al. 2016 §3.1, Fig. 3): the kernel's gradient is summed per cluster
 *   (a bincount weighted by the gradient over the fixed indices, pruned weights excluded) and that sum updates the
 *   cluster's centroid, a variable of its own; after each step the kernel is rebuilt as
 *   centroids[indices] · mask. Assignments never change.
 * Variables without a constraint (biases, uncompressed kernels) train as usual.
 */
import * as tf from '@tensorflow/tfjs';
import type { RetrainConstraint, RetrainConstraints } from '../core/compress/retrain-constraints';

interface Constrained {
  kernel: tf.Variable;
  /** bool, true where the weight is kept. */
  mask: tf.Tensor;
  /** Shared kernels only: the trainable centroids and the fixed flat indices. */
  centroids?: tf.Variable;
  indices?: tf.Tensor1D;
}

export interface ConstrainedTraining {
  /** The variables to differentiate: every trainable variable of the model. */
  variables: tf.Variable[];
  /** Turns the model's gradients into the ones the optimizer applies (new tensors; caller disposes). */
  transformGradients(grads: tf.NamedTensorMap): tf.NamedTensorMap;
  /** Writes the constrained kernels back (mask, or centroids[indices] · mask). */
  project(): void;
  /** The current codebook of each shared kernel, by tensor name. */
  codebooks(): Record<string, Float32Array>;
  /** Frees masks, indices and centroid variables (not the model's variables). */
  dispose(): void;
}

let centroidCounter = 0;

/** `values` where `mask` is true, +0 elsewhere (multiplying by 0 would leave −0 for negative weights). */
const keep = (mask: tf.Tensor, values: tf.Tensor) => tf.where(mask, values, tf.zerosLike(values));

function prepare(kernel: tf.Variable, constraint: RetrainConstraint): Constrained {
  const mask = tf.tensor(constraint.mask, kernel.shape, 'bool');
  if (constraint.kind === 'mask') return { kernel, mask };
  const initial = tf.tensor1d(constraint.codebook);
  const centroids = tf.variable(initial, true, `floplab_centroids_${++centroidCounter}`);
  initial.dispose();
  const indices = tf.tensor1d(Int32Array.from(constraint.indices), 'int32');
  return { kernel, mask, centroids, indices };
}

/**
 * Prepares `model` for constrained retraining and projects its kernels once (so training starts
 * inside the constraint). Constraints name tensors as tfjs saves them ('fc1/kernel').
 */
export function constrainTraining(model: tf.LayersModel, constraints: RetrainConstraints = {}): ConstrainedTraining {
  const variables: tf.Variable[] = [];
  const byVariable = new Map<string, Constrained>();
  const byTensor = new Map<string, Constrained>();
  for (const w of model.trainableWeights) {
    const v = w.read() as tf.Variable;
    variables.push(v);
    const constraint = constraints[w.originalName];
    if (!constraint) continue;
    const c = prepare(v, constraint);
    byVariable.set(v.name, c);
    byTensor.set(w.originalName, c);
  }
  const project = () => tf.tidy(() => {
    for (const c of byVariable.values()) {
      const value = c.centroids ? tf.gather(c.centroids, c.indices!).reshape(c.kernel.shape) : c.kernel;
      c.kernel.assign(keep(c.mask, value));
    }
  });
  project();
  return {
    variables,
    transformGradients: (grads) => tf.tidy(() => {
      const out: tf.NamedTensorMap = {};
      for (const [name, g] of Object.entries(grads)) {
        const c = byVariable.get(name);
        if (!c) out[name] = tf.clone(g);
        else if (!c.centroids) out[name] = keep(c.mask, g);
        // Summed per cluster by a weighted bincount: the wasm backend has Bincount but no UnsortedSegmentSum.
        else out[c.centroids.name] = tf.bincount(c.indices!, keep(c.mask, g).reshape([-1]) as tf.Tensor1D, c.centroids.shape[0]);
      }
      return out;
    }),
    project,
    codebooks: () => Object.fromEntries([...byTensor].filter(([, c]) => c.centroids).map(([n, c]) => [n, c.centroids!.dataSync() as Float32Array])),
    dispose: () => {
      for (const c of byVariable.values()) tf.dispose([c.mask, c.centroids, c.indices].filter((t): t is tf.Tensor => t !== undefined));
    },
  };
}
