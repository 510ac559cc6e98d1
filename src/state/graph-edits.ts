/**
 * Pure edits of a ModelGraph, used by the store's model slice. They never validate: the engine
 * reports what is wrong with the result. They keep the wiring sensible instead: a rename rewires
 * the layers that name the old layer in `inputs` (and in `sharesWeightsOf`), a removal hands the
 * removed layer's inputs on.
 */
import type { LayerSpec, ModelGraph } from '../core/model';

/** The layer names a layer reads from: its explicit `inputs`, or the layer before it. */
export function effectiveInputs(graph: ModelGraph, index: number): string[] {
  const layer = graph.layers[index];
  if (layer.inputs) return layer.inputs;
  return index > 0 ? [graph.layers[index - 1].name] : [];
}

/** Replaces every occurrence of `from` in explicit `inputs` with the names in `to`. */
function rewireInputs(layers: LayerSpec[], from: string, to: string[]): LayerSpec[] {
  return layers.map((layer) => {
    if (!layer.inputs || !layer.inputs.includes(from)) return layer;
    const inputs = layer.inputs.flatMap((name) => (name === from ? to : [name]));
    return { ...layer, inputs: dedupe(inputs) };
  });
}

/** A layer sharing the weights of `from` now shares those of `to` (the same layer, renamed). */
function renameSharedOwner(layer: LayerSpec, from: string, to: string): LayerSpec {
  return layer.sharesWeightsOf === from ? { ...layer, sharesWeightsOf: to } : layer;
}

function dedupe(names: string[]): string[] {
  return names.filter((name, i) => names.indexOf(name) === i);
}

/**
 * Applies `patch` to the layer called `name`. A new name is written through to every layer
 * that lists the old one in `inputs`. The `type` cannot be changed by a patch (use replaceLayer).
 */
export function updateLayerIn(graph: ModelGraph, name: string, patch: Partial<LayerSpec>): ModelGraph {
  const index = graph.layers.findIndex((l) => l.name === name);
  if (index < 0) return graph;
  const old = graph.layers[index];
  const updated = { ...old, ...patch, type: old.type } as LayerSpec;
  return replaceAt(graph, index, updated);
}

/** Replaces the layer called `name` by `spec` (any type), rewiring on a name change. */
export function replaceLayerIn(graph: ModelGraph, name: string, spec: LayerSpec): ModelGraph {
  const index = graph.layers.findIndex((l) => l.name === name);
  if (index < 0) return graph;
  return replaceAt(graph, index, spec);
}

function replaceAt(graph: ModelGraph, index: number, spec: LayerSpec): ModelGraph {
  const oldName = graph.layers[index].name;
  let layers = graph.layers.map((l, i) => (i === index ? spec : l));
  // A rename into or out of a name another layer also holds is ambiguous: rewiring then would
  // steal that layer's consumers, so the wiring is left for the engine to flag.
  const others = graph.layers.filter((_, i) => i !== index);
  const ambiguous = others.some((l) => l.name === spec.name || l.name === oldName);
  if (spec.name !== oldName && !ambiguous) {
    layers = layers.map((l, i) => (i === index ? l : renameSharedOwner(rewireInputs([l], oldName, [spec.name])[0], oldName, spec.name)));
  }
  return { ...graph, layers };
}

/** Inserts `spec` at `index` (clamped; default: the end). */
export function insertLayerIn(graph: ModelGraph, spec: LayerSpec, index?: number): ModelGraph {
  const at = index === undefined ? graph.layers.length : clamp(index, 0, graph.layers.length);
  const layers = [...graph.layers.slice(0, at), spec, ...graph.layers.slice(at)];
  return { ...graph, layers };
}

/**
 * Removes the layer called `name`. Layers that read it explicitly read its inputs instead; the
 * layer after it, if it read it implicitly, keeps reading what the removed layer read.
 */
export function removeLayerIn(graph: ModelGraph, name: string): ModelGraph {
  const index = graph.layers.findIndex((l) => l.name === name);
  if (index < 0) return graph;
  const handedOn = effectiveInputs(graph, index);
  let layers = graph.layers.filter((_, i) => i !== index);
  layers = rewireInputs(layers, name, handedOn);
  const next = layers[index];
  // The next layer read the removed one implicitly; after removal it would read the layer
  // before, which is only right when that is what the removed layer read.
  if (next && !next.inputs && graph.layers[index].inputs) {
    const implicitNow = index > 0 ? [layers[index - 1].name] : [];
    if (!sameNames(implicitNow, handedOn)) {
      layers = layers.map((l, i) => (i === index ? { ...l, inputs: handedOn } : l));
    }
  }
  return { ...graph, layers };
}

function sameNames(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i]);
}

/** Moves the layer at `fromIndex` to `toIndex` (indices into graph.layers, clamped). */
export function moveLayerIn(graph: ModelGraph, fromIndex: number, toIndex: number): ModelGraph {
  const n = graph.layers.length;
  if (fromIndex < 0 || fromIndex >= n) return graph;
  const to = clamp(toIndex, 0, n - 1);
  if (to === fromIndex) return graph;
  const layers = [...graph.layers];
  const [moved] = layers.splice(fromIndex, 1);
  layers.splice(to, 0, moved);
  return { ...graph, layers };
}

/**
 * Inserts a copy of the layer called `name` right after it, named `copyName`. The copy reads
 * the original (implicit input), so duplicating a layer in a stack repeats it in sequence.
 */
export function duplicateLayerIn(graph: ModelGraph, name: string, copyName: string): ModelGraph {
  const index = graph.layers.findIndex((l) => l.name === name);
  if (index < 0) return graph;
  const copy = { ...structuredClone(graph.layers[index]), name: copyName };
  delete copy.inputs;
  return insertLayerIn(graph, copy, index + 1);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, Math.trunc(value)));
}
