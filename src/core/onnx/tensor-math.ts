/**
 * Index arithmetic shared by constant folding and shape inference, with ONNX semantics
 * (onnx/docs/Operators.md): numpy broadcasting, Reshape's 0 and -1, Slice's clamping, axis
 * normalisation. Pure functions on plain number arrays; null where the inputs do not fit.
 */
import { elementCount } from '../shapes/tensor-shapes';

/** Axis `a` of a rank-`rank` tensor counted from 0 (negative from the end), or null when outside. */
export function normAxis(a: number, rank: number): number | null {
  const at = a < 0 ? a + rank : a;
  return Number.isInteger(at) && at >= 0 && at < rank ? at : null;
}

/** numpy broadcast of several shapes, or null when two dims differ and neither is 1. */
export function broadcastShapes(shapes: readonly (readonly number[])[]): number[] | null {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(rank).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const at = rank - s.length + i;
      const d = s[i];
      if (d === out[at] || d === 1) continue;
      if (out[at] !== 1) return null;
      out[at] = d;
    }
  }
  return out;
}

/** Row-major strides of a shape. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

/**
 * For each element of the broadcast output `out`, the flat index into an input of shape `shape`
 * (dims of 1 repeat). Used to evaluate elementwise ops and Expand on constants.
 */
export function broadcastIndex(shape: readonly number[], out: readonly number[]): Int32Array {
  const n = elementCount(out);
  const index = new Int32Array(n);
  const inStrides = stridesOf(shape);
  const offset = out.length - shape.length;
  const outStrides = stridesOf(out);
  for (let i = 0; i < n; i++) {
    let rest = i;
    let at = 0;
    for (let d = 0; d < out.length; d++) {
      const coord = Math.floor(rest / outStrides[d]);
      rest -= coord * outStrides[d];
      const k = d - offset;
      if (k >= 0 && shape[k] !== 1) at += coord * inStrides[k];
    }
    index[i] = at;
  }
  return index;
}

/**
 * Reshape's target resolved against the input shape: 0 copies the input dim (unless allowzero),
 * one -1 takes what is left. Null when the element counts cannot agree.
 */
export function reshapeDims(input: readonly number[], target: readonly number[], allowZero: boolean): number[] | null {
  const out = target.map((d, i) => (d === 0 && !allowZero ? input[i] : d));
  if (out.some((d) => d === undefined || !Number.isInteger(d) || d < -1)) return null;
  const unknown = out.indexOf(-1);
  if (unknown !== out.lastIndexOf(-1)) return null;
  const total = elementCount(input);
  if (unknown < 0) return elementCount(out) === total ? out : null;
  const known = out.reduce((p, d) => (d === -1 ? p : p * d), 1);
  if (known === 0 || total % known !== 0) return null;
  out[unknown] = total / known;
  return out;
}

/**
 * Slice's first index and how many elements it takes along one axis of size `dim` (ONNX clamping,
 * negative steps); null for a zero or fractional step or a fractional start or end.
 */
export function sliceRange(dim: number, start: number, end: number, step: number): { first: number; count: number } | null {
  if (step === 0 || !Number.isSafeInteger(step) || !Number.isInteger(start) || !Number.isInteger(end)) return null;
  const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
  const s = start < 0 ? start + dim : start;
  const e = end < 0 ? end + dim : end;
  const [first, bound] = step > 0 ? [clamp(s, 0, dim), clamp(e, 0, dim)] : [clamp(s, -1, dim - 1), clamp(e, -1, dim - 1)];
  return { first, count: Math.max(Math.ceil((bound - first) / step), 0) };
}

/** How many elements Slice takes along one axis of size `dim`, or null for a zero step. */
export function sliceLength(dim: number, start: number, end: number, step: number): number | null {
  return sliceRange(dim, start, end, step)?.count ?? null;
}

/** The indices Slice takes along one axis of size `dim` (for constants: callers bound `dim`). */
export function sliceIndices(dim: number, start: number, end: number, step: number): number[] | null {
  const range = sliceRange(dim, start, end, step);
  return range ? Array.from({ length: range.count }, (_, i) => range.first + i * step) : null;
}

/** The perm of a Transpose (default: reversed axes), or null when it is not a permutation of the rank. */
export function transposePerm(perm: number[] | null, rank: number): number[] | null {
  const p = perm ?? Array.from({ length: rank }, (_, i) => rank - 1 - i);
  if (p.length !== rank || new Set(p).size !== rank || p.some((a) => !Number.isInteger(a) || a < 0 || a >= rank)) return null;
  return p;
}

/** Row-major values of a tensor of shape `shape` transposed by `perm` (out dim i = in dim perm[i]). */
export function transposeValues<T extends { length: number; [i: number]: number }>(
  values: T, shape: readonly number[], perm: readonly number[], out: T,
): T {
  const rank = shape.length;
  const outShape = perm.map((p) => shape[p]);
  const inStrides = stridesOf(shape);
  const step = perm.map((p) => inStrides[p]); // input stride of each output axis
  const n = values.length;
  const coord = new Array<number>(rank).fill(0);
  let src = 0;
  for (let i = 0; i < n; i++) {
    out[i] = values[src];
    // Advance the output coordinate (odometer), moving `src` by the matching input strides.
    for (let d = rank - 1; d >= 0; d--) {
      coord[d]++;
      src += step[d];
      if (coord[d] < outShape[d]) break;
      src -= step[d] * outShape[d];
      coord[d] = 0;
    }
  }
  return out;
}

/**
 * Pad's pads for every axis ([begin per axis…, end per axis…]) from `pads` given for `axes` only
 * (opset 18's optional axes input; null: every axis). Null when they do not fit the rank.
 */
export function padsForAllAxes(rank: number, pads: readonly number[], axes: readonly number[] | null): number[] | null {
  if (axes === null) return pads.length === 2 * rank ? [...pads] : null;
  const at = axes.map((a) => normAxis(a, rank));
  if (pads.length !== 2 * axes.length || at.some((a) => a === null) || new Set(at).size !== at.length) return null;
  const out = new Array<number>(2 * rank).fill(0);
  at.forEach((a, k) => {
    out[a!] = pads[k];
    out[a! + rank] = pads[k + axes.length];
  });
  return out;
}
