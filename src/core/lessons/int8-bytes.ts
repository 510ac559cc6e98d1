/**
 * Bytes of a model (or one layer) after 8-bit affine quantization as the Compress tab stores it:
 * each kernel weight 1 byte plus a float32 scale and minimum per kernel (core/compress/storage's
 * quantizedBits), every other tensor (biases, BatchNorm) kept as float32.
 */
import { bitsToBytes, denseFloat32Bytes, quantizedBits } from '../compress/storage';
import { expectedWeights } from '../compress/weight-shapes';
import type { ModelGraph } from '../model';
import type { Result } from '../result';
import { ok } from '../result';

export const INT8_BITS = 8;

/** Bytes at 8 bits of the model's weights, or of layer `layer`'s (0 for a layer without weights). */
export function int8Bytes(graph: ModelGraph, layer?: string): Result<number> {
  const weights = expectedWeights(graph);
  if (!weights.ok) return weights;
  let bytes = 0;
  for (const w of weights.value) {
    if (layer !== undefined && w.layer !== layer) continue;
    const n = w.shape.reduce((a, b) => a * b, 1);
    bytes += w.role === 'kernel' ? bitsToBytes(quantizedBits(n, INT8_BITS, 1, false)) : denseFloat32Bytes(n);
  }
  return ok(bytes);
}
