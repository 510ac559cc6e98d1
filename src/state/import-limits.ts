/**
 * The one set of limits (core/limits.ts), applied to imported files: a model with too many
 * layers is refused from its declared layer list before any layer is parsed, and an imported
 * model must pass the same config schema as saved work and share links, so that whatever the
 * import accepts can be saved, restored and shared.
 */
import { parseFlopLabConfig } from '../core/config-schema';
import { layerCountProblem } from '../core/limits';
import type { ModelGraph } from '../core/model';
import { fail, ok, type Result } from '../core/result';

/** Nested objects where a config or a Keras topology keeps its layer list. */
const LAYER_LIST_PATHS: readonly (readonly string[])[] = [
  ['layers'],
  ['modelTopology', 'config', 'layers'],
  ['modelTopology', 'config'],
  ['modelTopology', 'model_config', 'config', 'layers'],
  ['modelTopology', 'model_config', 'config'],
  ['config', 'layers'],
];

/** How many layers `json` declares at its top level (the longest list found; 0 if none). */
export function declaredLayerCount(json: unknown): number {
  let most = 0;
  for (const path of LAYER_LIST_PATHS) {
    let v: unknown = json;
    for (const key of path) v = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(v)) most = Math.max(most, v.length);
  }
  return most;
}

/** Why the file's model is too large to open (checked before parsing it), or null. */
export function importCountProblem(json: unknown): string | null {
  return layerCountProblem(declaredLayerCount(json));
}

/**
 * `graph` if the saved/shared config schema accepts it; else an error naming the layer and the
 * field ("Layer 'bn' (layers[3].epsilon): Too big: expected number to be <=1, but got 2.").
 */
export function checkImportedGraph(graph: ModelGraph): Result<ModelGraph> {
  const checked = parseFlopLabConfig(graph);
  if (checked.ok) return ok(graph);
  return fail({ ...checked.error, message: `FlopLab cannot keep this model: ${checked.error.message}` });
}
