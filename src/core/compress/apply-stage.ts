/**
 * One stage applied to one kernel's state. Semantics follow Deep Compression's pipeline, in
 * whatever order the user chose:
 *   prune    zeroes weights (the layout becomes sparse); shared/quantized values stay valid.
 *   share    k-means on the nonzero values; replaces any earlier quantization (the centroids
 *            are arbitrary floats again).
 *   quantize after sharing quantizes the codebook ("quantize the codebook", per tensor);
 *            otherwise quantizes the weights. Zero is exactly representable, so zeros survive.
 *   huffman  changes no value, only the storage (see tensor-state.ts).
 */
import type { PruneStage, QuantizeStage, ShareStage } from './types';
import type { TensorState } from './tensor-state';
import { prune24, pruneByMagnitude } from './prune';
import { clusterWeights } from './kmeans';
import { channelAxisFor, quantizeFloat16, quantizeUniform } from './quantize';

/** Prunes the kernel in place: 2:4 pattern or magnitude to the stage's sparsity; records the threshold. */
export function applyPrune(s: TensorState, stage: PruneStage): void {
  if (stage.pattern24) {
    s.data = prune24(s.data, s.shape);
  } else {
    const r = pruneByMagnitude(s.data, stage.sparsity);
    s.data = r.data;
    s.threshold = r.threshold;
  }
  s.pruned = true;
}

/** Shares the kernel's nonzero weights by k-means in place; any earlier quantization is dropped. */
export function applyShare(s: TensorState, stage: ShareStage): void {
  const r = clusterWeights(s.data, { k: stage.k, init: stage.init ?? 'linear', seed: stage.seed ?? 1 });
  s.data = r.shared;
  s.codebook = r.codebook;
  s.indices = r.indices;
  s.quant = undefined;
}

/** Quantizes the kernel in place (its codebook, if shared; else its weights, per tensor or per channel). */
export function applyQuantize(s: TensorState, stage: QuantizeStage): void {
  const symmetric = stage.symmetric ?? false;
  if (s.codebook) {
    quantizeCodebook(s, stage, symmetric);
    return;
  }
  if (stage.bits === 'float16') {
    s.data = quantizeFloat16(s.data).values;
    s.quant = { kind: 'float16' };
    return;
  }
  const channelAxis = channelAxisFor(s.name, s.shape);
  const { values, codes: _codes, ...params } = quantizeUniform(s.data, s.shape, {
    bits: stage.bits, symmetric, perChannel: stage.perChannel ?? false, channelAxis,
  });
  s.data = values;
  s.quant = { kind: 'integer', params };
}

/** Quantizes the codebook (always per tensor: it is one short vector) and remaps the weights. */
function quantizeCodebook(s: TensorState, stage: QuantizeStage, symmetric: boolean): void {
  const old = s.codebook as Float32Array;
  let next: Float32Array;
  if (stage.bits === 'float16') {
    next = quantizeFloat16(old).values;
    s.quant = { kind: 'float16' };
  } else {
    const { values, codes: _codes, ...params } = quantizeUniform(old, [old.length], { bits: stage.bits, symmetric });
    next = values;
    s.quant = { kind: 'integer', params };
  }
  const indices = s.indices as Uint8Array;
  const data = new Float32Array(s.data.length);
  for (let i = 0; i < data.length; i++) if (s.data[i] !== 0) data[i] = next[indices[i]];
  s.data = data;
  s.codebook = next;
}
