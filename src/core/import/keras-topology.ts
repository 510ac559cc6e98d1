/**
 * A Keras model topology (`{ class_name: 'Sequential' | 'Model' | 'Functional', config }`) → a
 * list of FlopLab layers with explicit wiring. Nested models (a Sequential or Functional used
 * as a layer) are flattened into the outer model: their input layers dissolve into the tensors
 * that feed them, and their output stands for the nested model's name.
 */
import { z } from 'zod';
import type { LayerSpec, Shape } from '../model';
import { fail, ok, type FlopLabError, type Result } from '../result';
import { readEndpointLayers, readInboundNodes, type InboundTensor } from './inbound-nodes';
import { batchNormAxis, convertKerasLayer } from './keras-layer';
import { assumedShapeRule } from './unknown-layers';

/** A parsed (sub)model: every non-input layer names its inputs explicitly. */
export interface ParsedTopology {
  name: string;
  layers: LayerSpec[];
  /** The names that stand for the model's inputs (InputLayers, or a placeholder for a nested Sequential). */
  inputNames: string[];
  outputNames: string[];
}

/** A BatchNormalization axis to check once shapes are known: it must be the last axis. */
export interface AxisCheck { layer: string; axis: number }

const layerEntrySchema = z.object({
  class_name: z.string(),
  config: z.record(z.string(), z.unknown()),
  name: z.string().optional(),
  inbound_nodes: z.unknown().optional(),
  build_config: z.unknown().optional(),
}).loose();
type LayerEntry = z.infer<typeof layerEntrySchema>;

/** zod schema of a topology: Sequential (config with layers, or Keras 1/2's bare list) or functional. */
export const topologySchema = z.object({
  class_name: z.string(),
  config: z.union([
    z.array(layerEntrySchema),
    z.object({ name: z.string().optional(), layers: z.array(layerEntrySchema) }).loose(),
  ]),
}).loose();
type Topology = z.infer<typeof topologySchema>;

const MODEL_CLASSES = new Set(['Sequential', 'Model', 'Functional']);
const MAX_NESTING = 32;

interface Context { warnings: string[]; axisChecks: AxisCheck[]; depth: number }

const parseError = (message: string, layer?: string): FlopLabError =>
  ({ code: 'parse-error', message, ...(layer ? { layer } : {}) });

const entryName = (entry: LayerEntry, fallback: string): string =>
  entry.name ?? (typeof entry.config.name === 'string' ? entry.config.name : fallback);

/** Keras 3 Sequential stores each layer's input shape in build_config; a shape without batch. */
function buildInputShape(entry: LayerEntry | undefined): Shape | null {
  const bc = entry?.build_config as { input_shape?: unknown } | undefined;
  const shape = bc?.input_shape;
  if (!Array.isArray(shape) || shape.length < 2) return null;
  const dims = shape.slice(1);
  return dims.every((d) => typeof d === 'number' && Number.isInteger(d) && d > 0) ? (dims as number[]) : null;
}

/**
 * Converts one non-model layer entry wired to `inputs` (to one layer, or a few where FlopLab
 * needs more to say the same; the last stands for the entry's output). An unknown class becomes an 'Unknown'
 * layer (zero cost, warning) when its output shape is known or it has one input (assumed
 * shape-preserving); otherwise an error naming the class.
 */
function convertEntry(entry: LayerEntry, name: string, inputs: string[], knownShape: Shape | null, ctx: Context): Result<LayerSpec[]> {
  const converted = convertKerasLayer(name, entry.class_name, entry.config);
  if (!converted.ok) return converted;
  const value = converted.value;
  if (value.kind === 'spec') {
    ctx.warnings.push(...value.warnings);
    const axis = value.spec.type === 'BatchNormalization' ? batchNormAxis(entry.config.axis) : null;
    if (typeof axis === 'number') ctx.axisChecks.push({ layer: name, axis });
    const layers = [value.spec.type === 'InputLayer' ? value.spec : { ...value.spec, inputs }];
    for (const next of value.followedBy) layers.push({ ...next, inputs: [layers[layers.length - 1].name] });
    return ok(layers);
  }
  const where = `Layer '${name}' (${value.className})`;
  if (knownShape) {
    ctx.warnings.push(`${where}: layer class not known to FlopLab; counted as zero cost with the output shape Keras recorded.`);
  } else {
    const rule = assumedShapeRule(value.className, inputs.length);
    if (typeof rule === 'object') {
      return fail({ code: 'unknown-layer', layer: name, message: `${where}: this layer class is not supported: ${rule.refuse}.` });
    }
    ctx.warnings.push(rule === 'input-shape'
      ? `${where}: layer class not known to FlopLab; counted as zero cost and assumed to keep its input's shape.`
      : `${where}: layer class not known to FlopLab; counted as zero cost, an element-wise merge of same-shaped inputs.`);
  }
  return ok([{ type: 'Unknown', name, className: value.className, outputShape: knownShape, inputs }]);
}

/**
 * Splices a parsed nested model into `layers`, fed by `inbound`. Returns the name that stands
 * for the nested model's output.
 */
function spliceNested(nested: ParsedTopology, inbound: string[], layers: LayerSpec[]): Result<string> {
  if (nested.inputNames.length !== inbound.length) {
    return fail(parseError(`Nested model '${nested.name}': Expected ${nested.inputNames.length} inputs, but got ${inbound.length}.`, nested.name));
  }
  if (nested.outputNames.length !== 1) {
    return fail(parseError(`Nested model '${nested.name}': Expected one output, but got ${nested.outputNames.length} (not supported).`, nested.name));
  }
  const rename = new Map(nested.inputNames.map((n, i) => [n, inbound[i]]));
  const renamed = (n: string) => rename.get(n) ?? n;
  for (const layer of nested.layers) {
    if (rename.has(layer.name)) continue; // its InputLayer dissolves into the outer tensor
    layers.push(layer.inputs ? { ...layer, inputs: layer.inputs.map(renamed) } : layer);
  }
  return ok(renamed(nested.outputNames[0]));
}

function asTopology(entry: LayerEntry): Topology {
  return { class_name: entry.class_name, config: entry.config as Topology['config'] };
}

/** The input shape a Sequential declares: on its first layer, or Keras 3's build_input_shape. */
function sequentialInputShape(entries: LayerEntry[], config: Record<string, unknown>): { shape: Shape | null; problem: string | null } {
  const first = entries[0]?.config ?? {};
  const candidates: [unknown, boolean][] = [
    [first.batch_input_shape, true], [first.batch_shape, true], [first.input_shape, false],
    [config.build_input_shape, true],
  ];
  for (const [value, withBatch] of candidates) {
    if (value === undefined || value === null) continue;
    const dims = Array.isArray(value) ? (withBatch ? value.slice(1) : value) : null;
    if (dims && dims.length > 0 && dims.every((d) => typeof d === 'number' && Number.isInteger(d) && d > 0)) {
      return { shape: dims as number[], problem: null };
    }
    return { shape: null, problem: `Expected the input shape to be positive sizes, but got ${JSON.stringify(value)}` };
  }
  return { shape: null, problem: null };
}

interface SequentialStart { layers: LayerSpec[]; inputNames: string[]; output: string; rest: LayerEntry[] }

/**
 * Where a Sequential model starts: its InputLayer; an input shape on its first layer (an
 * InputLayer is added, named as Keras 2 names it); a model as its first layer that brings its
 * own inputs (transfer learning: Sequential([base_model, Dense])); or, nested, a placeholder
 * for the outer model's tensor.
 */
function sequentialStart(entries: LayerEntry[], config: Record<string, unknown>, name: string, nested: boolean, ctx: Context): Result<SequentialStart> {
  const first = entries[0];
  if (first?.class_name === 'InputLayer') {
    const input = convertEntry(first, entryName(first, `${name}_input`), [], null, ctx);
    if (!input.ok) return input;
    return ok({ layers: input.value, inputNames: [input.value[0].name], output: input.value[0].name, rest: entries.slice(1) });
  }
  const { shape, problem } = sequentialInputShape(entries, config);
  if (problem) return fail(parseError(`Sequential model '${name}': ${problem}.`));
  if (shape) {
    const inputName = `${first ? entryName(first, 'layer') : name}_input`;
    return ok({ layers: [{ type: 'InputLayer', name: inputName, shape }], inputNames: [inputName], output: inputName, rest: entries });
  }
  if (nested) {
    const placeholder = `${name}/input`; // the outer model's tensor takes its place
    return ok({ layers: [], inputNames: [placeholder], output: placeholder, rest: entries });
  }
  if (first && MODEL_CLASSES.has(first.class_name)) {
    const inner = parseTopologyAt(asTopology(first), false, ctx);
    if (!inner.ok) return inner;
    if (inner.value.outputNames.length !== 1) {
      return fail(parseError(`Nested model '${inner.value.name}': Expected one output, but got ${inner.value.outputNames.length} (not supported).`, inner.value.name));
    }
    return ok({ layers: inner.value.layers, inputNames: inner.value.inputNames, output: inner.value.outputNames[0], rest: entries.slice(1) });
  }
  return fail(parseError(`Sequential model '${name}': no input shape (Expected batch_input_shape on its first layer, or an InputLayer).`));
}

function parseSequential(entries: LayerEntry[], config: Record<string, unknown>, nested: boolean, ctx: Context): Result<ParsedTopology> {
  const name = typeof config.name === 'string' ? config.name : 'sequential';
  const start = sequentialStart(entries, config, name, nested, ctx);
  if (!start.ok) return start;
  const { inputNames, rest } = start.value;
  const layers = [...start.value.layers];
  let previous = start.value.output;
  for (let i = 0; i < rest.length; i++) {
    const entry = rest[i];
    const layerName = entryName(entry, `layer_${i}`);
    if (MODEL_CLASSES.has(entry.class_name)) {
      const inner = parseTopologyAt(asTopology(entry), true, ctx);
      if (!inner.ok) return inner;
      const out = spliceNested(inner.value, [previous], layers);
      if (!out.ok) return out;
      previous = out.value;
      continue;
    }
    const converted = convertEntry(entry, layerName, [previous], buildInputShape(rest[i + 1]), ctx);
    if (!converted.ok) return converted;
    layers.push(...converted.value);
    previous = converted.value[converted.value.length - 1].name;
  }
  return ok({ name, layers, inputNames, outputNames: [previous] });
}

/** Keras 3 records every tensor's shape where it is consumed; index them by producing layer. */
function recordedShapes(calls: Map<string, InboundTensor[][]>): Map<string, Shape> {
  const shapes = new Map<string, Shape>();
  for (const nodes of calls.values()) {
    for (const tensor of nodes.flat()) if (tensor.shape) shapes.set(tensor.layer, tensor.shape);
  }
  return shapes;
}

function readAllInbound(entries: LayerEntry[], modelName: string): Result<Map<string, InboundTensor[][]>> {
  const calls = new Map<string, InboundTensor[][]>();
  for (let i = 0; i < entries.length; i++) {
    const name = entryName(entries[i], `layer_${i}`);
    const read = readInboundNodes(entries[i].inbound_nodes);
    if (!read.ok) return fail(parseError(`Model '${modelName}', layer '${name}': ${read.message}.`, name));
    if (read.calls.length > 1) {
      return fail(parseError(`Layer '${name}' (${entries[i].class_name}) is shared (called ${read.calls.length} times); shared layers are not supported.`, name));
    }
    const multiOutput = read.calls.flat().find((t) => t.tensorIndex !== 0);
    if (multiOutput) {
      return fail(parseError(`Layer '${name}': input '${multiOutput.layer}' output #${multiOutput.tensorIndex} — layers with several outputs are not supported.`, name));
    }
    calls.set(name, read.calls);
  }
  return ok(calls);
}

function parseFunctional(entries: LayerEntry[], config: Record<string, unknown>, ctx: Context): Result<ParsedTopology> {
  const name = typeof config.name === 'string' ? config.name : 'model';
  const allCalls = readAllInbound(entries, name);
  if (!allCalls.ok) return allCalls;
  const shapes = recordedShapes(allCalls.value);
  const alias = new Map<string, string>(); // Keras name → the FlopLab layer that stands for its output
  const resolve = (n: string) => alias.get(n) ?? n;
  const layers: LayerSpec[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const layerName = entryName(entry, `layer_${i}`);
    const inbound = (allCalls.value.get(layerName)?.[0] ?? []).map((t) => resolve(t.layer));
    if (MODEL_CLASSES.has(entry.class_name)) {
      const inner = parseTopologyAt(asTopology(entry), true, ctx);
      if (!inner.ok) return inner;
      const out = spliceNested(inner.value, inbound, layers);
      if (!out.ok) return out;
      alias.set(layerName, out.value);
      continue;
    }
    if (entry.class_name !== 'InputLayer' && inbound.length === 0) {
      return fail(parseError(`Layer '${layerName}' (${entry.class_name}): Expected inbound_nodes naming its inputs, but got none.`, layerName));
    }
    const converted = convertEntry(entry, layerName, inbound, shapes.get(layerName) ?? null, ctx);
    if (!converted.ok) return converted;
    layers.push(...converted.value);
    const last = converted.value[converted.value.length - 1].name;
    if (last !== layerName) alias.set(layerName, last);
  }
  const inputNames = readEndpointLayers(config.input_layers);
  const outputNames = readEndpointLayers(config.output_layers);
  if (!inputNames || !outputNames) {
    return fail(parseError(`Model '${name}': Expected input_layers and output_layers as [['layer', 0, 0], …].`));
  }
  const inputs = inputNames.length > 0 ? inputNames : layers.filter((l) => l.type === 'InputLayer').map((l) => l.name);
  const outputs = outputNames.length > 0 ? outputNames.map(resolve) : layers.slice(-1).map((l) => l.name);
  return ok({ name, layers, inputNames: inputs, outputNames: outputs });
}

function parseTopologyAt(topology: Topology, nested: boolean, ctx: Context): Result<ParsedTopology> {
  if (ctx.depth >= MAX_NESTING) return fail(parseError(`Models nested more than ${MAX_NESTING} deep are not supported.`));
  const inner = { ...ctx, depth: ctx.depth + 1 };
  const { class_name: className, config } = topology;
  const parsedConfig = topologySchema.shape.config.safeParse(config);
  if (!parsedConfig.success) {
    return fail(parseError(`Nested model of class ${className}: Expected config with a list of layers.`));
  }
  const cfg = parsedConfig.data;
  const entries = Array.isArray(cfg) ? cfg : cfg.layers;
  const cfgRecord: Record<string, unknown> = Array.isArray(cfg) ? {} : cfg;
  if (className === 'Sequential') return parseSequential(entries, cfgRecord, nested, inner);
  if (className === 'Model' || className === 'Functional') return parseFunctional(entries, cfgRecord, inner);
  return fail(parseError(`Expected the model class to be Sequential, Model or Functional, but got '${className}'.`));
}

/**
 * Parses a validated topology. Warnings (unknown layers or activations, ignored fields) are
 * appended to `warnings`; BatchNormalization axes to verify once shapes are known to `axisChecks`.
 */
export function parseTopology(topology: Topology, warnings: string[], axisChecks: AxisCheck[]): Result<ParsedTopology> {
  return parseTopologyAt(topology, false, { warnings, axisChecks, depth: 0 });
}
