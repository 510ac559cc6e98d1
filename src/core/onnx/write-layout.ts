/**
 * Moving weights between FlopLab's Keras layout and an ONNX initializer's layout when writing a
 * compressed `.onnx`. OnnxWeightSource says kerasShape[i] = onnxDims[perm[i]], i.e. the Keras
 * tensor is numpy.transpose(onnx, perm); the way back is the transpose by the inverse permutation.
 * `onnxDims` may be a reshape of the initializer's own dims (same elements in the same row-major
 * order, e.g. a depthwise weight [C·M, 1, kh, kw] read as [C, M, kh, kw]): values are written in
 * that order and keep the initializer's dims.
 */
import { elementCount } from '../shapes/tensor-shapes';
import { transposeValues as transposeInto } from './tensor-math';

/** The permutation q with q[perm[i]] = i: transposing by perm and then by q is the identity. */
export function inversePermutation(perm: number[]): number[] {
  const inverse = new Array<number>(perm.length);
  perm.forEach((p, i) => { inverse[p] = i; });
  return inverse;
}

/** Whether `perm` is a permutation of 0..n−1 for n = rank. */
export function isPermutation(perm: number[], rank: number): boolean {
  if (perm.length !== rank) return false;
  const seen = new Set(perm);
  return seen.size === rank && perm.every((p) => Number.isInteger(p) && p >= 0 && p < rank);
}

/**
 * numpy.transpose(data, perm) for a row-major tensor of `shape`, into a new array of the same kind:
 * the result has shape shape[perm[i]] (tensor-math.ts's walk through the input by its strides).
 */
export function transposeValues<T extends Float32Array | Int32Array>(data: T, shape: number[], perm: number[]): T {
  const out = (data instanceof Float32Array ? new Float32Array(data.length) : new Int32Array(data.length)) as T;
  return transposeInto(data, shape, perm, out);
}

/**
 * Where the channels of axis `axis` of a tensor viewed as `viewDims` lie in the same elements
 * stored with `storedDims`: the stored axis whose index j belongs to channel floor(j / repeat).
 * Same dims → the same axis, repeat 1; a depthwise [C, M, kh, kw] view of [C·M, 1, kh, kw] →
 * axis 0, repeat M. Null when no single stored axis carries the channels.
 */
export function channelAxisInStoredDims(viewDims: number[], storedDims: number[], axis: number): { axis: number; repeat: number } | null {
  const before = elementCount(viewDims.slice(0, axis));
  const after = elementCount(viewDims.slice(axis + 1));
  for (let b = 0; b < storedDims.length; b++) {
    if (elementCount(storedDims.slice(0, b)) !== before) continue;
    const repeat = storedDims[b] / viewDims[axis];
    if (!Number.isInteger(repeat) || repeat < 1) continue;
    if (elementCount(storedDims.slice(b + 1)) * repeat !== after) continue;
    return { axis: b, repeat };
  }
  return null;
}
