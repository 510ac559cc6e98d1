/**
 * The variables of a Keras 3 `.keras` file (its model.weights.h5) as tfjs-named weights.
 *
 * Layout (keras/src/saving/saving_lib.py, `_save_state` / `_save_container_state`): a model's
 * layers lie under `layers/`, each addressed NOT by its name but by its snake_cased class with a
 * per-class counter in `model.layers` order (`layers/conv2d`, `layers/conv2d_1`,
 * `layers/batch_normalization`); its variables are `vars/0, 1, …` in the order
 * `_trainable_variables + _non_trainable_variables`. A nested Sequential or Functional model
 * keeps its layers under its own path (`layers/functional/layers/dense`). Sequential.layers
 * leaves out its InputLayer (Functional.layers keeps it, with no variables). Keras 2.13–2.15
 * `.keras` files say `_layer_checkpoint_dependencies` where Keras 3 says `layers`.
 */
import type { LayerSpec, ModelGraph } from '../../model';
import { fail, ok, type Result } from '../../result';
import { isRecord } from '../../shapes/checks';
import type { NamedWeight } from '../weights-manifest';
import type { Hdf5Reader } from './hdf5-reader';
import { nameLayerArrays, readBudget, type ReadBudget, type StoredArray } from './layer-arrays';

const MODEL_CLASSES = new Set(['Sequential', 'Functional', 'Model']);

/** keras/src/utils/naming.py `to_snake_case`: 'BatchNormalization' → 'batch_normalization', 'Conv2D' → 'conv2d'. */
export function toSnakeCase(name: string): string {
  return name
    .replace(/[^A-Za-z0-9_]+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

interface Entry { className: string; name: string; config: unknown }

/** The layer entries of a model config (Sequential's list or { layers }), with their names. */
function entriesOf(config: unknown): Entry[] {
  const list = Array.isArray(config) ? config : isRecord(config) && Array.isArray(config.layers) ? config.layers : [];
  return list.filter(isRecord).map((e, i) => {
    const cfg = isRecord(e.config) ? e.config : {};
    const name = typeof e.name === 'string' ? e.name : typeof cfg.name === 'string' ? cfg.name : `layer_${i}`;
    return { className: String(e.class_name), name, config: e.config };
  });
}

interface Walk { h5: Hdf5Reader; specs: Map<string, LayerSpec>; weights: NamedWeight[]; warnings: string[]; layersKey: string; budget: ReadBudget }

/** The datasets vars/0 … vars/n−1 under `path` (Keras writes them numbered from 0). */
function storedArrays(h5: Hdf5Reader, path: string): StoredArray[] {
  const names = h5.children(`${path}/vars`) ?? [];
  const numbered = names.filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b);
  return numbered.map((i) => {
    const at = `${path}/vars/${i}`;
    return { path: at, describe: () => h5.describe(at), read: (maxElements: number) => h5.floats(at, maxElements) };
  });
}

function walkModel(className: string, config: unknown, path: string, w: Walk): Result<void> {
  let entries = entriesOf(config);
  if (className === 'Sequential' && entries[0]?.className === 'InputLayer') entries = entries.slice(1);
  const used = new Map<string, number>();
  for (const entry of entries) {
    const base = toSnakeCase(entry.className);
    const count = used.has(base) ? used.get(base)! + 1 : 0;
    used.set(base, count);
    const inner = `${path}${path ? '/' : ''}${w.layersKey}/${count === 0 ? base : `${base}_${count}`}`;
    if (MODEL_CLASSES.has(entry.className)) {
      const nested = walkModel(entry.className, entry.config, inner, w);
      if (!nested.ok) return nested;
      continue;
    }
    const spec = w.specs.get(entry.name);
    const arrays = storedArrays(w.h5, inner);
    if (!spec) {
      if (arrays.length > 0) w.warnings.push(`Layer '${entry.name}' (${entry.className}): its ${arrays.length} weight arrays are not read.`);
      continue;
    }
    const named = nameLayerArrays(spec, arrays, w.weights, w.warnings, w.budget);
    if (!named.ok) {
      if (arrays.length > 0 || w.h5.children(inner) !== null) return named;
      return fail({ ...named.error, message: `${named.error.message.replace(/\.$/, '')}: nothing is stored at ${inner}/vars (the file does not match its config.json).` });
    }
  }
  return ok(undefined);
}

/**
 * Reads the variables of the model `topology` ({ class_name, config }, as in config.json) from
 * its model.weights.h5 and names them for `graph` (the graph parsed from the same config):
 * 'conv1/kernel', 'bn1/moving_mean', … in model.layers order. Layers FlopLab does not read
 * the weights of are a warning; a missing or extra array, or a non-float one, is an error, and
 * so is an array whose declared shape does not fit the graph (found before it is read).
 */
export function readKeras3Weights(h5: Hdf5Reader, topology: { class_name: string; config: unknown }, graph: ModelGraph): Result<{ weights: NamedWeight[]; warnings: string[] }> {
  const layersKey = h5.children('layers') === null && h5.children('_layer_checkpoint_dependencies') !== null
    ? '_layer_checkpoint_dependencies' : 'layers';
  const budget = readBudget(graph);
  if (!budget.ok) return budget;
  const w: Walk = { h5, specs: new Map(graph.layers.map((l) => [l.name, l])), weights: [], warnings: [], layersKey, budget: budget.value };
  const walked = walkModel(topology.class_name, topology.config, '', w);
  if (!walked.ok) return walked;
  return ok({ weights: w.weights, warnings: w.warnings });
}
