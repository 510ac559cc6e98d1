/**
 * Which graph a set of trained weights belongs to: the layers as JSON (names, types, every
 * field). Any edit changes it, so an accuracy is shown only for the model it was measured on.
 * The model's name is left out: renaming the model keeps its weights.
 */
import type { ModelGraph } from '../core/model';

export function weightsKey(graph: ModelGraph): string {
  return JSON.stringify(graph.layers);
}
