/**
 * Writing a compressed model back as ONNX: the decoded ModelProto with each compressed kernel's
 * initializer replaced, everything else (graph, opsets, producer, other initializers) unchanged.
 *
 * - A quantized kernel (per-tensor or per-channel integer grid, ≤ 8 bits) becomes ONNX's QDQ
 *   form: `<name>_quantized` (int8 when symmetric, uint8 when affine; fewer than 8 bits are
 *   8-bit codes on the coarser grid), `<name>_scale`, `<name>_zero_point` and a DequantizeLinear
 *   node whose output is `<name>`, so every consumer still reads the float weight. DequantizeLinear
 *   exists from opset 10; its `axis` (per-channel) from opset 13.
 * - Anything else (pruned only, k-means codebook, float16, more than 8 bits, an opset too old,
 *   values off one integer grid) is stored as float32: the compressed values themselves, pruned
 *   weights as exact zeros (they shrink the file once gzipped), each case said in `notes`.
 * Values go back from Keras layout to the initializer's layout by the inverse of the source's perm.
 */
import { toBinary } from '@bufbuild/protobuf';
import type { CompressionResult, LayerCompression, WeightTensor } from '../compress/types';
import { fail, ok, type Result } from '../result';
import { type GraphProto, type ModelProto, ModelProtoSchema, type NodeProto, type TensorProto, TensorProto_DataType } from './gen/onnx_pb';
import type { OnnxWeightSource } from './types';
import { channelAxisInStoredDims, inversePermutation, isPermutation, transposeValues } from './write-layout';
import { type IntegerGrid, integerGridOf } from './write-grid';
import { dequantizeNode, float32Initializer, integerInitializer } from './write-tensors';

/** How one rewritten initializer is stored. */
export interface WrittenInitializer {
  name: string;
  storage: 'int8' | 'uint8' | 'float32';
  perChannel: boolean;
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

const product = (xs: number[]) => xs.reduce((a, b) => a * b, 1);
const sameDims = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Why `source` cannot carry `weight` back into `init`, or null. */
function layoutProblem(source: OnnxWeightSource, weight: WeightTensor, init: TensorProto): string | null {
  const where = `Weight '${source.kerasName}' (initializer '${source.initializer}')`;
  if (init.dataType !== TensorProto_DataType.FLOAT) return `${where}: Expected a float32 initializer, but got data type ${init.dataType}.`;
  if (!sameDims(weight.shape, source.kerasShape)) return `${where}: Expected compressed shape [${source.kerasShape}], but got [${weight.shape}].`;
  if (!isPermutation(source.perm, source.onnxDims.length) || !sameDims(source.kerasShape, source.perm.map((p) => source.onnxDims[p]))) {
    return `${where}: Expected Keras shape [${source.kerasShape}] to be ONNX dims [${source.onnxDims}] permuted by [${source.perm}], but it is not.`;
  }
  const stored = init.dims.map(Number);
  if (product(stored) !== product(source.onnxDims)) return `${where}: Expected ${product(source.onnxDims)} values, but the initializer has dims [${stored}].`;
  return null;
}

/** Why a quantized kernel cannot become DequantizeLinear in this model, or null. */
function qdqProblem(layer: LayerCompression, opset: number, irVersion: number): string | null {
  const e = layer.encoding;
  if (e.kind !== 'affine' && e.kind !== 'per-channel') return null;
  if (opset < 10) return `opset ${opset} has no DequantizeLinear (it needs 10)`;
  if (e.kind === 'per-channel' && opset < 13) return `opset ${opset} has no per-channel DequantizeLinear (it needs 13)`;
  if (irVersion < 4) return `IR version ${irVersion} would need every new initializer listed as a graph input`;
  return null;
}

/** What one kernel becomes: tensors replacing its initializer, and a node when dequantized. */
interface Replacement { tensors: TensorProto[]; node?: NodeProto; written: WrittenInitializer }

function quantizedReplacement(init: TensorProto, source: OnnxWeightSource, grid: IntegerGrid, used: Set<string>): Replacement | string {
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
  return {
    tensors: [
      integerInitializer(q, init.dims, codes, grid.signed),
      float32Initializer(s, channelDims, scales),
      integerInitializer(z, channelDims, zeroPoints, grid.signed),
    ],
    node: dequantizeNode(freshName(`${init.name}_DequantizeLinear`, used), [q, s, z], init.name, axis),
    written: { name: init.name, storage: grid.signed ? 'int8' : 'uint8', perChannel: axis !== null },
  };
}

const FLOAT_REASONS: Record<string, string> = {
  codebook: 'ONNX has no k-means codebook lookup that runtimes fold into weights',
  float16: 'a float16 initializer would need a Cast to float32 before each consumer',
};

/** What one kernel becomes, and why it is float32 when it was quantized (or stored as a codebook or float16). */
function replacementFor(
  layer: LayerCompression, weight: WeightTensor, source: OnnxWeightSource, init: TensorProto, opset: number, irVersion: number, used: Set<string>,
): { replacement: Replacement; floatReason: string | null } {
  const e = layer.encoding;
  let floatReason = qdqProblem(layer, opset, irVersion) ?? FLOAT_REASONS[e.kind] ?? null;
  if (floatReason === null && (e.kind === 'affine' || e.kind === 'per-channel')) {
    const grid = integerGridOf(weight.data, weight.shape, e);
    const quantized = grid.ok ? quantizedReplacement(init, source, grid.grid, used) : grid.reason;
    if (typeof quantized !== 'string') return { replacement: quantized, floatReason: null };
    floatReason = quantized;
  }
  const values = transposeValues(weight.data, source.kerasShape, inversePermutation(source.perm));
  return {
    replacement: { tensors: [float32Initializer(init.name, init.dims, values, init)], written: { name: init.name, storage: 'float32', perChannel: false } },
    floatReason,
  };
}

/** Collects "reason: layers" notes, one line per reason. */
class FloatNotes {
  private byReason = new Map<string, string[]>();
  add(reason: string, layer: string): void {
    this.byReason.set(reason, [...(this.byReason.get(reason) ?? []), layer]);
  }
  lines(): string[] {
    return [...this.byReason].map(([reason, layers]) => {
      const shown = layers.length > 6 ? `${layers.slice(0, 6).join(', ')} and ${layers.length - 6} more` : layers.join(', ');
      return `Stored as float32 values on the compressed grid, because ${reason}: ${shown}.`;
    });
  }
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
  const indexOf = new Map(graph.initializer.map((t, i) => [t.name, i]));
  const used = namesIn(graph);
  const replaced = new Map<number, TensorProto[]>();
  const firstLayer = new Map<number, string>();
  const nodes: NodeProto[] = [];
  const written: WrittenInitializer[] = [];
  const floatNotes = new FloatNotes();
  const notes: string[] = [];
  for (const layer of result.perLayer) {
    const source = sourceOf.get(layer.tensor);
    const weight = weightOf.get(layer.tensor);
    const index = source === undefined ? undefined : indexOf.get(source.initializer);
    if (source === undefined || weight === undefined || index === undefined) {
      return fail({ code: 'missing-input', layer: layer.name, message: `Layer '${layer.name}': Expected weight '${layer.tensor}' to come from an initializer of the ONNX file, but got none.` });
    }
    const init = graph.initializer[index];
    const problem = layoutProblem(source, weight, init);
    if (problem) return fail({ code: 'shape-mismatch', layer: layer.name, message: problem });
    if (replaced.has(index)) {
      notes.push(`Initializer '${init.name}' is shared by layers '${firstLayer.get(index)}' and '${layer.name}': the first one's compressed values are written.`);
      continue;
    }
    const { replacement, floatReason } = replacementFor(layer, weight, source, init, opset, irVersion, used);
    if (floatReason) floatNotes.add(floatReason, layer.name);
    replaced.set(index, replacement.tensors);
    firstLayer.set(index, layer.name);
    if (replacement.node) nodes.push(replacement.node);
    written.push(replacement.written);
  }
  const dequantized = new Set(nodes.map((n) => n.output[0]));
  const out: ModelProto = {
    ...model,
    graph: {
      ...graph,
      initializer: graph.initializer.flatMap((t, i) => replaced.get(i) ?? [t]),
      // A name cannot be both a graph input and a node's output (old exporters list initializers as inputs).
      input: graph.input.filter((v) => !dequantized.has(v.name)),
      // Nodes are sorted topologically: the weights' DequantizeLinear come first.
      node: [...nodes, ...graph.node],
    },
  };
  return ok({ bytes: toBinary(ModelProtoSchema, out), initializers: written, notes: [...floatNotes.lines(), ...notes] });
}
