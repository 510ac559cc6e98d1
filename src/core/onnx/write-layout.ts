/**
 * Moving weights between FlopLab's Keras layout and an ONNX initializer's layout when writing a
 * compressed `.onnx`. OnnxWeightSource says kerasShape[i] = onnxDims[perm[i]], i.e. the Keras
 * tensor is numpy.transpose(onnx, perm); the way back is the transpose by the inverse permutation.
 * `onnxDims` may be a reshape of the initializer's own dims (same elements in the same row-major
 * order, e.g. a depthwise weight [C·M, 1, kh, kw] read as [C, M, kh, kw]): values are written in
 * that order and keep the initializer's dims.
 */

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

/** Row-major strides of `shape` (in elements). */
function stridesOf(shape: number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

/**
 * numpy.transpose(data, perm) for a row-major tensor of `shape`: the result has shape
 * shape[perm[i]] and out[j0, j1, …] = data[index with axis perm[i] at j_i].
 * Walks the output in order and steps through the input by its strides (no index arithmetic per element).
 */
export function transposeValues<T extends Float32Array | Int32Array>(data: T, shape: number[], perm: number[]): T {
  const rank = shape.length;
  const outShape = perm.map((p) => shape[p]);
  const inStrides = stridesOf(shape);
  const step = perm.map((p) => inStrides[p]);
  const out = (data instanceof Float32Array ? new Float32Array(data.length) : new Int32Array(data.length)) as T;
  const index = new Array<number>(rank).fill(0);
  let src = 0;
  for (let o = 0; o < data.length; o++) {
    out[o] = data[src];
    for (let axis = rank - 1; axis >= 0; axis--) {
      index[axis]++;
      src += step[axis];
      if (index[axis] < outShape[axis]) break;
      src -= step[axis] * outShape[axis];
      index[axis] = 0;
    }
  }
  return out;
}

const product = (xs: number[]) => xs.reduce((a, b) => a * b, 1);

/**
 * Where the channels of axis `axis` of a tensor viewed as `viewDims` lie in the same elements
 * stored with `storedDims`: the stored axis whose index j belongs to channel floor(j / repeat).
 * Same dims → the same axis, repeat 1; a depthwise [C, M, kh, kw] view of [C·M, 1, kh, kw] →
 * axis 0, repeat M. Null when no single stored axis carries the channels.
 */
export function channelAxisInStoredDims(viewDims: number[], storedDims: number[], axis: number): { axis: number; repeat: number } | null {
  const before = product(viewDims.slice(0, axis));
  const after = product(viewDims.slice(axis + 1));
  for (let b = 0; b < storedDims.length; b++) {
    if (product(storedDims.slice(0, b)) !== before) continue;
    const repeat = storedDims[b] / viewDims[axis];
    if (!Number.isInteger(repeat) || repeat < 1) continue;
    if (product(storedDims.slice(b + 1)) * repeat !== after) continue;
    return { axis: b, repeat };
  }
  return null;
}
