/**
 * Constant folding: evaluating the ops of shape subgraphs on small constant tensors, so the
 * shapes after them are known. PyTorch writes `x.flatten(2)` as Shape → Slice → Concat → Reshape
 * and `F.pad` as ConstantOfShape → Concat → Reshape → Slice → Transpose → Cast; these ops, on
 * int64 (and small float) values, are all that is needed. Semantics: onnx/docs/Operators.md.
 */
import type { AttributeReader } from './attributes';
import {
  broadcastIndex, broadcastShapes, normAxis, reshapeDims, sliceIndices, stridesOf, transposePerm, transposeValues,
} from './tensor-math';
import { constFromTensor, isIntType, sizeOf, type ConstTensor } from './tensors';

/** Largest constant (elements) that folding produces; bigger results stay unknown values. */
export const MAX_FOLD_ELEMENTS = 1 << 16;

type Inputs = (ConstTensor | null)[];

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

function elementwise(inputs: ConstTensor[], f: (xs: number[]) => number, isInt: boolean): ConstTensor | null {
  const dims = broadcastShapes(inputs.map((t) => t.dims));
  if (dims === null || sizeOf(dims) > MAX_FOLD_ELEMENTS) return null;
  const index = inputs.map((t) => broadcastIndex(t.dims, dims));
  const n = sizeOf(dims);
  const values = new Array<number>(n);
  const args = new Array<number>(inputs.length);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < inputs.length; k++) args[k] = inputs[k].values[index[k][i]];
    values[i] = f(args);
  }
  return tensor(dims, values, isInt);
}

function gather(data: ConstTensor, indices: ConstTensor, axisAttr: number): ConstTensor | null {
  const axis = normAxis(axisAttr, data.dims.length);
  if (axis === null) return null;
  const dim = data.dims[axis];
  const outer = sizeOf(data.dims.slice(0, axis));
  const inner = sizeOf(data.dims.slice(axis + 1));
  if (outer * indices.values.length * inner > MAX_FOLD_ELEMENTS) return null;
  const values: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (const raw of indices.values) {
      const idx = raw < 0 ? raw + dim : raw;
      if (!(idx >= 0 && idx < dim)) return null;
      for (let j = 0; j < inner; j++) values.push(data.values[(o * dim + idx) * inner + j]);
    }
  }
  return tensor([...data.dims.slice(0, axis), ...indices.dims, ...data.dims.slice(axis + 1)], values, data.isInt);
}

/** Slice on a constant: `starts`, `ends`, optional `axes` and `steps`, one entry per sliced axis. */
export function sliceConst(data: ConstTensor, starts: number[], ends: number[], axes: number[] | null, steps: number[] | null): ConstTensor | null {
  const picks = data.dims.map((d) => Array.from({ length: d }, (_, i) => i));
  for (let k = 0; k < starts.length; k++) {
    const axis = normAxis(axes ? axes[k] : k, data.dims.length);
    if (axis === null || ends[k] === undefined) return null;
    const idx = sliceIndices(data.dims[axis], starts[k], ends[k], steps ? steps[k] : 1);
    if (idx === null) return null;
    picks[axis] = idx;
  }
  const dims = picks.map((p) => p.length);
  const strides = stridesOf(data.dims);
  const values: number[] = [];
  const walk = (d: number, offset: number) => {
    if (d === dims.length) {
      values.push(data.values[offset]);
      return;
    }
    for (const i of picks[d]) walk(d + 1, offset + i * strides[d]);
  };
  if (sizeOf(dims) > 0) walk(0, 0);
  return tensor(dims, values, data.isInt);
}

function concat(parts: ConstTensor[], axisAttr: number): ConstTensor | null {
  const rank = parts[0].dims.length;
  const axis = normAxis(axisAttr, rank);
  if (axis === null || parts.some((p) => p.dims.length !== rank)) return null;
  const outer = sizeOf(parts[0].dims.slice(0, axis));
  const values: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (const p of parts) {
      const chunk = sizeOf(p.dims.slice(axis));
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
 * null when the op is not foldable here or a result would exceed MAX_FOLD_ELEMENTS.
 */
export function foldConstant(opType: string, attrs: AttributeReader, inputs: Inputs, opset: number): ConstTensor | null {
  const [a, b] = inputs;
  const present = inputs.filter((t): t is ConstTensor => t !== null);
  if (opType in BINARY && a && b) {
    const f = BINARY[opType];
    const isInt = COMPARE.has(opType) || (a.isInt && b.isInt);
    return elementwise([a, b], ([x, y]) => f(x, y, a.isInt && b.isInt), isInt);
  }
  if (opType in UNARY && a) return elementwise([a], ([x]) => UNARY[opType](x), a.isInt);
  switch (opType) {
    case 'Identity': return a;
    case 'Cast': {
      const isInt = isIntType(attrs.int('to', 1));
      return a ? tensor(a.dims, isInt ? a.values.map(Math.trunc) : a.values, isInt) : null;
    }
    case 'Gather': return a && b ? gather(a, b, attrs.int('axis', 0)) : null;
    case 'Concat': return present.length === inputs.length && present.length > 0 ? concat(present, attrs.int('axis', 0)) : null;
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
      if (opset < 10) return sliceConst(a, attrs.ints('starts', []), attrs.ints('ends', []), attrs.has('axes') ? attrs.ints('axes', []) : null, null);
      const [, starts, ends, axes, steps] = inputs;
      return starts && ends ? sliceConst(a, starts.values, ends.values, axes?.values ?? null, steps?.values ?? null) : null;
    }
    case 'ConstantOfShape': {
      if (!a || sizeOf(a.values) > MAX_FOLD_ELEMENTS) return null;
      const t = attrs.tensor('value');
      const fill = t ? constFromTensor(t, 'ConstantOfShape') : null;
      if (fill && (!fill.ok || fill.value.values.length !== 1)) return null;
      return tensor(a.values, new Array<number>(sizeOf(a.values)).fill(fill ? fill.value.values[0] : 0), fill ? fill.value.isInt : false);
    }
    case 'Range': {
      const [start, limit, delta] = inputs;
      if (!start || !limit || !delta || delta.values[0] === 0) return null;
      const n = Math.max(Math.ceil((limit.values[0] - start.values[0]) / delta.values[0]), 0);
      if (n > MAX_FOLD_ELEMENTS) return null;
      return tensor([n], Array.from({ length: n }, (_, i) => start.values[0] + i * delta.values[0]), start.isInt);
    }
    case 'Expand': {
      const dims = a && b ? broadcastShapes([a.dims, b.values]) : null;
      return a && dims && sizeOf(dims) <= MAX_FOLD_ELEMENTS ? elementwise([a, tensor(dims, new Array<number>(sizeOf(dims)).fill(0), a.isInt)], ([x]) => x, a.isInt) : null;
    }
    case 'Where': {
      const [c, x, y] = inputs;
      return c && x && y ? elementwise([c, x, y], ([k, p, q]) => (k !== 0 ? p : q), x.isInt && y.isInt) : null;
    }
    case 'Size': return a ? tensor([], [sizeOf(a.dims)], true) : null;
    default: return null;
  }
}
