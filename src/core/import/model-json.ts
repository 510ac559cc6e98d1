/**
 * Reads a TensorFlow.js Layers `model.json` into a FlopLab ModelGraph.
 *
 * Flavours accepted:
 * - tfjs-layers (`model.save`): `{ modelTopology: { class_name, config, keras_version }, weightsManifest }`
 * - the Python converter (`tensorflowjs_converter`, Keras 2 or 3): `{ format: 'layers-model',
 *   modelTopology: { keras_version, backend, model_config: { class_name, config } }, weightsManifest }`
 * - a bare Keras topology `{ class_name, config }` (e.g. Keras `model.to_json()`).
 * Sequential and functional (Model / Functional) models, nested models flattened.
 */
import { z } from 'zod';
import type { LayerSpec, ModelGraph, Shape } from '../model';
import { fail, ok, type FlopLabError, type Result } from '../result';
import { resolveGraph } from '../graph';
import { fillUnknownShapes } from './fill-unknown-shapes';
import { parseTopology, topologySchema, type AxisCheck } from './keras-topology';
import { weightsManifestSchema, type WeightsManifestGroup } from './weights-manifest';
import { isRecord } from '../shapes/checks';

export interface ImportedModel {
  graph: ModelGraph;
  /** Non-fatal notes for the user: unknown layers counted as zero cost, activations, ignored fields. */
  warnings: string[];
  /** The weights manifest, or null when the file has none (a topology only). */
  weightsManifest: WeightsManifestGroup[] | null;
}


/**
 * The most specific issue: for a union (Sequential's config is a list or an object with
 * layers), the branch that got furthest into the data.
 */
function deepestIssue(issue: z.core.$ZodIssue): { path: PropertyKey[]; message: string } {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const branches = issue.errors.filter((b) => b.length > 0).map((b) => deepestIssue(b[0]));
  const best = branches.reduce((a, b) => (b.path.length > a.path.length ? b : a), { path: [], message: issue.message });
  return { path: [...issue.path, ...best.path], message: best.message };
}

/** Formats the first zod issue as "where: what", e.g. "modelTopology.config.layers.2.class_name: …". */
function describeIssue(error: z.ZodError, root: string): string {
  const issue = deepestIssue(error.issues[0]);
  const path = [root, ...issue.path.map(String)].filter(Boolean).join('.');
  return `${path || 'file'}: ${issue.message}`;
}

/** Finds the Keras topology inside the file, and where it was (for messages). */
function locateTopology(json: Record<string, unknown>): { topology: unknown; where: string } | null {
  const mt = json.modelTopology;
  if (isRecord(mt)) {
    if (isRecord(mt.model_config)) return { topology: mt.model_config, where: 'modelTopology.model_config' };
    if ('class_name' in mt) return { topology: mt, where: 'modelTopology' };
    return null;
  }
  if ('class_name' in json && 'config' in json) return { topology: json, where: '' };
  return null;
}

/** Layers of a pure chain need no explicit wiring (the ModelGraph's Sequential convention). */
function dropChainWiring(layers: LayerSpec[]): LayerSpec[] {
  const isChain = layers.every((layer, i) => (i === 0
    ? layer.type === 'InputLayer'
    : layer.type !== 'InputLayer' && layer.inputs?.length === 1 && layer.inputs[0] === layers[i - 1].name));
  if (!isChain) return layers;
  return layers.map((layer) => {
    const { inputs: _inputs, ...rest } = layer;
    return rest as LayerSpec;
  });
}

/** A BatchNormalization over an axis other than the channels (last) one: channels-first data. */
function misplacedAxis(checks: AxisCheck[], shapes: Map<string, Shape>): FlopLabError | null {
  for (const { layer, axis } of checks) {
    const rank = shapes.get(layer)?.length;
    if (rank !== undefined && axis !== rank) {
      return {
        code: 'parse-error', layer, field: 'axis',
        message: `Layer '${layer}' (BatchNormalization): Expected axis to be the channels axis (-1 or ${rank}), but got ${axis} (FlopLab's shapes are channels-last).`,
      };
    }
  }
  return null;
}

/**
 * Marks the model outputs that other layers also consume (`modelOutput`): they stay in memory to
 * the end. Outputs nobody consumes need no mark.
 */
function markConsumedOutputs(graph: ModelGraph, outputNames: string[]): ModelGraph {
  const { inputsOf } = resolveGraph(graph);
  const consumed = new Set([...inputsOf.values()].flat());
  const marked = new Set(outputNames.filter((n) => consumed.has(n)));
  if (marked.size === 0) return graph;
  return { ...graph, layers: graph.layers.map((l) => (marked.has(l.name) ? { ...l, modelOutput: true } : l)) };
}

function firstDuplicate(layers: LayerSpec[]): string | null {
  const seen = new Set<string>();
  for (const layer of layers) {
    if (seen.has(layer.name)) return layer.name;
    seen.add(layer.name);
  }
  return null;
}

/**
 * Parses a model.json (already JSON-parsed) into a ModelGraph, its warnings and its weights
 * manifest. Never throws: malformed input is `{ ok: false, error: { code: 'parse-error' } }`
 * with a message saying where; an unknown layer class whose shape cannot be known is
 * 'unknown-layer'. Layer names are kept. Unknown activations count as linear (warning);
 * unknown single-input layers count as zero-cost and shape-preserving (warning).
 */
export function parseModelJson(json: unknown): Result<ImportedModel> {
  if (!isRecord(json)) {
    return fail({ code: 'parse-error', message: 'Expected a model.json object with a modelTopology, but got ' + (Array.isArray(json) ? 'a list' : typeof json) + '.' });
  }
  if (json.format !== undefined && json.format !== 'layers-model') {
    return fail({ code: 'parse-error', message: `Expected format 'layers-model' (a TensorFlow.js Layers model), but got '${String(json.format)}'.` });
  }
  const located = locateTopology(json);
  if (!located) {
    return fail({ code: 'parse-error', message: 'Not a TensorFlow.js Layers model.json: Expected modelTopology with class_name and config (or modelTopology.model_config).' });
  }
  const topology = topologySchema.safeParse(located.topology);
  if (!topology.success) return fail({ code: 'parse-error', message: describeIssue(topology.error, located.where) });

  let weightsManifest: WeightsManifestGroup[] | null = null;
  if (json.weightsManifest !== undefined && json.weightsManifest !== null) {
    const manifest = weightsManifestSchema.safeParse(json.weightsManifest);
    if (!manifest.success) return fail({ code: 'parse-error', message: describeIssue(manifest.error, 'weightsManifest') });
    weightsManifest = manifest.data;
  }

  const warnings: string[] = [];
  const axisChecks: AxisCheck[] = [];
  const parsed = parseTopology(topology.data, warnings, axisChecks);
  if (!parsed.ok) return parsed;
  const { name, layers, outputNames } = parsed.value;
  if (layers.length === 0) return fail({ code: 'parse-error', message: `Model '${name}' has no layers.` });
  const duplicate = firstDuplicate(layers);
  if (duplicate) return fail({ code: 'duplicate-name', layer: duplicate, message: `Layer name '${duplicate}' appears more than once.` });
  if (outputNames.length > 1) {
    warnings.push(`Model '${name}' has ${outputNames.length} outputs (${outputNames.join(', ')}); every layer is counted.`);
  }
  const filled = fillUnknownShapes({ name, layers: dropChainWiring(layers) });
  const graph = markConsumedOutputs(filled.graph, outputNames);
  const { shapes } = filled;
  const badAxis = misplacedAxis(axisChecks, shapes);
  if (badAxis) return fail(badAxis);
  return ok({ graph, warnings, weightsManifest });
}
