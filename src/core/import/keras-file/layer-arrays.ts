/**
 * Names the arrays a Keras file stores for one layer (in Keras's saving order) with the tfjs
 * weight names, and checks every named weight's shape against the graph.
 */
import { expectedWeights } from '../../compress/weight-shapes';
import type { LayerSpec, ModelGraph } from '../../model';
import { fail, ok, type Result } from '../../result';
import type { NamedWeight } from '../weights-manifest';
import type { FloatRead } from './hdf5-reader';
import { weightRoles } from './weight-roles';

/** One array as stored: where it is (for messages) and how to read it. */
export interface StoredArray { path: string; read: () => FloatRead }

const kindOf = (spec: LayerSpec) => (spec.type === 'Unknown' ? spec.className : spec.type);
const where = (spec: LayerSpec) => `Layer '${spec.name}' (${kindOf(spec)})`;
const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;
const parseError = (message: string, layer: string, field?: string) =>
  fail({ code: 'parse-error', message, layer, ...(field ? { field } : {}) });

/**
 * Appends `arrays` (one layer's, in Keras's order) to `out` as 'layer/role'. Arrays of a layer
 * whose weights FlopLab does not read (or that FlopLab counts without weights) are a warning; a count that does not match the
 * layer's config, or an unreadable array, is an error naming the layer and weight.
 */
export function nameLayerArrays(spec: LayerSpec, arrays: StoredArray[], out: NamedWeight[], warnings: string[]): Result<void> {
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
  for (let i = 0; i < roles.length; i++) {
    const read = arrays[i].read();
    if (!read.ok) return parseError(`${where(spec)}: weight '${roles[i]}' (${arrays[i].path}): ${read.message}.`, spec.name, roles[i]);
    out.push({ name: `${spec.name}/${roles[i]}`, shape: read.shape, data: read.data });
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
