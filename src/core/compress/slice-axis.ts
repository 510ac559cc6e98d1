/** Keeping a subset of indices along one axis of a row-major tensor. */
import { elementCount } from '../shapes/tensor-shapes';
import type { WeightTensor } from './types';

/** A new tensor holding only the indices `keep` (ascending) along `axis`. */
export function sliceAxis(t: WeightTensor, axis: number, keep: number[]): WeightTensor {
  const outer = elementCount(t.shape.slice(0, axis));
  const len = t.shape[axis];
  const inner = elementCount(t.shape.slice(axis + 1));
  const data = new Float32Array(outer * keep.length * inner);
  let o = 0;
  for (let a = 0; a < outer; a++) {
    for (const k of keep) {
      const start = (a * len + k) * inner;
      data.set(t.data.subarray(start, start + inner), o);
      o += inner;
    }
  }
  const shape = t.shape.slice();
  shape[axis] = keep.length;
  return { name: t.name, shape, data };
}

/** L1 norm of each slice along the last axis (each output filter of a kernel [..., Cout]). */
export function filterL1Norms(t: WeightTensor): Float64Array {
  const cout = t.shape[t.shape.length - 1];
  const norms = new Float64Array(cout);
  for (let i = 0; i < t.data.length; i++) norms[i % cout] += Math.abs(t.data[i]);
  return norms;
}
