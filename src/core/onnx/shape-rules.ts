/**
 * Output shapes of ONNX ops from their input shapes, attributes and constant inputs
 * (onnx/docs/Operators.md), NCHW with the batch. Null where a shape is not known: an op not listed,
 * a shape input that is not constant, attributes that do not fit. Ops without a rule take
 * their output shapes from the file's value_info, if it has them (shape-infer.ts).
 */
import type { Pair } from '../model';
import type { AttributeReader } from './attributes';
import { axesOf, squeezeDims, unsqueezeDims, validDims } from './fold';
import { broadcastShapes, normAxis, padsForAllAxes, reshapeDims, sliceLength, transposePerm } from './tensor-math';
import { type ConstTensor } from './tensors';
import { elementCount } from '../shapes/tensor-shapes';
import { readWindow, transposeOutSize, windowOutSize } from './window';

type MaybeShape = number[] | null;

/** Ops whose output has the shape of their first input. */
const SAME_SHAPE = new Set([
  'Relu', 'Clip', 'LeakyRelu', 'Sigmoid', 'Tanh', 'HardSigmoid', 'HardSwish', 'Softmax', 'LogSoftmax', 'Elu', 'Selu',
  'Softplus', 'Softsign', 'Gelu', 'Mish', 'Celu', 'ThresholdedRelu', 'Erf', 'Exp', 'Log', 'Neg', 'Abs', 'Sqrt', 'Reciprocal',
  'Floor', 'Ceil', 'Round', 'Sign', 'Not', 'Sin', 'Cos', 'Identity', 'Dropout', 'Cast', 'BatchNormalization',
  'InstanceNormalization', 'LayerNormalization', 'LpNormalization', 'LRN', 'Hardmax', 'Shrink', 'IsNaN', 'IsInf',
  'CastLike', 'QuantizeLinear', 'DequantizeLinear',
]);

/** Elementwise ops with numpy broadcasting over all inputs. */
const BROADCAST = new Set(['Add', 'Sub', 'Mul', 'Div', 'Pow', 'Max', 'Min', 'Sum', 'Mean', 'Mod', 'PRelu', 'Equal', 'Less',
  'Greater', 'LessOrEqual', 'GreaterOrEqual', 'And', 'Or', 'Xor', 'Where', 'BitShift']);

/** Whether an op computes each output element from the same element of its inputs (shape by broadcasting). */
export const isElementwise = (opType: string): boolean => SAME_SHAPE.has(opType) || BROADCAST.has(opType);

function windowShape(opType: string, attrs: AttributeReader, x: number[], w: MaybeShape): MaybeShape {
  if (x.length !== 4) return null;
  const inHW: Pair = [x[2], x[3]];
  const kernelFallback: Pair | null = w && w.length === 4 ? [w[2], w[3]] : null;
  const win = readWindow(attrs, inHW, kernelFallback, opType === 'ConvTranspose');
  if (win === null) return null;
  if (opType === 'ConvTranspose') {
    if (!w || w.length !== 4) return null;
    const cout = w[1] * attrs.int('group', 1);
    const given = attrs.ints('output_shape', []);
    if (given.length === 2) return [x[0], cout, given[0], given[1]];
    const extra = attrs.ints('output_padding', [0, 0]);
    return [x[0], cout, transposeOutSize(win, 0, x[2], extra[0] ?? 0), transposeOutSize(win, 1, x[3], extra[1] ?? 0)];
  }
  const c = opType === 'Conv' ? (w && w.length === 4 ? w[0] : null) : x[1];
  if (c === null) return null;
  return [x[0], c, windowOutSize(win, 0, x[2]), windowOutSize(win, 1, x[3])];
}

function matMulShape(a: number[], b: number[]): MaybeShape {
  const left = a.length === 1 ? [1, a[0]] : a;
  const right = b.length === 1 ? [b[0], 1] : b;
  if (left.length < 2 || right.length < 2 || left[left.length - 1] !== right[right.length - 2]) return null;
  const batch = broadcastShapes([left.slice(0, -2), right.slice(0, -2)]);
  if (batch === null) return null;
  const out = [...batch, left[left.length - 2], right[right.length - 1]];
  if (a.length === 1) out.splice(out.length - 2, 1);
  if (b.length === 1) out.splice(out.length - 1, 1);
  return out;
}

function reduceShape(x: number[], axes: number[] | null, keep: boolean, noopEmpty: boolean): MaybeShape {
  if (axes !== null && axes.length === 0 && noopEmpty) return x;
  const at = (axes === null || axes.length === 0 ? x.map((_, i) => i) : axes).map((a) => normAxis(a, x.length));
  if (at.some((a) => a === null)) return null;
  return keep ? x.map((d, i) => (at.includes(i) ? 1 : d)) : x.filter((_, i) => !at.includes(i));
}

function sliceShape(x: number[], starts: number[], ends: number[], axes: number[] | null, steps: number[] | null): MaybeShape {
  const out = [...x];
  for (let k = 0; k < starts.length; k++) {
    const axis = normAxis(axes ? axes[k] : k, x.length);
    if (axis === null || ends[k] === undefined) return null;
    const length = sliceLength(x[axis], starts[k], ends[k], steps ? steps[k] : 1);
    if (length === null) return null;
    out[axis] = length;
  }
  return out;
}

function splitShapes(x: number[], attrs: AttributeReader, c: (ConstTensor | null)[], opset: number, outputs: number): MaybeShape[] {
  const axis = normAxis(attrs.int('axis', 0), x.length);
  if (axis === null) return new Array<MaybeShape>(outputs).fill(null);
  const given = opset < 13 ? (attrs.has('split') ? attrs.ints('split', []) : null) : c[1]?.values ?? null;
  const parts = given ?? new Array<number>(outputs).fill(Math.ceil(x[axis] / outputs));
  if (given === null) parts[outputs - 1] = x[axis] - parts[0] * (outputs - 1);
  return parts.map((p) => x.map((d, i) => (i === axis ? p : d)));
}

function resizeShape(x: number[], c: (ConstTensor | null)[], opType: string, attrs: AttributeReader, opset: number): MaybeShape {
  const sizes = opType === 'Resize' && opset >= 11 ? c[3] : null;
  if (sizes && sizes.values.length === x.length) return sizes.values;
  const scales = opType === 'Upsample' && opset < 9 ? attrs.floats('scales') : (opset >= 11 ? c[2] : c[1])?.values ?? null;
  if (!scales || scales.length !== x.length) return null;
  return x.map((d, i) => Math.floor(d * scales[i]));
}

/**
 * The shapes of `opType`'s outputs (`outputs` of them) from input shapes `s` and constant inputs
 * `c` (null where not constant). Each entry null when not known, or when a rule gives a dim that
 * is not a non-negative safe integer (a hostile file's -3, 0.5 or 2^60).
 */
export function outputShapes(
  opType: string, attrs: AttributeReader, s: MaybeShape[], c: (ConstTensor | null)[], opset: number, outputs: number,
): MaybeShape[] {
  return ruleShapes(opType, attrs, s, c, opset, outputs).map((shape) => (shape && validDims(shape) ? shape : null));
}

function ruleShapes(
  opType: string, attrs: AttributeReader, s: MaybeShape[], c: (ConstTensor | null)[], opset: number, outputs: number,
): MaybeShape[] {
  const x = s[0];
  const one = (shape: MaybeShape): MaybeShape[] => [shape, ...new Array<MaybeShape>(Math.max(outputs - 1, 0)).fill(null)];
  if (SAME_SHAPE.has(opType)) return one(x ? [...x] : null);
  if (BROADCAST.has(opType)) return one(s.every((v) => v !== null) && s.length > 0 ? broadcastShapes(s as number[][]) : null);
  if (x === null) return one(null);
  switch (opType) {
    case 'Conv': case 'ConvTranspose': case 'MaxPool': case 'AveragePool': case 'LpPool':
      return one(windowShape(opType, attrs, x, s[1] ?? null));
    case 'GlobalAveragePool': case 'GlobalMaxPool': case 'GlobalLpPool':
      return one(x.map((d, i) => (i < 2 ? d : 1)));
    case 'Gemm': {
      const b = s[1];
      if (!b || x.length !== 2 || b.length !== 2) return one(null);
      return one([attrs.int('transA', 0) ? x[1] : x[0], attrs.int('transB', 0) ? b[0] : b[1]]);
    }
    case 'MatMul': return one(s[1] ? matMulShape(x, s[1]) : null);
    case 'Flatten': {
      const axis = attrs.int('axis', 1);
      const at = axis < 0 ? axis + x.length : axis;
      return one(at >= 0 && at <= x.length ? [elementCount(x.slice(0, at)), elementCount(x.slice(at))] : null);
    }
    case 'Reshape': return one(c[1] ? reshapeDims(x, c[1].values, attrs.int('allowzero', 0) === 1) : null);
    case 'Transpose': {
      const perm = transposePerm(attrs.has('perm') ? attrs.ints('perm', []) : null, x.length);
      return one(perm ? perm.map((p) => x[p]) : null);
    }
    case 'Squeeze': return one(squeezeDims(x, axesOf(attrs, c, opset, 13)));
    case 'Unsqueeze': {
      const axes = axesOf(attrs, c, opset, 13);
      return one(axes ? unsqueezeDims(x, axes) : null);
    }
    case 'Concat': {
      const axis = normAxis(attrs.int('axis', 0), x.length);
      if (axis === null || s.some((v) => !v || v.length !== x.length)) return one(null);
      const out = [...x];
      out[axis] = s.reduce((sum, v) => sum + v![axis], 0);
      return one(out);
    }
    case 'Pad': {
      const given = opset < 11 ? attrs.ints('pads', []) : c[1]?.values ?? null;
      if (opset >= 18 && s[3] && !c[3]) return one(null);
      const pads = given ? padsForAllAxes(x.length, given, opset >= 18 ? c[3]?.values ?? null : null) : null;
      if (!pads) return one(null);
      return one(x.map((d, i) => d + pads[i] + pads[i + x.length]));
    }
    case 'ReduceMean': case 'ReduceMax': case 'ReduceMin': case 'ReduceSum': case 'ReduceProd': case 'ReduceL2': {
      const fromInput = opType === 'ReduceSum' ? 13 : 18;
      const axes = opset < fromInput ? (attrs.has('axes') ? attrs.ints('axes', []) : null) : c[1]?.values ?? null;
      if (opset >= fromInput && s[1] && !c[1]) return one(null);
      return one(reduceShape(x, axes, attrs.int('keepdims', 1) === 1, attrs.int('noop_with_empty_axes', 0) === 1));
    }
    case 'Size': return one([]);
    case 'Gather': {
      const axis = normAxis(attrs.int('axis', 0), x.length);
      const idx = s[1];
      return one(axis !== null && idx ? [...x.slice(0, axis), ...idx, ...x.slice(axis + 1)] : null);
    }
    case 'Slice': {
      if (opset < 10) return one(sliceShape(x, attrs.ints('starts', []), attrs.ints('ends', []), attrs.has('axes') ? attrs.ints('axes', []) : null, null));
      const [, starts, ends, axes, steps] = c;
      const known = starts && ends && (s[3] === undefined || s[3] === null || axes) && (s[4] === undefined || s[4] === null || steps);
      return one(known ? sliceShape(x, starts.values, ends.values, axes?.values ?? null, steps?.values ?? null) : null);
    }
    case 'Split': return splitShapes(x, attrs, c, opset, outputs);
    case 'Expand': return one(c[1] && validDims(c[1].values) ? broadcastShapes([x, c[1].values]) : null);
    case 'Tile': return one(c[1] && c[1].values.length === x.length && validDims(c[1].values) ? x.map((d, i) => d * c[1]!.values[i]) : null);
    case 'Resize': case 'Upsample': return one(resizeShape(x, c, opType, attrs, opset));
    case 'ConstantOfShape': return one(c[0] && validDims(c[0].values) ? c[0].values : null);
    case 'DepthToSpace': {
      const b = attrs.int('blocksize', 1);
      return one(x.length === 4 ? [x[0], x[1] / (b * b), x[2] * b, x[3] * b] : null);
    }
    case 'SpaceToDepth': {
      const b = attrs.int('blocksize', 1);
      return one(x.length === 4 ? [x[0], x[1] * b * b, x[2] / b, x[3] / b] : null);
    }
    default: return one(null);
  }
}
