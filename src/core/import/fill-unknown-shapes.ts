/**
 * Keras does not store output shapes (Keras 2, tfjs), so an imported layer class FlopLab does not
 * know gets its input's shape: such layers are assumed shape-preserving (the common case:
 * Lambda scaling, custom activations, noise, element-wise merges; see unknown-layers.ts). Done
 * once at import so the graph is self-contained.
 */
import { resolveInputs } from '../graph';
import type { LayerSpec, ModelGraph, Shape } from '../model';
import { inferLayerShape } from '../shapes/infer-shape';

const allSame = (shapes: Shape[]): boolean =>
  shapes.length > 0 && shapes.every((s) => s.length === shapes[0].length && s.every((d, i) => d === shapes[0][i]));

/**
 * Returns `graph` with every Unknown layer whose outputShape is null and whose inputs (one, or
 * several of one shape: an element-wise merge) have a known shape given that shape, and the
 * output shape of every layer that could be inferred. Layers whose shape cannot be inferred stay
 * as they are (the analysis then reports the real problem).
 */
export function fillUnknownShapes(graph: ModelGraph): { graph: ModelGraph; shapes: Map<string, Shape> } {
  const shapes = new Map<string, Shape>();
  const resolved = resolveInputs(graph);
  if (!resolved.ok) return { graph, shapes };
  const filled = new Map<string, LayerSpec>();
  for (const layer of resolved.value.order) {
    const inputNames = resolved.value.inputsOf.get(layer.name) ?? [];
    const inputShapes = inputNames.map((n) => shapes.get(n));
    if (inputShapes.some((s) => s === undefined)) continue;
    let current = layer;
    if (layer.type === 'Unknown' && layer.outputShape === null && allSame(inputShapes as Shape[])) {
      current = { ...layer, outputShape: [...(inputShapes[0] as Shape)] };
      filled.set(layer.name, current);
    }
    const shape = inferLayerShape(current, inputShapes as Shape[], inputNames);
    if (shape.ok) shapes.set(layer.name, shape.value);
  }
  if (filled.size === 0) return { graph, shapes };
  return { graph: { ...graph, layers: graph.layers.map((l) => filled.get(l.name) ?? l) }, shapes };
}
