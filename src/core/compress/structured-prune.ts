/**
 * Structured filter pruning (Li et al., "Pruning Filters for Efficient ConvNets", ICLR 2017):
 * the output filters of smallest L1 norm are removed from a Conv2D, SeparableConv2D or Dense
 * layer — its kernel's last axis and its bias — and the matching input channels of every layer
 * that consumes them, following channel-wise layers (BatchNormalization's four vectors,
 * DepthwiseConv2D's kernel and bias, activations, dropout, padding, pooling, Flatten) up to the
 * next Conv2D / SeparableConv2D / Conv2DTranspose / Dense, whose kernel loses the input rows.
 * The graph's `filters` / `units` shrink, so FLOPs really drop.
 *
 * Not pruned (with a note saying why): a layer whose output reaches an Add or Concatenate
 * (residual branches must keep matching channels), a Reshape, a softmax, an unknown layer, or
 * the model's output (its width is the model's contract).
 */
import type { LayerSpec, ModelGraph } from '../model';
import { analyzeModel } from '../analyze';
import { elementCount } from '../shapes/tensor-shapes';
import { resolveInputs } from '../graph';
import { fail, ok, type Result } from '../result';
import type { WeightTensor } from './types';
import { filterL1Norms, sliceAxis } from './slice-axis';
import { zerosForSparsity } from './select';
import { layerOfTensor } from './prunable';

export interface FilterPruneOutcome {
  graph: ModelGraph;
  weights: WeightTensor[];
  /** Filters removed per layer. */
  removed: Record<string, number>;
  notes: string[];
}

interface SliceEdit { tensor: string; axis: number; keep: number[] }

const PASS_THROUGH = new Set<LayerSpec['type']>([
  'BatchNormalization', 'ReLU', 'LeakyReLU', 'Dropout', 'MaxPooling2D', 'AveragePooling2D', 'ZeroPadding2D',
  'GlobalAveragePooling2D', 'GlobalMaxPooling2D',
]);

interface Wiring {
  layers: Map<string, LayerSpec>;
  consumers: Map<string, string[]>;
  inputShape: Map<string, number[]>;
  tensorsOf: (layer: string) => WeightTensor[];
  /** Layers whose weights another layer uses (`sharesWeightsOf`). */
  sharedOwners?: ReadonlySet<string>;
}

/**
 * Why a layer's filters or input channels must stay as they are ("is a grouped Conv2D …"), or null: a grouped Conv2D (its
 * groups must keep dividing both), or weights shared with another layer (both would change).
 */
function keptStructure(layer: LayerSpec, sharedOwners: ReadonlySet<string> | undefined): string | null {
  if (layer.type === 'Conv2D' && (layer.groups ?? 1) > 1) return `is a grouped Conv2D (${layer.groups} groups)`;
  if (layer.sharesWeightsOf !== undefined) return `shares the weights of '${layer.sharesWeightsOf}'`;
  if (sharedOwners?.has(layer.name)) return 'shares its weights with another layer';
  return null;
}

/**
 * Removes ceil(sparsity · filters) filters (at least one kept) from each layer for which
 * `sparsityFor` returns a positive fraction. Layers are processed in execution order, each
 * ranking its filters on its current (already input-sliced) kernel.
 */
export function pruneFilters(
  graph: ModelGraph, weights: WeightTensor[], sparsityFor: (layer: string) => number | null,
): Result<FilterPruneOutcome> {
  const resolved = resolveInputs(graph);
  if (!resolved.ok) return resolved;
  const analysis = analyzeModel(graph);
  if (!analysis.ok) return fail(analysis.errors[0]);
  const byName = new Map(weights.map((w) => [w.name, w]));
  const namesByLayer = new Map<string, string[]>();
  for (const w of weights) namesByLayer.set(layerOfTensor(w.name), [...(namesByLayer.get(layerOfTensor(w.name)) ?? []), w.name]);
  const consumers = new Map<string, string[]>();
  for (const [name, inputs] of resolved.value.inputsOf) for (const i of inputs) consumers.set(i, [...(consumers.get(i) ?? []), name]);
  const wiring: Wiring = {
    layers: new Map(graph.layers.map((l) => [l.name, l])),
    consumers,
    inputShape: new Map(analysis.report.layers.map((l) => [l.name, l.inputShapes[0] ?? []])),
    tensorsOf: (layer) => (namesByLayer.get(layer) ?? []).map((n) => byName.get(n) as WeightTensor),
  };
  const sharedOwners = new Set(graph.layers.flatMap((l) => (l.sharesWeightsOf === undefined ? [] : [l.sharesWeightsOf])));
  wiring.sharedOwners = sharedOwners;
  const removed: Record<string, number> = {};
  const notes: string[] = [];
  const newLayers = new Map<string, LayerSpec>();
  for (const layer of resolved.value.order) {
    const s = sparsityFor(layer.name);
    if (s === null || s <= 0) continue;
    if (layer.type !== 'Conv2D' && layer.type !== 'Dense' && layer.type !== 'SeparableConv2D') continue;
    const kept = keptStructure(layer, sharedOwners);
    if (kept) { notes.push(`Layer '${layer.name}': not pruned structurally: it ${kept}.`); continue; }
    const kernelName = `${layer.name}/${layer.type === 'SeparableConv2D' ? 'pointwise_kernel' : 'kernel'}`;
    const kernel = byName.get(kernelName);
    if (!kernel) { notes.push(`Layer '${layer.name}': no weight '${kernelName}', not pruned structurally.`); continue; }
    const cout = kernel.shape[kernel.shape.length - 1];
    const drop = Math.min(cout - 1, zerosForSparsity(s, cout));
    if (drop <= 0) continue;
    const keep = strongestFilters(filterL1Norms(kernel), cout - drop);
    const edits: SliceEdit[] = [{ tensor: kernelName, axis: kernel.shape.length - 1, keep }];
    if (layer.useBias) edits.push({ tensor: `${layer.name}/bias`, axis: 0, keep });
    const blocked = layer.activation === 'softmax' ? `its softmax activation normalises over all ${cout} outputs` : followConsumers(layer.name, keep, wiring, edits);
    if (blocked) { notes.push(`Layer '${layer.name}': not pruned structurally: ${blocked}.`); continue; }
    for (const e of edits) {
      const t = byName.get(e.tensor);
      if (t) byName.set(e.tensor, sliceAxis(t, e.axis, e.keep));
    }
    newLayers.set(layer.name, layer.type === 'Dense' ? { ...layer, units: keep.length } : { ...layer, filters: keep.length });
    removed[layer.name] = drop;
  }
  const newGraph: ModelGraph = { ...graph, layers: graph.layers.map((l) => newLayers.get(l.name) ?? l) };
  return ok({ graph: newGraph, weights: weights.map((w) => byName.get(w.name) ?? w), removed, notes });
}

/** Indices of the `count` largest norms (ties: lower index), ascending. */
function strongestFilters(norms: Float64Array, count: number): number[] {
  const order = Array.from(norms.keys()).sort((a, b) => norms[b] - norms[a] || a - b);
  return order.slice(0, count).sort((a, b) => a - b);
}

/**
 * Walks the consumers of `from`, whose output keeps channel indices `keep`, adding the slices
 * they need to `edits`. Returns why pruning is impossible, or null.
 */
function followConsumers(from: string, keep: number[], w: Wiring, edits: SliceEdit[]): string | null {
  const next = w.consumers.get(from) ?? [];
  if (next.length === 0) return `'${from}' is the model's output`;
  for (const name of next) {
    const c = w.layers.get(name);
    if (!c) return `unknown consumer '${name}'`;
    const why = sliceConsumer(c, keep, w, edits);
    if (why) return why;
  }
  return null;
}

function sliceConsumer(c: LayerSpec, keep: number[], w: Wiring, edits: SliceEdit[]): string | null {
  const kept = keptStructure(c, w.sharedOwners);
  if (kept) return `its output feeds '${c.name}', which ${kept}`;
  switch (c.type) {
    case 'Conv2D':
      edits.push({ tensor: `${c.name}/kernel`, axis: 2, keep });
      return null;
    case 'Conv2DTranspose':
      edits.push({ tensor: `${c.name}/kernel`, axis: 3, keep });
      return null;
    case 'Dense':
      edits.push({ tensor: `${c.name}/kernel`, axis: 0, keep });
      return null;
    case 'SeparableConv2D': {
      edits.push({ tensor: `${c.name}/depthwise_kernel`, axis: 2, keep });
      edits.push({ tensor: `${c.name}/pointwise_kernel`, axis: 2, keep: expand(keep, c.depthMultiplier) });
      return null;
    }
    case 'DepthwiseConv2D': {
      const out = expand(keep, c.depthMultiplier);
      edits.push({ tensor: `${c.name}/depthwise_kernel`, axis: 2, keep });
      if (c.useBias) edits.push({ tensor: `${c.name}/bias`, axis: 0, keep: out });
      return followConsumers(c.name, out, w, edits);
    }
    case 'Activation':
      if (c.activation === 'softmax') return `its output feeds softmax '${c.name}'`;
      return followConsumers(c.name, keep, w, edits);
    case 'Flatten': {
      const shape = w.inputShape.get(c.name) ?? [];
      const channels = shape[shape.length - 1] ?? 1;
      const positions = elementCount(shape.slice(0, -1));
      const flat: number[] = [];
      for (let p = 0; p < positions; p++) for (const k of keep) flat.push(p * channels + k);
      return followConsumers(c.name, flat, w, edits);
    }
    default:
      if (PASS_THROUGH.has(c.type)) {
        for (const t of w.tensorsOf(c.name)) edits.push({ tensor: t.name, axis: t.shape.length - 1, keep });
        return followConsumers(c.name, keep, w, edits);
      }
      if (c.type === 'Add' || c.type === 'Concatenate') return `its output feeds ${c.type} '${c.name}' (residual and concatenated branches must keep their channels)`;
      return `its output feeds ${c.type} '${c.name}', which structured pruning does not follow`;
  }
}

/** Channel c with depth multiplier m becomes channels c·m … c·m + m − 1. */
function expand(keep: number[], m: number): number[] {
  return keep.flatMap((c) => Array.from({ length: m }, (_, j) => c * m + j));
}
