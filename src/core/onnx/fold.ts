/**
 * Constant folding: evaluating the ops of shape subgraphs on small constant tensors, so the
 * shapes after them are known. PyTorch writes `x.flatten(2)` as Shape → Slice → Concat → Reshape
 * and `F.pad` as ConstantOfShape → Concat → Reshape → Slice → Transpose → Cast; these ops, on
 * int64 (and small float) values, are all that is needed. Semantics: onnx/docs/Operators.md.
 */
import type { AttributeReader } from './attributes';
import {
  broadcastIndex, broadcastShapes, normAxis, reshapeDims, sliceRange, stridesOf, transposePerm, transposeValues,
} from './tensor-math';
import { constFromTensor, isIntType, type ConstTensor } from './tensors';
import { elementCount } from '../shapes/tensor-shapes';

/** Largest constant (elements) that folding produces; bigger results stay unknown values. */
export const MAX_FOLD_ELEMENTS = 1 << 16;

type Inputs = (ConstTensor | null)[];

/** Whether every entry is a possible tensor dim: a non-negative safe integer (a hostile file may say -3 or 0.5). */
export const validDims = (dims: readonly number[]): boolean => dims.every((d) => Number.isSafeInteger(d) && d >= 0);

const tensor = (dims: number[], values: number[], isInt: boolean): ConstTensor => ({ dims, values, isInt });

const BINARY: Record<string, (a: number, b: number, isInt: boolean) => number> = {
  Add: (a, b) => a + b,
  Sub: (a, b) => a - b,
  Mul: (a, b) => a * b,
  Div: (a, b, isInt) => (isInt ? Math.trunc(a / b) : a / b),
  Pow: (a, b) => a ** b,
  Min: (a, b) => Math.min(a, b),
  Max: (a, b) => Math.max(a, b),
  Mod: (a, b) => a % b,
  Equal: (a, b) => Number(a === b),
  Less: (a, b) => Number(a < b),
  Greater: (a, b) => Number(a > b),
  And: (a, b) => Number(a !== 0 && b !== 0),
  Or: (a, b) => Number(a !== 0 || b !== 0),
};
const COMPARE = new Set(['Equal', 'Less', 'Greater', 'And', 'Or']);

const UNARY: Record<string, (a: number) => number> = {
  Neg: (a) => -a, Abs: Math.abs, Floor: Math.floor, Ceil: Math.ceil, Sqrt: Math.sqrt,
  Not: (a) => Number(a === 0), Relu: (a) => Math.max(a, 0), Reciprocal: (a) => 1 / a,
};

function elementwise(inputs: ConstTensor[], f: (xs: number[]) => number, isInt: boolean, limit: number): ConstTensor | null {
  const dims = broadcastShapes(inputs.map((t) => t.dims));
  if (dims === null || !validDims(dims) || elementCount(dims) > limit) return null;
  const index = inputs.map((t) => broadcastIndex(t.dims, dims));
  const n = elementCount(dims);
  const values = new Array<number>(n);
  const args = new Array<number>(inputs.length);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < inputs.length; k++) args[k] = inputs[k].values[index[k][i]];
    values[i] = f(args);
  }
  return tensor(dims, values, isInt);
}

function gather(data: ConstTensor, indices: ConstTensor, axisAttr: number, limit: number): ConstTensor | null {
  const axis = normAxis(axisAttr, data.dims.length);
  if (axis === null) return null;
  const dim = data.dims[axis];
  const outer = elementCount(data.dims.slice(0, axis));
  const inner = elementCount(data.dims.slice(axis + 1));
  if (outer * indices.values.length * inner > limit) return null;
  const values: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (const raw of indices.values) {
      const idx = raw < 0 ? raw + dim : raw;
      if (!Number.isInteger(idx) || !(idx >= 0 && idx < dim)) return null;
      for (let j = 0; j < inner; j++) values.push(data.values[(o * dim + idx) * inner + j]);
    }
  }
  return tensor([...data.dims.slice(0, axis), ...indices.dims, ...data.dims.slice(axis + 1)], values, data.isInt);
}

/**
 * Slice on a constant: `starts`, `ends`, optional `axes` and `steps`, one entry per sliced axis.
 * Works from each axis's first index and count, so a hostile 2^40-long axis costs nothing.
 */
export function sliceConst(
  data: ConstTensor, starts: number[], ends: number[], axes: number[] | null, steps: number[] | null, limit = MAX_FOLD_ELEMENTS,
): ConstTensor | null {
  const ranges = data.dims.map((d) => ({ first: 0, count: d, step: 1 }));
  for (let k = 0; k < starts.length; k++) {
    const axis = normAxis(axes ? axes[k] : k, data.dims.length);
    if (axis === null || ends[k] === undefined) return null;
    const step = steps ? steps[k] : 1;
    const range = sliceRange(data.dims[axis], starts[k], ends[k], step);
    if (range === null) return null;
    ranges[axis] = { ...range, step };
  }
  const dims = ranges.map((r) => r.count);
  if (elementCount(dims) > limit) return null;
  const strides = stridesOf(data.dims);
  const values: number[] = [];
  const walk = (d: number, offset: number) => {
    if (d === dims.length) {
      values.push(data.values[offset]);
      return;
    }
    const { first, count, step } = ranges[d];
    for (let i = 0; i < count; i++) walk(d + 1, offset + (first + i * step) * strides[d]);
  };
  if (elementCount(dims) > 0) walk(0, 0);
  return tensor(dims, values, data.isInt);
}

function concat(parts: ConstTensor[], axisAttr: number, limit: number): ConstTensor | null {
  const rank = parts[0].dims.length;
  const axis = normAxis(axisAttr, rank);
  if (axis === null || parts.some((p) => p.dims.length !== rank || p.dims.some((d, i) => i !== axis && d !== parts[0].dims[i]))) return null;
  if (parts.reduce((n, p) => n + p.values.length, 0) > limit) return null;
  const outer = elementCount(parts[0].dims.slice(0, axis));
  const values: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (const p of parts) {
      const chunk = elementCount(p.dims.slice(axis));
      for (let j = 0; j < chunk; j++) values.push(p.values[o * chunk + j]);
    }
  }
  const dims = [...parts[0].dims];
  dims[axis] = parts.reduce((s, p) => s + p.dims[axis], 0);
  return tensor(dims, values, parts.every((p) => p.isInt));
}

/** Axes of Squeeze / Unsqueeze / Reduce*: the attribute before `inputFromOpset`, else input 1. */
export function axesOf(attrs: AttributeReader, inputs: Inputs, opset: number, inputFromOpset: number): number[] | null {
  if (opset < inputFromOpset) return attrs.has('axes') ? attrs.ints('axes', []) : null;
  return inputs[1] ? inputs[1].values : null;
}

/** Dims after Unsqueeze inserts 1s at `axes` (counted in the output's rank). */
export function unsqueezeDims(dims: readonly number[], axes: readonly number[]): number[] | null {
  const rank = dims.length + axes.length;
  const at = axes.map((a) => normAxis(a, rank));
  if (at.some((a) => a === null) || new Set(at).size !== at.length) return null;
  const out: number[] = [];
  let k = 0;
  for (let i = 0; i < rank; i++) out.push(at.includes(i) ? 1 : dims[k++]);
  return out;
}

/** Dims after Squeeze removes `axes` (all 1s when null); null when a removed dim is not 1. */
export function squeezeDims(dims: readonly number[], axes: readonly number[] | null): number[] | null {
  if (axes === null) return dims.filter((d) => d !== 1);
  const at = axes.map((a) => normAxis(a, dims.length));
  if (at.some((a) => a === null || dims[a] !== 1)) return null;
  return dims.filter((_, i) => !at.includes(i));
}

/**
 * Evaluates `opType` on constant inputs (null entries: inputs not known or absent), or returns
 * null when the op is not foldable here, an input does not fit (a negative or fractional dim or
 * index), or the result would exceed `limit` elements (MAX_FOLD_ELEMENTS by default).
 */
export function foldConstant(opType: string, attrs: AttributeReader, inputs: Inputs, opset: number, limit = MAX_FOLD_ELEMENTS): ConstTensor | null {
  const out = foldUnchecked(opType, attrs, inputs, opset, Math.min(limit, MAX_FOLD_ELEMENTS));
  // Every result is a well-formed tensor: valid dims, exactly as many numbers as they say.
  if (out === null || !validDims(out.dims) || out.values.length !== elementCount(out.dims) || out.values.some((v) => typeof v !== 'number')) return null;
  return out;
}

function foldUnchecked(opType: string, attrs: AttributeReader, inputs: Inputs, opset: number, limit: number): ConstTensor | null {
  const [a, b] = inputs;
  const present = inputs.filter((t): t is ConstTensor => t !== null);
  if (opType in BINARY && a && b) {
    const f = BINARY[opType];
    const isInt = COMPARE.has(opType) || (a.isInt && b.isInt);
    return elementwise([a, b], ([x, y]) => f(x, y, a.isInt && b.isInt), isInt, limit);
  }
  if (opType in UNARY && a) return elementwise([a], ([x]) => UNARY[opType](x), a.isInt, limit);
  switch (opType) {
    case 'Identity': return a;
    case 'Cast': {
      const isInt = isIntType(attrs.int('to', 1));
      return a ? tensor(a.dims, isInt ? a.values.map(Math.trunc) : a.values, isInt) : null;
    }
    case 'Gather': return a && b ? gather(a, b, attrs.int('axis', 0), limit) : null;
    case 'Concat': return present.length === inputs.length && present.length > 0 ? concat(present, attrs.int('axis', 0), limit) : null;
    case 'Reshape': {
      const dims = a && b ? reshapeDims(a.dims, b.values, attrs.int('allowzero', 0) === 1) : null;
      return a && dims ? tensor(dims, a.values, a.isInt) : null;
    }
    case 'Unsqueeze': case 'Squeeze': {
      const axes = axesOf(attrs, inputs, opset, 13);
      const dims = !a ? null : opType === 'Squeeze' ? squeezeDims(a.dims, axes) : axes ? unsqueezeDims(a.dims, axes) : null;
      return a && dims ? tensor(dims, a.values, a.isInt) : null;
    }
    case 'Transpose': {
      const perm = a ? transposePerm(attrs.has('perm') ? attrs.ints('perm', []) : null, a.dims.length) : null;
      return a && perm ? tensor(perm.map((p) => a.dims[p]), transposeValues(a.values, a.dims, perm, new Array<number>(a.values.length)), a.isInt) : null;
    }
    case 'Slice': {
      if (!a) return null;
      if (opset < 10) return sliceConst(a, attrs.ints('starts', []), attrs.ints('ends', []), attrs.has('axes') ? attrs.ints('axes', []) : null, null, limit);
      const [, starts, ends, axes, steps] = inputs;
      return starts && ends ? sliceConst(a, starts.values, ends.values, axes?.values ?? null, steps?.values ?? null, limit) : null;
    }
    case 'ConstantOfShape': {
      if (!a || !validDims(a.values) || elementCount(a.values) > limit) return null;
      const t = attrs.tensor('value');
      const fill = t ? constFromTensor(t, 'ConstantOfShape') : null;
      if (fill && (!fill.ok || fill.value.values.length !== 1)) return null;
      return tensor(a.values, new Array<number>(elementCount(a.values)).fill(fill ? fill.value.values[0] : 0), fill ? fill.value.isInt : false);
    }
    case 'Range': {
      const [start, limitT, delta] = inputs;
      if (!start || !limitT || !delta || delta.values[0] === 0) return null;
      const n = Math.max(Math.ceil((limitT.values[0] - start.values[0]) / delta.values[0]), 0);
      if (!Number.isSafeInteger(n) || n > limit) return null;
      return tensor([n], Array.from({ length: n }, (_, i) => start.values[0] + i * delta.values[0]), start.isInt);
    }
    case 'Expand': {
      if (!a || !b || !validDims(b.values)) return null;
      const dims = broadcastShapes([a.dims, b.values]);
      return dims && validDims(dims) && elementCount(dims) <= limit
        ? elementwise([a, tensor(dims, new Array<number>(elementCount(dims)).fill(0), a.isInt)], ([x]) => x, a.isInt, limit) : null;
    }
    case 'Where': {
      const [c, x, y] = inputs;
      return c && x && y ? elementwise([c, x, y], ([k, p, q]) => (k !== 0 ? p : q), x.isInt && y.isInt, limit) : null;
    }
    case 'Size': return a ? tensor([], [elementCount(a.dims)], true) : null;
    default: return null;
  }
}
