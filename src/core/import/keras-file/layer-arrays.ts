/**
 * Names the arrays a Keras file stores for one layer (in Keras's saving order) with the tfjs
 * weight names, and checks every named weight's shape against the graph — the declared shape
 * BEFORE its values are read, so a file cannot make the reader allocate more than the graph
 * needs (a 1 MB file of gzip'd zeros declaring 16000×16000 is refused unread).
 */
import { analyzeModel } from '../../analyze';
import { expectedWeights } from '../../compress/weight-shapes';
import type { LayerSpec, ModelGraph } from '../../model';
import { fail, ok, type Result } from '../../result';
import type { NamedWeight } from '../weights-manifest';
import type { FloatInfo, FloatRead } from './hdf5-reader';
import { weightRoles } from './weight-roles';

/** One array as stored: where it is (for messages), its declared shape, and how to read it (at most `maxElements` values). */
export interface StoredArray { path: string; describe: () => FloatInfo; read: (maxElements: number) => FloatRead }

/** Most values read from one Keras file (1 GB as float32, as MAX_KERAS_WEIGHTS_BYTES). */
export const MAX_KERAS_WEIGHT_VALUES = 256 * 1024 * 1024;
/**
 * Most values in one dataset: jsfive builds a plain JS array per dataset, and past 2^25 values
 * V8 keeps it as a dictionary (several times the memory and time).
 */
export const MAX_DATASET_VALUES = 32 * 1024 * 1024;

/**
 * What may still be read: the shape the graph expects per weight ('conv1/kernel'), the values
 * each layer counts (for weights whose shape is not listed: PReLU, LayerNormalization), and
 * the values left under MAX_KERAS_WEIGHT_VALUES.
 */
export interface ReadBudget { shapes: Map<string, number[]>; layerParams: Map<string, number>; valuesLeft: number }

const kindOf = (spec: LayerSpec) => (spec.type === 'Unknown' ? spec.className : spec.type);
const where = (spec: LayerSpec) => `Layer '${spec.name}' (${kindOf(spec)})`;
const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;
const parseError = (message: string, layer: string, field?: string) =>
  fail({ code: 'parse-error', message, layer, ...(field ? { field } : {}) });
const countOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * The read budget of `graph`: a graph the engine refuses is that error (as checkWeightShapes
 * gives it); a graph whose weights alone exceed MAX_KERAS_WEIGHT_VALUES is refused.
 */
export function readBudget(graph: ModelGraph): Result<ReadBudget> {
  const analysis = analyzeModel(graph);
  if (!analysis.ok) return fail(analysis.errors[0]);
  const expected = expectedWeights(graph);
  if (!expected.ok) return expected;
  const shapes = new Map(expected.value.map((w) => [w.name, w.shape]));
  const layerParams = new Map(analysis.report.layers.map((l) => [l.name, l.params]));
  const total = expected.value.reduce((a, w) => a + countOf(w.shape), 0);
  if (total > MAX_KERAS_WEIGHT_VALUES) {
    return fail({ code: 'parse-error', message: `Expected the model's weights to hold at most ${MAX_KERAS_WEIGHT_VALUES} values, but its layers need ${total}: they are not read.` });
  }
  return ok({ shapes, layerParams, valuesLeft: MAX_KERAS_WEIGHT_VALUES });
}

/**
 * Reads one stored array as weight `role` of `spec` once its declared shape fits: the shape the
 * graph expects, or (a weight the graph lists no shape for) no more values than the layer counts
 * in all; never more than the budget or MAX_DATASET_VALUES.
 */
function readChecked(spec: LayerSpec, role: string, array: StoredArray, budget: ReadBudget, layerLeft: { values: number }): Result<NamedWeight> {
  const what = `${where(spec)}: weight '${role}' (${array.path})`;
  const info = array.describe();
  if (!info.ok) return parseError(`${what}: ${info.message}.`, spec.name, role);
  const want = budget.shapes.get(`${spec.name}/${role}`);
  if (want && shapeText(want) !== shapeText(info.shape)) {
    return parseError(`${where(spec)}: Expected weight '${role}' to have shape ${shapeText(want)}, but the file has ${shapeText(info.shape)}.`, spec.name, role);
  }
  const size = countOf(info.shape);
  const cap = Math.min(budget.valuesLeft, MAX_DATASET_VALUES, want ? size : layerLeft.values);
  if (size > cap) {
    const bound = cap === MAX_DATASET_VALUES ? `at most ${cap} values in one array` : cap === budget.valuesLeft ? `at most ${cap} more values in this file` : `at most ${cap} values (what the layer counts)`;
    return parseError(`${what}: Expected ${bound}, but its shape ${shapeText(info.shape)} holds ${size} (not read).`, spec.name, role);
  }
  const read = array.read(size);
  if (!read.ok) return parseError(`${what}: ${read.message}.`, spec.name, role);
  budget.valuesLeft -= size;
  if (!want) layerLeft.values -= size;
  return ok({ name: `${spec.name}/${role}`, shape: read.shape, data: read.data });
}

/**
 * Appends `arrays` (one layer's, in Keras's order) to `out` as 'layer/role', each read only
 * after its declared shape fits `budget` (see readChecked). Arrays of a layer
 * whose weights FlopLab does not read (or that FlopLab counts without weights) are a warning; a count that does not match the
 * layer's config, or an unreadable array, is an error naming the layer and weight.
 */
export function nameLayerArrays(spec: LayerSpec, arrays: StoredArray[], out: NamedWeight[], warnings: string[], budget: ReadBudget): Result<void> {
  const roles = weightRoles(spec);
  // A layer FlopLab counts without weights may still keep state in Keras (a seed, a counter): not read.
  if (roles === null || roles.length === 0) {
    if (arrays.length > 0) warnings.push(`${where(spec)}: its ${arrays.length} stored arrays are not read (FlopLab does not use them).`);
    return ok(undefined);
  }
  if (arrays.length !== roles.length) {
    const plural = roles.length === 1 ? 'array' : 'arrays';
    const wanted = `${roles.length} weight ${plural} (${roles.join(', ')})`;
    const got = arrays.length === 0 ? 'none' : `${arrays.length} (${arrays.map((a) => a.path).join(', ')})`;
    return parseError(`${where(spec)}: Expected ${wanted} in the file, but got ${got}.`, spec.name);
  }
  const layerLeft = { values: budget.layerParams.get(spec.name) ?? 0 };
  for (let i = 0; i < roles.length; i++) {
    const read = readChecked(spec, roles[i], arrays[i], budget, layerLeft);
    if (!read.ok) return read;
    out.push(read.value);
  }
  return ok(undefined);
}

/**
 * Every weight the graph's layers need (weight-shapes.ts) is in `weights` with that shape.
 * The first problem names the layer and weight: "Layer 'conv1' (Conv2D): Expected weight
 * 'kernel' to have shape [3, 3, 1, 4], but the file has [3, 3, 4, 1]."
 */
export function checkWeightShapes(graph: ModelGraph, weights: NamedWeight[]): Result<void> {
  const expected = expectedWeights(graph);
  if (!expected.ok) return expected;
  const byName = new Map(weights.map((w) => [w.name, w]));
  const specs = new Map(graph.layers.map((l) => [l.name, l]));
  for (const want of expected.value) {
    const spec = specs.get(want.layer);
    const role = want.name.slice(want.layer.length + 1);
    const label = spec ? where(spec) : `Layer '${want.layer}'`;
    const got = byName.get(want.name);
    if (!got) return parseError(`${label}: Expected weight '${role}' (shape ${shapeText(want.shape)}), but the file has none.`, want.layer, role);
    if (shapeText(got.shape) !== shapeText(want.shape)) {
      return parseError(`${label}: Expected weight '${role}' to have shape ${shapeText(want.shape)}, but the file has ${shapeText(got.shape)}.`, want.layer, role);
    }
  }
  return ok(undefined);
}
