/**
 * Before `compress` writes anything: do the weights file and the graph agree? Every weight of a
 * layer FlopLab knows must have the name and shape tfjs-layers gives it (a transposed kernel is
 * refused), no weight may be missing or left over, a layer of another type may carry only as
 * many values as the engine counts for it, and every value must be finite (a BatchNorm moving
 * variance also non-negative): otherwise the written model would not load in tfjs, or would
 * predict NaN.
 */
import type { CostReport } from '../core/cost-types';
import type { WeightsManifestGroup } from '../core/import/weights-manifest';
import type { ModelGraph } from '../core/model';
import { layerOfTensor } from '../core/compress/prunable';
import type { WeightTensor } from '../core/compress/types';
import { expectedWeights, WEIGHT_SHAPES_KNOWN } from '../core/compress/weight-shapes';

export type WeightsCheck = { ok: true } | { ok: false; message: string };

const shapeText = (shape: number[]) => `[${shape.join(', ')}]`;
const bad = (message: string): WeightsCheck => ({ ok: false, message });

/**
 * Layer weights are float32 in Keras and tfjs (stored as such or quantized from float32): an
 * int32 or bool entry is a manifest that does not describe these layers.
 */
export function checkManifestDtypes(manifest: WeightsManifestGroup[]): WeightsCheck {
  for (const entry of manifest.flatMap((g) => g.weights)) {
    if (entry.group === 'optimizer') continue;
    if (entry.dtype !== 'float32') return bad(`Weight '${entry.name}': Expected dtype float32 (a layer weight), but got ${entry.dtype}.`);
  }
  return { ok: true };
}

/** The first value of `data` that is not finite (or, for a variance, negative), or null. */
function badValue(data: Float32Array, nonNegative: boolean): { index: number; value: number } | null {
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v) || (nonNegative && v < 0)) return { index: i, value: v };
  }
  return null;
}

/** Checks `weights` against `graph` (already analysed into `report`); the first problem, naming the weight. */
export function checkWeightsAgainstGraph(graph: ModelGraph, report: CostReport, weights: WeightTensor[]): WeightsCheck {
  const expected = expectedWeights(graph);
  if (!expected.ok) return bad(expected.error.message);
  const wanted = new Map(expected.value.map((w) => [w.name, w]));
  const layers = new Map(graph.layers.map((l) => [l.name, l]));
  const seen = new Set<string>();
  const otherValues = new Map<string, number>();
  for (const w of weights) {
    if (seen.has(w.name)) return bad(`Weight '${w.name}': Expected each weight once in the manifest, but got it twice.`);
    seen.add(w.name);
    const want = wanted.get(w.name);
    const layer = layers.get(layerOfTensor(w.name));
    if (want) {
      if (shapeText(want.shape) !== shapeText(w.shape)) {
        return bad(`Weight '${w.name}': Expected shape ${shapeText(want.shape)} (what layer '${want.layer}' of the topology uses), but got ${shapeText(w.shape)}.`);
      }
    } else if (!layer) {
      return bad(`Weight '${w.name}': Expected a weight of a layer in the topology, but no layer is named '${layerOfTensor(w.name)}'.`);
    } else if (WEIGHT_SHAPES_KNOWN.has(layer.type)) {
      const names = expected.value.filter((e) => e.layer === layer.name).map((e) => `'${e.name}'`).join(', ') || 'none';
      return bad(`Weight '${w.name}': Expected layer '${layer.name}' (${layer.type}) to have the weights ${names}, but got this one as well.`);
    } else {
      otherValues.set(layer.name, (otherValues.get(layer.name) ?? 0) + w.data.length);
    }
    const wrong = badValue(w.data, want?.role === 'movingVariance');
    if (wrong) {
      const what = Number.isFinite(wrong.value) ? 'a non-negative variance' : 'finite values';
      return bad(`Weight '${w.name}': Expected ${what}, but got ${wrong.value} at index ${wrong.index}.`);
    }
  }
  for (const want of expected.value) {
    if (!seen.has(want.name)) return bad(`Weight '${want.name}': Expected it (shape ${shapeText(want.shape)}, layer '${want.layer}'), but the manifest does not list it.`);
  }
  const counted = new Map(report.layers.map((l) => [l.name, l.params]));
  for (const [name, values] of otherValues) {
    const params = counted.get(name) ?? 0;
    if (values !== params) {
      const type = layers.get(name)?.type ?? 'Unknown';
      return bad(`Layer '${name}' (${type}): Expected ${params} weight values (as FlopLab counts this layer), but the weights file has ${values}; FlopLab cannot check this layer's weights.`);
    }
  }
  return { ok: true };
}
