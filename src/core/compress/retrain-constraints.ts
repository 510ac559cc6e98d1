/**
 * What retraining after compression must preserve (Han et al., "Deep Compression", ICLR 2016):
 * after pruning, the pruned connections stay exactly zero (§2: "retrain the network to learn the
 * final weights for the remaining sparse connections"); after weight sharing, the cluster
 * assignments stay fixed and only the shared values (centroids) are trained, each with the sum
 * of the gradients of its weights (§3.1, Fig. 3). Derived from the compressed weights alone.
 */
import { isPrunableTensor } from './prunable';
import type { WeightTensor } from './types';

/** The most clusters a codebook index can address (uint8 indices). */
export const MAX_SHARED_VALUES = 256;

export type RetrainConstraint =
  /** mask[i] = 1: trainable weight; 0: pruned, held at exactly 0. */
  | { kind: 'mask'; mask: Uint8Array }
  /**
   * weight[i] = codebook[indices[i]] where mask[i] = 1, else 0. The codebook (ascending) is
   * trained; indices and mask are fixed.
   */
  | { kind: 'shared'; codebook: Float32Array; indices: Uint8Array; mask: Uint8Array };

/** Keyed by tensor name ('fc1/kernel'); tensors without an entry train freely (biases, …). */
export type RetrainConstraints = Record<string, RetrainConstraint>;

/**
 * The constraints of compressed weights. For every prunable kernel: at most 256 distinct nonzero
 * values → 'shared' (its codebook is those values); otherwise, if it holds zeros → 'mask';
 * otherwise none. A small kernel that was only pruned may come out 'shared' with one weight per
 * cluster; training a one-weight centroid by its own gradient is the same as masked training.
 */
export function retrainConstraints(weights: WeightTensor[]): RetrainConstraints {
  const out: RetrainConstraints = {};
  for (const w of weights) {
    if (!isPrunableTensor(w.name)) continue;
    const mask = new Uint8Array(w.data.length);
    const distinct = new Set<number>();
    let zeros = 0;
    for (let i = 0; i < w.data.length; i++) {
      const v = w.data[i];
      if (v === 0) { zeros++; continue; }
      mask[i] = 1;
      if (distinct.size <= MAX_SHARED_VALUES) distinct.add(v);
    }
    if (distinct.size <= MAX_SHARED_VALUES) {
      const codebook = Float32Array.from([...distinct].sort((a, b) => a - b));
      const position = new Map([...codebook].map((v, j) => [v, j]));
      const indices = new Uint8Array(w.data.length);
      for (let i = 0; i < w.data.length; i++) if (mask[i]) indices[i] = position.get(w.data[i])!;
      out[w.name] = { kind: 'shared', codebook, indices, mask };
    } else if (zeros > 0) {
      out[w.name] = { kind: 'mask', mask };
    }
  }
  return out;
}
