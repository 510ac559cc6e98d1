/**
 * The weights of a legacy Keras `.h5` model file as tfjs-named weights.
 *
 * Layout (tf_keras saving/legacy/hdf5_format.py and Keras 3 legacy_h5_format.py,
 * `save_weights_to_hdf5_group`): group `model_weights` with attribute `layer_names` (the names of
 * model.layers; split into `layer_names0`, `layer_names1`, … when long); per layer a group of
 * that name with attribute `weight_names` and one dataset per name, e.g.
 * `model_weights/conv1/conv1/kernel:0` (Keras 2) or `model_weights/conv1/conv1/kernel` (Keras 3,
 * the variable's path), in the order trainable, then non-trainable weights. A nested model is
 * one group holding all its layers' weights ('block_conv/kernel:0', …): they are assigned to
 * the inner layer the weight name says.
 */
import type { LayerSpec, ModelGraph } from '../../model';
import { fail, ok, type Result } from '../../result';
import type { NamedWeight } from '../weights-manifest';
import type { Hdf5Reader } from './hdf5-reader';
import { nameLayerArrays, readBudget, type StoredArray } from './layer-arrays';

/** An attribute list as Keras writes it: whole, or split into name0, name1, … (HDF5's 64 KB header limit). */
export function chunkedAttribute(attrs: Record<string, unknown>, name: string): string[] | null {
  const whole = attrs[name];
  if (whole !== undefined) return Array.isArray(whole) ? whole.map(String) : [String(whole)];
  const parts: string[] = [];
  for (let i = 0; attrs[`${name}${i}`] !== undefined; i++) {
    const part = attrs[`${name}${i}`];
    parts.push(...(Array.isArray(part) ? part.map(String) : [String(part)]));
  }
  return parts.length > 0 ? parts : null;
}

/** 'block/conv1/kernel:0' → ['conv1', 'kernel']: the owning layer and the variable's own name. */
function splitWeightName(name: string): { owner: string | null; short: string } {
  const parts = name.replace(/:\d+$/, '').split('/');
  return { owner: parts.length >= 2 ? parts[parts.length - 2] : null, short: parts[parts.length - 1] };
}

const parseError = (message: string, layer?: string) => fail({ code: 'parse-error', message, ...(layer ? { layer } : {}) });

/**
 * Reads `model_weights` of a legacy .h5 file and names the weights for `graph` (parsed from the
 * file's model_config). Each dataset's declared shape is checked against the graph before its
 * values are read (layer-arrays.ts).
 */
export function readKeras2Weights(h5: Hdf5Reader, graph: ModelGraph): Result<{ weights: NamedWeight[]; warnings: string[] }> {
  const rootAttrs = h5.attributes('model_weights');
  if (rootAttrs === null) return parseError(`No model_weights group: Expected a Keras model saved by model.save('….h5').`);
  const layerNames = chunkedAttribute(rootAttrs, 'layer_names');
  if (layerNames === null) return parseError(`model_weights has no layer_names attribute: Expected a Keras .h5 model file.`);
  const budget = readBudget(graph);
  if (!budget.ok) return budget;
  const specs = new Map(graph.layers.map((l) => [l.name, l]));
  // Arrays per graph layer, in file order (a nested model's group lists its layers' weights).
  const perLayer = new Map<string, StoredArray[]>();
  const warnings: string[] = [];
  for (const group of layerNames) {
    const attrs = h5.attributes(`model_weights/${group}`);
    if (attrs === null) return parseError(`Layer '${group}': Expected a group model_weights/${group} with its weights, but the file has none.`, group);
    const names = chunkedAttribute(attrs, 'weight_names') ?? [];
    for (const weightName of names) {
      const path = `model_weights/${group}/${weightName}`;
      if (!h5.isDataset(path)) return parseError(`Layer '${group}': weight_names lists '${weightName}', but no dataset ${path} is in the file.`, group);
      const split = splitWeightName(weightName);
      const owner = specs.has(group) ? group : split.owner ?? group;
      if (!specs.has(owner)) {
        warnings.push(`Weight '${weightName}' of layer '${group}' is not read: no layer '${owner}' in the model.`);
        continue;
      }
      const list = perLayer.get(owner) ?? [];
      list.push({ path, describe: () => h5.describe(path), read: (maxElements) => h5.floats(path, maxElements) });
      perLayer.set(owner, list);
    }
  }
  const weights: NamedWeight[] = [];
  for (const spec of graph.layers) {
    const arrays = perLayer.get(spec.name) ?? [];
    if (arrays.length === 0 && !hasWeightsToRead(spec)) continue;
    const named = nameLayerArrays(spec, arrays, weights, warnings, budget.value);
    if (!named.ok) return named;
  }
  return ok({ weights, warnings });
}

/** Layers with no arrays in the file are checked only when the graph says they have weights (see checkWeightShapes). */
function hasWeightsToRead(spec: LayerSpec): boolean {
  return spec.type === 'PReLU' || spec.type === 'LayerNormalization';
}
