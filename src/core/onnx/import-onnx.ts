/**
 * ONNX → FlopLab: `importOnnx` maps a decoded ModelProto (read-model.ts) onto the engine graph,
 * with exact counts (docs/counting.md), plus where each Keras weight lies in the file. The op
 * mapping is op-table.ts; shapes and constant folding are shape-infer.ts.
 *
 * Layout: NCHW rank-4 tensors are the engine's [H, W, C]; other ranks drop only the batch. The
 * graph says `layout: 'channels-first'` so the page shows shapes as PyTorch does.
 */
import { layerCountProblem, MAX_LAYERS, MAX_NAME_CHARS } from '../limits';
import type { LayerSpec } from '../model';
import { fail, ok, type Result } from '../result';
import { nodeError } from './attributes';
import type { ModelProto } from './gen/onnx_pb';
import { GraphBuilder } from './graph-builder';
import { hasBatch, showShape, toEngineShape } from './map-context';
import { nodeBaseNames, printable, sanitiseName } from './names';
import { mapperFor } from './op-table';
import { inferValues } from './shape-infer';
import { isFloatType } from './tensors';
import { elementCount } from '../shapes/tensor-shapes';
import type { OnnxImport } from './types';

export { onnxKerasWeights } from './keras-weights';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
const listNames = (names: string[]) => names.slice(0, 3).map((n) => `'${n}'`).join(', ') + (names.length > 3 ? ', …' : '');

/** The opset of the default domain, or null when the model imports none. */
function defaultOpset(model: ModelProto): number | null {
  const entry = model.opsetImport.find((o) => o.domain === '' || o.domain === 'ai.onnx');
  return entry ? Number(entry.version) : null;
}

/** Float initializers that nodes read but no engine layer holds (an Add of a constant, …). */
function uncountedInitializers(b: GraphBuilder, mapped: Set<number>): string | null {
  const seen = new Set<string>();
  let values = 0;
  for (const i of mapped) {
    for (const name of b.graph.node[i].input) {
      const t = name ? b.initializer(name) : null;
      if (!t || seen.has(t.name) || b.holder.has(t.name) || b.constantTensors.has(t.name) || !isFloatType(t.dataType)) continue;
      seen.add(t.name);
      values += elementCount(t.dims.map(Number));
    }
  }
  if (seen.size === 0) return null;
  return `${plural(seen.size, 'float initializer', 'float initializers')} (${listNames([...seen])}; ${plural(values, 'value', 'values')}) ` +
    'feed ops that FlopLab counts without weights: they are not in the params.';
}

function summaryWarnings(b: GraphBuilder, mapped: Set<number>): string[] {
  const out: string[] = [];
  if (b.foldedBatchNorms > 0) {
    out.push(`${plural(b.foldedBatchNorms, 'convolution holds a BatchNorm that the export folded into it', 'convolutions hold a BatchNorm that the export folded into them')} ` +
      '(PyTorch eval mode): the file holds fewer weights than the PyTorch module (each folded BatchNorm\'s scale, shift, mean and variance are gone).');
  }
  if (b.shared.length > 0) {
    const pairs = b.shared.slice(0, 3).map(([l, of]) => `'${l}' uses '${of}'`).join(', ');
    out.push(`${plural(b.shared.length, 'layer reads', 'layers read')} the weights of an earlier layer (${pairs}${b.shared.length > 3 ? ', …' : ''}): they are counted once.`);
  }
  if (b.mergedWeights.length > 0) {
    const [[l, suffix, of]] = b.mergedWeights;
    out.push(`${plural(b.mergedWeights.length, 'weight reads an initializer', 'weights read an initializer')} that an earlier layer holds (the exporter merged initializers of equal values; '${l}' reads the ${suffix} of '${of}'): ` +
      'the file has it once, so FlopLab counts it with the first layer and shows the others without it (no bias, BatchNorm without scale or center).');
  }
  if (b.countedTwice.length > 0) {
    const [[init, l, of]] = b.countedTwice;
    const readers = l === of ? `twice by '${l}'` : `by '${of}' and '${l}'`;
    out.push(`${plural(b.countedTwice.length, 'initializer is', 'initializers are')} read by layers that hold other weights of their own ('${init}' ${readers}${b.countedTwice.length > 1 ? ', …' : ''}): ` +
      'each such layer counts it, so the params exceed the file\'s own weights.');
  }
  const uncounted = uncountedInitializers(b, mapped);
  if (uncounted) out.push(uncounted);
  return [...b.warnings, ...out];
}

/** Marks layers that are graph outputs and also feed other layers (they stay in memory to the end). */
function markOutputs(b: GraphBuilder): LayerSpec[] {
  const consumed = new Set(b.layers.flatMap((l) => l.inputs ?? []));
  const outputs = new Set(b.graph.output.map((o) => b.producer.get(o.name)).filter((l): l is string => l !== undefined));
  return b.layers.map((l) => (outputs.has(l.name) && consumed.has(l.name) ? { ...l, modelOutput: true } : l));
}

/**
 * Most nodes a graph may have (constant subgraphs included) before anything is inferred: far
 * above what a 1,000-layer model exports (BERT-base has ~3,000), far below a 200,000-node bomb.
 */
export const MAX_NODES = 100 * MAX_LAYERS;

/** Ops whose node may map to no layer (a relabel or pass-through); every other data node gives one, or two nodes one (a fused pair). */
const MAYBE_NO_LAYER = new Set(['Identity', 'Dropout', 'Cast', 'Reshape', 'Flatten', 'Transpose', 'Squeeze', 'Unsqueeze', 'Pad', 'Concat']);

/**
 * Maps an ONNX model onto FlopLab's engine graph. `label` names the file (and the model). Never
 * throws: a malformed or unsupported graph is an error value naming the node and field.
 * Unknown ops count as zero cost with a warning where their output shape is known. Text from
 * the file (node names, op types) reaches messages through `printable`.
 */
export function importOnnx(model: ModelProto, label: string): Result<OnnxImport> {
  const result = importGraph(model, label);
  if (!result.ok) {
    const { error } = result;
    return fail({ ...error, message: printable(error.message), ...(error.layer !== undefined ? { layer: printable(error.layer) } : {}) });
  }
  return ok({ ...result.value, warnings: result.value.warnings.map(printable) });
}

function importGraph(model: ModelProto, label: string): Result<OnnxImport> {
  const graph = model.graph;
  if (!graph) return fail({ code: 'parse-error', message: `${label}: Expected a ModelProto with a graph, but got none.` });
  const opset = defaultOpset(model);
  if (opset === null) return fail({ code: 'parse-error', field: 'opset_import', message: `${label}: Expected an opset_import for the default ONNX domain, but got none.` });
  if (graph.node.length > MAX_NODES) {
    return fail({ code: 'parse-error', message: `${label}: Expected at most ${MAX_NODES.toLocaleString('en-US')} nodes, but got ${graph.node.length.toLocaleString('en-US')}; FlopLab opens models of up to ${MAX_LAYERS.toLocaleString('en-US')} layers.` });
  }
  const table = inferValues(graph, opset);
  if (!table.ok) return table;
  // Each data node gives a layer, but for relabels and fused pairs (two nodes, one layer): refuse
  // a graph certain to exceed the layer limit before mapping it.
  const layered = graph.node.filter((n) => !MAYBE_NO_LAYER.has(n.opType) && n.output.some((o) => o !== '' && table.value.values.get(o)?.data === true)).length;
  const least = Math.ceil(layered / 2);
  if (least > MAX_LAYERS) {
    return fail({ code: 'parse-error', message: `${label}: ${layerCountProblem(least)!.replace('It has', 'It has at least')}` });
  }
  if (table.value.inputs.length === 0) {
    return fail({ code: 'no-input-layer', message: `${label}: Expected a graph input that is not an initializer, but got none.` });
  }
  const batch = table.value.values.get(table.value.inputs[0])!.shape![0];
  const b = new GraphBuilder(graph, table.value, opset, batch);
  for (const [k, input] of table.value.inputs.entries()) {
    const shape = table.value.values.get(input)!.shape!;
    if (shape.length < 2) {
      return fail({ code: 'parse-error', field: 'shape', message: `Graph input '${input}': Expected the batch first and at least one more axis, but got ${showShape(shape)}.` });
    }
    const name = b.names.claim(sanitiseName(input) || `input_${k}`);
    b.layers.push({ type: 'InputLayer', name, shape: toEngineShape(shape, batch) });
    b.producer.set(input, name);
  }
  const baseNames = nodeBaseNames(graph.node);
  const mapped = new Set<number>();
  for (const [i, node] of graph.node.entries()) {
    // Constant subgraphs (shape arithmetic, weights behind Identity) were folded, not mapped.
    if (b.absorbed.has(i) || !node.output.some((n) => n !== '' && table.value.values.get(n)?.data === true)) continue;
    const ctx = b.contextFor(i, baseNames[i]);
    const error = mapperFor(node.opType, node.domain)(ctx) ?? ctx.attrs.problem ?? b.weightError;
    if (error) return fail(error);
    mapped.add(i);
    for (const out of node.output) {
      const shape = out && b.producer.has(out) ? table.value.values.get(out)?.shape : null;
      if (shape && !hasBatch(shape, batch)) {
        return fail(nodeError(node, i, `output '${out}'`, batch === 1 ? 'a tensor with at least one axis besides the batch' : `a tensor with the batch (${batch}) first and at least one more axis`, showShape(shape)));
      }
    }
  }
  const tooMany = layerCountProblem(b.layers.length);
  if (tooMany) return fail({ code: 'parse-error', message: `${label}: ${tooMany}` });
  const name = (label.split(/[\\/]/).pop() ?? label).replace(/\.onnx$/i, '').slice(0, MAX_NAME_CHARS) || 'model';
  return ok({
    graph: { name, layers: markOutputs(b), layout: 'channels-first' },
    warnings: summaryWarnings(b, mapped),
    weights: b.weights,
    opset,
  });
}
