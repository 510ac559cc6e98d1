/**
 * The weights of the last imported model.json, kept in the worker (never sent back to the main
 * thread) until a newer import replaces them. They are used for a graph whose weight tensors
 * all match by name and shape; an edited graph falls back to seeded random weights.
 */
import type { NamedWeight } from '../core/import/weights-manifest';

export interface WeightSpec { name: string; shape: number[] }

let imported: NamedWeight[] | null = null;

export function rememberImportedWeights(weights: NamedWeight[] | null): void {
  imported = weights;
}

/**
 * The imported weights in the order of `wanted` (a model's weights), or null unless every wanted
 * tensor is there with the same shape.
 */
export function importedWeightsFor(wanted: readonly WeightSpec[]): NamedWeight[] | null {
  return matchWeights(imported, wanted);
}

/** Pure matcher behind importedWeightsFor (exported for tests). */
export function matchWeights(available: readonly NamedWeight[] | null, wanted: readonly WeightSpec[]): NamedWeight[] | null {
  if (available === null || wanted.length === 0) return null;
  const byName = new Map(available.map((w) => [w.name, w]));
  const out: NamedWeight[] = [];
  for (const spec of wanted) {
    const found = byName.get(spec.name);
    if (!found || !sameShape(found.shape, spec.shape)) return null;
    out.push(found);
  }
  return out;
}

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);
