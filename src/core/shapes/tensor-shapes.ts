/**
 * Output shapes of the non-spatial layers: Dense, Flatten, Reshape, Add, Concatenate, and the
 * axis checks of PReLU, LayerNormalization and Normalization.
 * Keras semantics; shapes exclude the batch dimension.
 */
import type {
  ConcatenateSpec, DenseSpec, LayerNormalizationSpec, LayerSpec, NormalizationSpec, PReLUSpec, ReshapeSpec, Shape,
} from '../model';
import { fail, ok, type Result } from '../result';
import { dims, expectedError } from './checks';

/** Number of elements in a shape (1 for a scalar). */
export function elementCount(shape: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

/**
 * Dense applies to the last axis, as Keras does: In = the input's last dimension, and the
 * leading dimensions are kept (10×32 → Dense 16 → 10×16; 1×1×C → 1×1×units).
 */
export function denseShape(layer: DenseSpec, input: Shape): Result<Shape> {
  return ok([...input.slice(0, -1), layer.units]);
}

/**
 * The 0-based position in a shape without the batch of a Keras axis counted with the batch
 * (1 = the first dimension, -1 = the last), or null when the axis is outside a rank-`rank` input.
 */
export function kerasAxisIndex(axis: number, rank: number): number | null {
  const at = axis < 0 ? axis + rank : axis - 1;
  return Number.isInteger(at) && at >= 0 && at < rank ? at : null;
}

/** LayerNormalization and Normalization: the axis must exist in the input; the shape is unchanged. */
export function normalizedAxisShape(layer: LayerNormalizationSpec | NormalizationSpec, input: Shape): Result<Shape> {
  if (kerasAxisIndex(layer.axis, input.length) !== null) return ok([...input]);
  return fail(expectedError(layer.name, 'invalid-value', 'axis',
    `between 1 and ${input.length} or between -${input.length} and -1 (the input ${dims(input)} has rank ${input.length}; 0 is the batch)`,
    String(layer.axis)));
}

/** PReLU: shared axes must exist in the input; the shape is unchanged. */
export function preluShape(layer: PReLUSpec, input: Shape): Result<Shape> {
  const outside = (layer.sharedAxes ?? []).find((a) => a > input.length);
  if (outside === undefined) return ok([...input]);
  return fail(expectedError(layer.name, 'invalid-value', 'sharedAxes',
    `axes between 1 and ${input.length} (the input ${dims(input)} has rank ${input.length})`, `[${(layer.sharedAxes ?? []).join(', ')}]`));
}

/** Flatten: all dimensions into one. */
export const flattenShape = (input: Shape): Shape => [elementCount(input)];

/** Reshape with at most one -1 (inferred); element counts must agree. */
export function reshapeShape(layer: ReshapeSpec, input: Shape): Result<Shape> {
  const total = elementCount(input);
  const known = layer.targetShape.reduce((p, d) => (d === -1 ? p : p * d), 1);
  const unknownAt = layer.targetShape.indexOf(-1);
  const mismatch = () => fail(expectedError(layer.name, 'shape-mismatch', 'targetShape',
    `a shape with ${total} elements (the input ${dims(input)})`, `[${layer.targetShape.join(', ')}]`));
  if (unknownAt < 0) return known === total ? ok([...layer.targetShape]) : mismatch();
  if (total % known !== 0) return mismatch();
  const out = [...layer.targetShape];
  out[unknownAt] = total / known;
  return ok(out);
}

const sameShape = (a: Shape, b: Shape) => a.length === b.length && a.every((d, i) => d === b[i]);

/** Checks a merge layer (Add, Concatenate) has at least two inputs. */
export function requireTwoOrMore(layer: LayerSpec, inputs: Shape[]): Result<null> {
  if (inputs.length >= 2) return ok(null);
  return fail(expectedError(layer.name, 'missing-input', 'inputs', 'at least two layers', String(inputs.length)));
}

/** Add: every input the same shape (no broadcasting). */
export function addShape(layer: LayerSpec, inputs: Shape[], names: string[]): Result<Shape> {
  const two = requireTwoOrMore(layer, inputs);
  if (!two.ok) return two;
  for (let i = 1; i < inputs.length; i++) {
    if (!sameShape(inputs[0], inputs[i])) {
      return fail(expectedError(layer.name, 'shape-mismatch', 'inputs', 'the same shape for every input',
        `${dims(inputs[0])} from '${names[0]}' and ${dims(inputs[i])} from '${names[i]}'`));
    }
  }
  return ok([...inputs[0]]);
}

/** Concatenate along a Keras axis (batch counted as axis 0, so axis 1 is our first dimension; -1 = last). */
export function concatShape(layer: ConcatenateSpec, inputs: Shape[], names: string[]): Result<Shape> {
  const two = requireTwoOrMore(layer, inputs);
  if (!two.ok) return two;
  const rank = inputs[0].length;
  const kerasRank = rank + 1;
  const axis = layer.axis < 0 ? layer.axis + kerasRank : layer.axis;
  if (axis < 1 || axis >= kerasRank) {
    return fail(expectedError(layer.name, 'invalid-value', 'axis',
      `between 1 and ${rank} or between -${rank} and -1 (inputs have rank ${rank}; 0 is the batch)`, String(layer.axis)));
  }
  const at = axis - 1;
  const out = [...inputs[0]];
  for (let i = 1; i < inputs.length; i++) {
    const s = inputs[i];
    const fits = s.length === rank && s.every((d, j) => j === at || d === inputs[0][j]);
    if (!fits) {
      return fail(expectedError(layer.name, 'shape-mismatch', 'inputs',
        `shapes that differ only along axis ${layer.axis}`,
        `${dims(inputs[0])} from '${names[0]}' and ${dims(s)} from '${names[i]}'`));
    }
    out[at] += s[at];
  }
  return ok(out);
}
