/**
 * The weights of the last imported model.json, kept in the worker (never sent back to the main
 * thread) until a newer import replaces them. They are used for a graph whose weight tensors
 * all match by name and shape; an edited graph falls back to seeded random weights.
 * An ONNX import hands over a function instead: its weights in Keras layout (every one
 * transposed: ~300 ms and +100 MB for ResNet-50) are computed on the first use and then kept.
 */
import type { NamedWeight } from '../core/import/weights-manifest';
import type { ModelProto } from '../core/onnx/gen/onnx_pb';
import type { OnnxImport } from '../core/onnx/types';

export interface WeightSpec { name: string; shape: number[] }

/** An imported ONNX file, kept whole so a compression can be written back as ONNX. */
export interface HeldOnnx { model: ModelProto; imported: OnnxImport; fileName: string; fileBytes: number }

/** The weights, or how to compute them on first use. */
export type HeldWeights = NamedWeight[] | (() => NamedWeight[]);

let imported: HeldWeights | null = null;
let heldOnnx: HeldOnnx | null = null;

/** Keeps `weights` (and, for an ONNX import, its file) for later jobs; any other call forgets the ONNX file. */
export function rememberImportedWeights(weights: HeldWeights | null, onnx: HeldOnnx | null = null): void {
  imported = weights;
  heldOnnx = onnx;
}

/** The held weights, computed now if they were handed over as a function (then kept), or null. */
export function heldWeights(): NamedWeight[] | null {
  if (typeof imported === 'function') imported = imported();
  return imported;
}

/** True when held weights are still to be computed (the next heldWeights() call is a long synchronous step). */
export function heldWeightsPending(): boolean {
  return typeof imported === 'function';
}

/** The ONNX file the held weights came from, or null (a model.json, trained or no weights). */
export function importedOnnx(): HeldOnnx | null {
  return heldOnnx;
}

/**
 * The imported weights in the order of `wanted` (a model's weights), or null unless every wanted
 * tensor is there with the same shape.
 */
export function importedWeightsFor(wanted: readonly WeightSpec[]): NamedWeight[] | null {
  return matchWeights(heldWeights(), wanted);
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
