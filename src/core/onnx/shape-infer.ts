/**
 * ONNX shapes (NCHW, with the batch) of every value of a graph, and the values of the constant
 * ones: initializers, Constant nodes, and what folding makes of them (Shape of a tensor whose
 * shape is known is a constant too). One pass in node order, as ONNX graphs are topologically
 * sorted. A dynamic batch (dim_param in dim 0) is taken as 1; other dynamic dims are refused.
 */
import { fail, ok, type Result } from '../result';
import { nodeError, readAttributes } from './attributes';
import { foldConstant } from './fold';
import type { GraphProto, NodeProto, ValueInfoProto } from './gen/onnx_pb';
import { outputShapes } from './shape-rules';
import { constFromTensor, dimsOf, type ConstTensor } from './tensors';
import { elementCount } from '../shapes/tensor-shapes';

/** Largest initializer or Constant (elements) whose values are decoded for folding. */
const MAX_DECODE_ELEMENTS = 4096;

/**
 * Most constant elements one graph keeps (decoded and folded together): past it, values are no
 * longer decoded or folded (shapes are still inferred), so 20,000 chained Adds of a 65,536-long
 * Range finish at once instead of holding 10^9 numbers.
 */
export const MAX_KEPT_CONST_ELEMENTS = 1 << 20;

/** Constants this small (shape tensors, axes, pads, scalar bounds) are kept whatever is left of the budget. */
const ALWAYS_KEPT_ELEMENTS = 64;

/** The graph-wide budget of kept constant elements. */
class ConstBudget {
  private left = MAX_KEPT_CONST_ELEMENTS;
  /** The most elements a constant may have now. */
  get limit(): number { return Math.max(this.left, ALWAYS_KEPT_ELEMENTS); }
  /** Charges a kept constant of `n` elements (small ones are free). */
  spend(n: number): void { if (n > ALWAYS_KEPT_ELEMENTS) this.left = Math.max(this.left - n, 0); }
}

/** What is known of one ONNX value. */
export interface OnnxValue {
  /** ONNX shape with the batch first; null when not known. */
  shape: number[] | null;
  /** Its values when it is a small constant (folded or stored); null otherwise. */
  value: ConstTensor | null;
  /** Whether it depends on a graph input (a tensor the engine graph carries), not a constant. */
  data: boolean;
}

/** Every value of a graph by name, the graph inputs that are data, and the batch size. */
export interface ValueTable {
  values: Map<string, OnnxValue>;
  /** Graph inputs that are not initializers, in order. */
  inputs: string[];
}

/** A value_info's static shape (dim 0 may be dynamic: the batch, taken as 1), or null. */
function declaredShape(info: ValueInfoProto | undefined): number[] | null {
  const t = info?.type?.value.case === 'tensorType' ? info.type.value.value : null;
  if (!t?.shape) return null;
  const out: number[] = [];
  for (const [i, d] of t.shape.dim.entries()) {
    if (d.value.case === 'dimValue' && d.value.value >= 0n) out.push(Number(d.value.value));
    else if (i === 0) out.push(1);
    else return null;
  }
  return out;
}

function inputShape(info: ValueInfoProto): Result<number[]> {
  const t = info.type?.value.case === 'tensorType' ? info.type.value.value : null;
  const where = `Graph input '${info.name}'`;
  if (!t?.shape) {
    return fail({ code: 'parse-error', field: 'shape', message: `${where}: Expected a tensor with a known shape, but got no shape. Export with a fixed input size.` });
  }
  const shape: number[] = [];
  const shown = t.shape.dim.map((d) => (d.value.case === 'dimValue' ? String(d.value.value) : d.value.case === 'dimParam' ? d.value.value : '?'));
  for (const [i, d] of t.shape.dim.entries()) {
    const fixed = d.value.case === 'dimValue' && d.value.value > 0n && d.value.value <= BigInt(Number.MAX_SAFE_INTEGER);
    if (fixed) shape.push(Number(d.value.value));
    else if (i === 0) shape.push(1); // the batch: FlopLab counts one sample
    else if (d.value.case === 'dimValue') {
      return fail({
        code: 'parse-error', field: 'shape',
        message: `${where}: Expected sizes from 1 to ${Number.MAX_SAFE_INTEGER} after the batch dimension, but got [${shown.join(', ')}] (dim ${i} is ${d.value.value}).`,
      });
    }
    else {
      return fail({
        code: 'parse-error', field: 'shape',
        message: `${where}: Expected fixed sizes after the batch dimension, but got [${shown.join(', ')}] (dim ${i} is dynamic). Export with a fixed input size (e.g. dynamic_axes only on the batch).`,
      });
    }
  }
  return ok(shape);
}

function constantNode(node: NodeProto, index: number, budget: ConstBudget): Result<OnnxValue> {
  const attrs = readAttributes(node, index);
  const t = attrs.tensor('value');
  const where = `Node '${node.name || `#${index}`}' (Constant)`;
  let value: ConstTensor | null = null;
  let shape: number[] | null = null;
  if (t) {
    const dims = dimsOf(t, where);
    if (!dims.ok) return dims;
    shape = dims.value;
    if (elementCount(shape) <= Math.min(MAX_DECODE_ELEMENTS, budget.limit)) {
      const decoded = constFromTensor(t, where);
      if (!decoded.ok) return decoded;
      value = decoded.value;
      budget.spend(value.values.length);
    }
  } else if (attrs.has('value_float') || attrs.has('value_int')) {
    const isInt = attrs.has('value_int');
    value = { dims: [], values: [isInt ? attrs.int('value_int', 0) : attrs.float('value_float', 0)], isInt };
  } else if (attrs.has('value_floats') || attrs.has('value_ints')) {
    const isInt = attrs.has('value_ints');
    const values = isInt ? attrs.ints('value_ints', []) : attrs.floats('value_floats') ?? [];
    value = { dims: [values.length], values, isInt };
  } else {
    return fail(nodeError(node, index, 'attribute value', 'a tensor (or value_float, value_int, value_floats, value_ints)', 'none'));
  }
  if (attrs.problem) return fail(attrs.problem);
  return ok({ shape: shape ?? value!.dims, value, data: false });
}

/**
 * Shapes and constant values of every value in `graph` (opset of the default domain). Fails with
 * a message naming the input, node or initializer for a dynamic non-batch input dim, an input
 * name no earlier node produces, or a malformed constant. Unknown shapes stay null.
 */
export function inferValues(graph: GraphProto, opset: number): Result<ValueTable> {
  const values = new Map<string, OnnxValue>();
  const budget = new ConstBudget();
  for (const t of graph.initializer) {
    const dims = dimsOf(t, 'Initializer');
    if (!dims.ok) return dims;
    // A malformed small initializer stays without a value here: as a weight, the layer holding it
    // reports it (graph-builder.ts); as a shape, the op that needs it says the shape is not known.
    const size = elementCount(dims.value);
    const decoded = size <= Math.min(MAX_DECODE_ELEMENTS, budget.limit) && t.dataType !== 8 ? constFromTensor(t, 'Initializer') : null;
    if (decoded?.ok) budget.spend(size);
    values.set(t.name, { shape: dims.value, value: decoded?.ok ? decoded.value : null, data: false });
  }
  const inputs: string[] = [];
  for (const info of graph.input) {
    if (values.has(info.name)) continue; // an initializer listed as an input (IR < 4)
    const shape = inputShape(info);
    if (!shape.ok) return shape;
    values.set(info.name, { shape: shape.value, value: null, data: true });
    inputs.push(info.name);
  }
  const declared = new Map<string, ValueInfoProto>();
  for (const info of [...graph.valueInfo, ...graph.output]) if (declaredShape(info) !== null) declared.set(info.name, info);

  for (const [index, node] of graph.node.entries()) {
    if (node.opType === 'Constant' && (node.domain === '' || node.domain === 'ai.onnx')) {
      const c = constantNode(node, index, budget);
      if (!c.ok) return c;
      if (node.output[0]) values.set(node.output[0], c.value);
      continue;
    }
    const ins: (OnnxValue | null)[] = [];
    for (const name of node.input) {
      if (name === '') {
        ins.push(null);
        continue;
      }
      const v = values.get(name);
      if (v === undefined) {
        return fail(nodeError(node, index, `input '${name}'`, 'a graph input, an initializer or an earlier node\'s output', 'none of these (the graph is not in topological order or names a missing value)'));
      }
      ins.push(v);
    }
    const attrs = readAttributes(node, index);
    const data = ins.some((v) => v?.data === true);
    const shapes = ins.map((v) => v?.shape ?? null);
    const consts = ins.map((v) => v?.value ?? null);
    let outs: OnnxValue[];
    if (node.opType === 'Shape' && shapes[0]) {
      const all = shapes[0];
      const clamp = (v: number) => (v < 0 ? Math.max(v + all.length, 0) : Math.min(v, all.length));
      const begin = clamp(attrs.int('start', 0));
      const picked = all.slice(begin, Math.max(clamp(attrs.int('end', all.length)), begin));
      outs = [{ shape: [picked.length], value: { dims: [picked.length], values: picked, isInt: true }, data: false }];
    } else {
      const folded = !data && consts.every((c, i) => c !== null || ins[i] === null)
        ? foldConstant(node.opType, attrs, consts, opset, budget.limit) : null;
      if (folded) {
        budget.spend(folded.values.length);
        outs = [{ shape: folded.dims, value: folded, data: false }];
      } else {
        outs = outputShapes(node.opType, attrs, shapes, consts, opset, node.output.length)
          .map((shape) => ({ shape, value: null, data }));
      }
    }
    for (const [k, name] of node.output.entries()) {
      if (name === '') continue;
      const out = outs[k] ?? { shape: null, value: null, data };
      if (out.shape === null) out.shape = declaredShape(declared.get(name));
      values.set(name, out);
    }
  }
  return ok({ values, inputs });
}
