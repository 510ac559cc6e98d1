/**
 * Han, Mao & Dally, "Deep Compression: Compressing Deep Neural Networks with Pruning, Trained
 * Quantization and Huffman Coding", ICLR 2016, on LeNet-300-100 (issue 8's reproduction):
 * Table 2's per-layer weight densities (fc1 8 %, fc2 9 %, fc3 26 %), 6-bit weight sharing
 * (64 clusters, linear initialisation, §3.2), Huffman coding (§4) and the sparse relative-index
 * format (§2). Table 1's row is the figure to compare with.
 */
import type { CompressionPlan } from './types';

/** Table 1, LeNet-300-100 Ref → Compressed. Sizes as printed (KB); errors are top-1 fractions. */
export const DEEP_COMPRESSION_PAPER = {
  source: 'Han, Mao & Dally, Deep Compression, ICLR 2016, Table 1 (LeNet-300-100)',
  bytesBefore: 1_070_000,
  bytesAfter: 27_000,
  ratio: 40,
  top1ErrorBefore: 0.0164,
  top1ErrorAfter: 0.0158,
} as const;

/** Table 2: fraction of weights kept per layer (our LeNet-300-100's layer names: fc1, fc2, output). */
export const DEEP_COMPRESSION_DENSITY: Readonly<Record<string, number>> = { fc1: 0.08, fc2: 0.09, output: 0.26 };

/** Bits of the shared-weight indices (Table 2: 6 bits for every LeNet-300-100 layer). */
export const DEEP_COMPRESSION_SHARE_BITS = 6;

/** Sparsity (fraction pruned) of `layer` at the paper's density, scaled by `fraction` of the way (iterative pruning). */
export function deepCompressionSparsity(layer: string, fraction = 1): number {
  return fraction * (1 - DEEP_COMPRESSION_DENSITY[layer]);
}

/**
 * Pruning alone to `fraction` of the paper's sparsity in every layer (fraction 1: the paper's
 * densities). A step of iterative pruning (Han et al. 2015 §3.5) when fraction < 1.
 */
export function deepCompressionPrunePlan(fraction = 1): CompressionPlan {
  const [first, ...rest] = Object.keys(DEEP_COMPRESSION_DENSITY);
  return {
    stages: [{ kind: 'prune', sparsity: deepCompressionSparsity(first, fraction) }],
    layers: Object.fromEntries(rest.map((layer) => [layer, { prune: { sparsity: deepCompressionSparsity(layer, fraction) } }])),
  };
}

/** The paper's pipeline: prune every layer to its density, share with 2^6 clusters (linear init), Huffman-code. */
export function deepCompressionPlan(): CompressionPlan {
  const prune = deepCompressionPrunePlan(1);
  return { stages: [...prune.stages, { kind: 'share', k: 2 ** DEEP_COMPRESSION_SHARE_BITS, init: 'linear' }, { kind: 'huffman' }], layers: prune.layers };
}
