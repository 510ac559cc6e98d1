/**
 * Writing a compressed model back as ONNX: the decoded ModelProto with each compressed kernel's
 * initializer (or Constant node's value) replaced, everything else (graph, opsets, producer, other
 * initializers) unchanged.
 *
 * - A quantized kernel (per-tensor or per-channel integer grid, ≤ 8 bits) becomes ONNX's QDQ
 *   form: `<name>_quantized` (int8 when symmetric, uint8 when affine; fewer than 8 bits are
 *   8-bit codes on the coarser grid), `<name>_scale` (float32), `<name>_zero_point` and a
 *   DequantizeLinear node whose output is `<name>`, so every consumer still reads the float weight.
 *   DequantizeLinear exists from opset 10; its `axis` (per-channel) from opset 13. A weight stored
 *   as float16, bfloat16 or float64 gets a Cast after it (DequantizeLinear gives float32 before
 *   opset 19), so consumers read the weight's own type; Cast to bfloat16 needs opset 13. A kernel
 *   held by a Constant node: the node is removed and its output is the Cast's or DequantizeLinear's.
 * - Anything else (pruned only, k-means codebook, float16 encoding, more than 8 bits, an opset too
 *   old, values off one integer grid) is stored as floats in the weight's own type: the compressed
 *   values (rounded to nearest even for float16 and bfloat16), pruned weights as exact zeros (they
 *   shrink the file once gzipped), each case said in `notes`. A Constant node keeps its place
 *   with the new value.
 * Values go back from Keras layout to the initializer's layout by the inverse of the source's perm.
 */
import { elementCount } from '../shapes/tensor-shapes';
import { toBinary } from '@bufbuild/protobuf';
import type { CompressionResult, LayerCompression, WeightTensor } from '../compress/types';
import { fail, ok, type Result } from '../result';
import { type GraphProto, type ModelProto, ModelProtoSchema, type NodeProto, type TensorProto, TensorProto_DataType } from './gen/onnx_pb';
import type { OnnxWeightSource } from './types';
import { channelAxisInStoredDims, inversePermutation, isPermutation, transposeValues } from './write-layout';
import { CAST_OPSET, type FloatStorage, floatStorageOf, roundedTo } from './write-float-types';
import { type IntegerGrid, integerGridOf } from './write-grid';
import { FloatNotes } from './write-notes';
import { constantWithValue, type WeightHolder, weightHoldersOf } from './write-holders';
import { castNode, dequantizeNode, floatTensor, integerInitializer } from './write-tensors';

/** How one rewritten initializer (or Constant node's value) is stored. */
export interface WrittenInitializer {
  name: string;
  storage: 'int8' | 'uint8' | FloatStorage;
  perChannel: boolean;
  /** The weight's float type as its consumers read it (the file's own type; a Cast after DequantizeLinear when not float32). */
  weightType: FloatStorage;
}

export interface WrittenOnnx {
  /** The new .onnx file. */
  bytes: Uint8Array;
  initializers: WrittenInitializer[];
  /** Kernels stored as float32 although quantized, and why; initializers shared by several layers. */
  notes: string[];
}

/** The version of the default ('' or 'ai.onnx') opset the model imports, 0 when none. */
export function defaultOpsetOf(model: ModelProto): number {
  const versions = model.opsetImport.filter((o) => o.domain === '' || o.domain === 'ai.onnx').map((o) => Number(o.version));
  return versions.length ? Math.max(...versions) : 0;
}

/** Every name the graph already uses, so added tensors and nodes get fresh ones. */
function namesIn(graph: GraphProto): Set<string> {
  const names = new Set<string>();
  for (const t of graph.initializer) names.add(t.name);
  for (const v of [...graph.input, ...graph.output, ...graph.valueInfo]) names.add(v.name);
  for (const n of graph.node) for (const x of [n.name, ...n.input, ...n.output]) names.add(x);
  return names;
}

function freshName(base: string, used: Set<string>): string {
  let name = base;
  for (let i = 1; used.has(name); i++) name = `${base}_${i}`;
  used.add(name);
  return name;
}

const sameDims = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Why `source` cannot carry `weight` back into `init`, or null. */
function layoutProblem(source: OnnxWeightSource, weight: WeightTensor, init: TensorProto, holder: WeightHolder): string | null {
  const where = `Weight '${source.kerasName}' (${holder.kind === 'initializer' ? 'initializer' : 'Constant node output'} '${source.initializer}')`;
  if (floatStorageOf(init.dataType) === null) {
    return `${where}: Expected a float32, float16, bfloat16 or float64 tensor, but got data type ${init.dataType} (${TensorProto_DataType[init.dataType] ?? 'unknown'}).`;
  }
  if (!sameDims(weight.shape, source.kerasShape)) return `${where}: Expected compressed shape [${source.kerasShape}], but got [${weight.shape}].`;
  if (!isPermutation(source.perm, source.onnxDims.length) || !sameDims(source.kerasShape, source.perm.map((p) => source.onnxDims[p]))) {
    return `${where}: Expected Keras shape [${source.kerasShape}] to be ONNX dims [${source.onnxDims}] permuted by [${source.perm}], but it is not.`;
  }
  const stored = init.dims.map(Number);
  if (elementCount(stored) !== elementCount(source.onnxDims)) return `${where}: Expected ${elementCount(source.onnxDims)} values, but the initializer has dims [${stored}].`;
  return null;
}

/** Why a quantized kernel cannot become DequantizeLinear (and a Cast to `storage`) in this model, or null. */
function qdqProblem(layer: LayerCompression, opset: number, irVersion: number, storage: FloatStorage): string | null {
  const e = layer.encoding;
  if (e.kind !== 'affine' && e.kind !== 'per-channel') return null;
  if (opset < 10) return `opset ${opset} has no DequantizeLinear (it needs 10)`;
  if (e.kind === 'per-channel' && opset < 13) return `opset ${opset} has no per-channel DequantizeLinear (it needs 13)`;
  if (opset < CAST_OPSET[storage]) return `opset ${opset} has no Cast to ${storage} (it needs ${CAST_OPSET[storage]})`;
  if (irVersion < 4) return `IR version ${irVersion} would need every new initializer listed as a graph input`;
  return null;
}

/**
 * What one kernel becomes: new initializers and nodes (dequantized), or the holder's new float
 * tensor (same name and type).
 */
interface Replacement { tensors: TensorProto[]; nodes: NodeProto[]; value?: TensorProto; written: WrittenInitializer }

function quantizedReplacement(init: TensorProto, source: OnnxWeightSource, grid: IntegerGrid, storage: FloatStorage, used: Set<string>): Replacement | string {
  const inverse = inversePermutation(source.perm);
  const codes = transposeValues(grid.codes, source.kerasShape, inverse);
  let scales = grid.scales;
  let zeroPoints = grid.zeroPoints;
  let axis: number | null = null;
  if (grid.axis !== null) {
    const stored = channelAxisInStoredDims(source.onnxDims, init.dims.map(Number), source.perm[grid.axis]);
    if (stored === null) return `its channels (ONNX axis ${source.perm[grid.axis]} of [${source.onnxDims}]) are not one axis of the initializer's dims [${init.dims}]`;
    axis = stored.axis;
    scales = Float32Array.from({ length: scales.length * stored.repeat }, (_, j) => grid.scales[Math.floor(j / stored.repeat)]);
    zeroPoints = Int32Array.from({ length: scales.length }, (_, j) => grid.zeroPoints[Math.floor(j / stored.repeat)]);
  }
  const channelDims = axis === null ? [] : [BigInt(scales.length)];
  const q = freshName(`${init.name}_quantized`, used);
  const s = freshName(`${init.name}_scale`, used);
  const z = freshName(`${init.name}_zero_point`, used);
  const dequantized = storage === 'float32' ? init.name : freshName(`${init.name}_dequantized`, used);
  const nodes = [dequantizeNode(freshName(`${init.name}_DequantizeLinear`, used), [q, s, z], dequantized, axis)];
  if (storage !== 'float32') nodes.push(castNode(freshName(`${init.name}_Cast`, used), dequantized, init.name, storage));
  return {
    tensors: [
      integerInitializer(q, init.dims, codes, grid.signed),
      floatTensor(s, channelDims, scales),
      integerInitializer(z, channelDims, zeroPoints, grid.signed),
    ],
    nodes,
    written: { name: init.name, storage: grid.signed ? 'int8' : 'uint8', perChannel: axis !== null, weightType: storage },
  };
}

const FLOAT_REASONS: Record<string, string> = {
  codebook: 'ONNX has no k-means codebook lookup that runtimes fold into weights',
  float16: 'a float16 initializer would need a Cast to float32 before each consumer',
};

/** What one kernel becomes, why it is floats when it was quantized (or a codebook or float16), and whether rounding to its type changed values. */
function replacementFor(
  layer: LayerCompression, weight: WeightTensor, source: OnnxWeightSource, init: TensorProto, opset: number, irVersion: number, used: Set<string>,
): { replacement: Replacement; floatReason: string | null; rounded: boolean } {
  const e = layer.encoding;
  const storage = floatStorageOf(init.dataType) as FloatStorage;
  // A float16 encoding is the weight's own type when it is stored as float16.
  const encodingReason = e.kind === 'float16' && storage === 'float16' ? null : FLOAT_REASONS[e.kind] ?? null;
  let floatReason = qdqProblem(layer, opset, irVersion, storage) ?? encodingReason;
  if (floatReason === null && (e.kind === 'affine' || e.kind === 'per-channel')) {
    const grid = integerGridOf(weight.data, weight.shape, e);
    const quantized = grid.ok ? quantizedReplacement(init, source, grid.grid, storage, used) : grid.reason;
    // The Cast after DequantizeLinear rounds to the weight's type as the stored floats are rounded.
    if (typeof quantized !== 'string') return { replacement: quantized, floatReason: null, rounded: changedBy(weight.data, storage) };
    floatReason = quantized;
  }
  const values = transposeValues(weight.data, source.kerasShape, inversePermutation(source.perm));
  return {
    replacement: { tensors: [], nodes: [], value: floatTensor(init.name, init.dims, values, storage, init), written: { name: init.name, storage, perChannel: false, weightType: storage } },
    floatReason: floatReason === null ? null : `${storage}|${floatReason}`,
    rounded: changedBy(values, storage),
  };
}

/** Whether rounding to `storage` changes any of `values`. */
function changedBy(values: Float32Array, storage: FloatStorage): boolean {
  const kept = roundedTo(values, storage);
  return kept.some((v, i) => v !== values[i] && !(Number.isNaN(v) && Number.isNaN(values[i])));
}

/**
 * The bytes of `model` with the compressed kernels of `result` written back (see the file
 * comment). `sources` are the OnnxImport's weights. Fails when the result changed the graph
 * (structured pruning) or a kernel has no source of the same shape; never mutates `model`.
 */
export function writeCompressedOnnx(model: ModelProto, sources: OnnxWeightSource[], result: CompressionResult): Result<WrittenOnnx> {
  const graph = model.graph;
  if (graph === undefined) return fail({ code: 'invalid-value', message: 'Expected an ONNX model with a graph, but got none.' });
  if (result.structured && Object.keys(result.structured.removed).length > 0) {
    return fail({ code: 'invalid-value', message: 'Structured pruning removes filters, which changes the ONNX graph: FlopLab writes compressed ONNX files only for unstructured pruning and quantization.' });
  }
  const opset = defaultOpsetOf(model);
  const irVersion = Number(model.irVersion);
  const sourceOf = new Map(sources.map((s) => [s.kerasName, s]));
  const weightOf = new Map(result.weights.map((w) => [w.name, w]));
  const holders = weightHoldersOf(graph);
  const used = namesIn(graph);
  const replaced = new Map<string, Replacement>();
  const firstLayer = new Map<string, string>();
  const floatNotes = new FloatNotes();
  const notes: string[] = [];
  for (const layer of result.perLayer) {
    const source = sourceOf.get(layer.tensor);
    const weight = weightOf.get(layer.tensor);
    const holder = source === undefined ? undefined : holders.get(source.initializer);
    if (source === undefined || weight === undefined || holder === undefined) {
      return fail({ code: 'missing-input', layer: layer.name, message: `Layer '${layer.name}': Expected weight '${layer.tensor}' to come from an initializer or Constant node of the ONNX file, but got none.` });
    }
    // The holder's tensor under the name the graph knows it by (a Constant's value may be named otherwise).
    const init = holder.kind === 'initializer' ? holder.tensor : { ...holder.tensor, name: holder.name };
    const problem = layoutProblem(source, weight, init, holder);
    if (problem) return fail({ code: 'shape-mismatch', layer: layer.name, message: problem });
    if (replaced.has(holder.name)) {
      notes.push(`${holder.kind === 'initializer' ? 'Initializer' : 'Constant'} '${holder.name}' is shared by layers '${firstLayer.get(holder.name)}' and '${layer.name}': the first one's compressed values are written.`);
      continue;
    }
    const { replacement, floatReason, rounded } = replacementFor(layer, weight, source, init, opset, irVersion, used);
    if (floatReason) floatNotes.add(floatReason, layer.name);
    if (rounded) floatNotes.addRounded(replacement.written.weightType, layer.name);
    replaced.set(holder.name, replacement);
    firstLayer.set(holder.name, layer.name);
  }
  const out = withReplacements(model, graph, holders, replaced);
  return ok({ bytes: toBinary(ModelProtoSchema, out), initializers: [...replaced.values()].map((r) => r.written), notes: [...floatNotes.lines(), ...notes] });
}

/** `model` with each holder's replacement in place: initializers swapped, Constant values swapped or their node removed, added nodes first. */
function withReplacements(model: ModelProto, graph: GraphProto, holders: Map<string, WeightHolder>, replaced: Map<string, Replacement>): ModelProto {
  const byInitializer = new Map<number, Replacement>();
  const byConstant = new Map<number, { holder: WeightHolder; replacement: Replacement }>();
  const added: TensorProto[] = [];
  const nodes: NodeProto[] = [];
  for (const [name, replacement] of replaced) {
    const holder = holders.get(name) as WeightHolder;
    if (holder.kind === 'initializer') byInitializer.set(holder.index, replacement);
    else {
      byConstant.set(holder.nodeIndex, { holder, replacement });
      added.push(...replacement.tensors);
    }
    nodes.push(...replacement.nodes);
  }
  const produced = new Set(nodes.flatMap((n) => n.output));
  const keptNodes = graph.node.flatMap((node, i) => {
    const c = byConstant.get(i);
    if (c === undefined) return [node];
    // Dequantized: the added nodes now produce the Constant's output.
    return c.replacement.value ? [constantWithValue(node, c.holder.tensor, c.replacement.value)] : [];
  });
  return {
    ...model,
    graph: {
      ...graph,
      initializer: [...graph.initializer.flatMap((t, i) => {
        const r = byInitializer.get(i);
        return r === undefined ? [t] : r.value ? [r.value] : r.tensors;
      }), ...added],
      // A name cannot be both a graph input and a node's output (old exporters list initializers as inputs).
      input: graph.input.filter((v) => !produced.has(v.name)),
      // Nodes are sorted topologically: the weights' DequantizeLinear (and Cast) come first.
      node: [...nodes, ...keptNodes],
    },
  };
}
