/**
 * Checks a layer's `sharesWeightsOf`: the named layer must exist, come earlier in the list (and
 * run earlier), have the same type and the same weight shapes, so the layer really can be a
 * second call of it (a Keras shared layer, a PyTorch module called twice, one ONNX initializer
 * read by two nodes). Its params then count zero (params-macs.ts); MACs and FLOPs as usual.
 */
import type { LayerSpec, Shape } from '../model';
import type { FlopLabError } from '../result';
import { dims, expectedError } from '../shapes/checks';
import { weightTensorShapes } from './weight-tensor-shapes';

/** What the check needs to know about the model so far. */
export interface SharingContext {
  /** List position of every layer by name. */
  positions: ReadonlyMap<string, number>;
  /** Every layer by name. */
  layers: ReadonlyMap<string, LayerSpec>;
  /** First input shape of each layer analysed so far (execution order). */
  analysedInputs: ReadonlyMap<string, Shape>;
  /** Layers that failed (an error already reported for them or what feeds them). */
  failed: ReadonlySet<string>;
}

/** "kernel 3×3×16×32, bias 32" for messages. */
function weightsText(layer: LayerSpec, input: Shape): string {
  const shapes = weightTensorShapes(layer, input);
  return shapes.length === 0 ? 'no weights' : shapes.map((w) => `${w.suffix} ${dims(w.shape)}`).join(', ');
}

/**
 * The problem with `layer.sharesWeightsOf` (given the layer's first input shape), 'owner-failed'
 * when the named layer could not be analysed (its error is reported already), or null when the
 * sharing holds. Call it once the layer's own shape is known.
 */
export function sharedWeightsProblem(layer: LayerSpec, input: Shape, ctx: SharingContext): FlopLabError | 'owner-failed' | null {
  const target = layer.sharesWeightsOf;
  if (target === undefined) return null;
  const fail = (expected: string, got: string) => expectedError(layer.name, 'invalid-value', 'sharesWeightsOf', expected, got);
  const owner = ctx.layers.get(target);
  const at = ctx.positions.get(target);
  if (!owner || at === undefined) return fail('the name of an earlier layer', `'${target}', which names no layer`);
  if (at >= (ctx.positions.get(layer.name) ?? -1)) return fail('the name of an earlier layer', `'${target}', which comes after it`);
  if (owner.type !== layer.type) return fail(`a ${layer.type} layer (the same type)`, `'${target}', a ${owner.type}`);
  if (ctx.failed.has(target)) return 'owner-failed';
  const ownerInput = ctx.analysedInputs.get(target);
  if (!ownerInput) return fail('a layer that runs earlier', `'${target}', which runs after it (its inputs come later)`);
  const mine = weightsText(layer, input);
  const theirs = weightsText(owner, ownerInput);
  if (mine !== theirs) return fail(`a layer with the same weight shapes (${mine})`, `'${target}' with ${theirs}`);
  return null;
}
