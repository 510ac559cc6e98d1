/**
 * One schema for everything: every inspector number rule accepts exactly the values the
 * saved/shared config schema accepts, so an edit the inspector takes can always be saved.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layerSpecSchema } from '../../core/config-schema';
import { createLayer } from '../../core/layer-defaults';
import type { LayerType } from '../../core/model';
import { numberProblem, type NumberRule } from '../common/number-field';
import { ALPHA, AXIS, EPSILON, RATE, RELU_MAX } from './field-rules';
import { NON_NEGATIVE_INT, POSITIVE_INT } from './pair-fields';

/** Does the schema accept `layer` of `type` with `field` set to `value`? */
function schemaAccepts(type: LayerType, field: string, value: unknown): boolean {
  return layerSpecSchema.safeParse({ ...createLayer(type, 'x'), [field]: value }).success;
}

const CASES: [string, NumberRule, LayerType, string, (n: number) => unknown][] = [
  ['epsilon', EPSILON, 'BatchNormalization', 'epsilon', (n) => n],
  ['layer-norm epsilon', EPSILON, 'LayerNormalization', 'epsilon', (n) => n],
  ['alpha', ALPHA, 'LeakyReLU', 'alpha', (n) => n],
  ['ReLU max value', RELU_MAX, 'ReLU', 'maxValue', (n) => n],
  ['dropout rate', RATE, 'Dropout', 'rate', (n) => n],
  ['concatenate axis', AXIS, 'Concatenate', 'axis', (n) => n],
  ['filters', POSITIVE_INT, 'Conv2D', 'filters', (n) => n],
  ['groups', POSITIVE_INT, 'Conv2D', 'groups', (n) => n],
  ['kernel', POSITIVE_INT, 'Conv2D', 'kernelSize', (n) => [n, n]],
  ['zero padding', NON_NEGATIVE_INT, 'ZeroPadding2D', 'padding', (n) => [[n, n], [n, n]]],
];

/** Numbers around every limit, plus anything. */
const numbers = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 2, 5e-324, 1e-300, 0.999, 1.000001, 8, 9, -9, -10, 999, 1000, 1000.5, 1001,
    999_999, 1_000_000, 1_000_001, 1e9, 1e9 + 1, 1e308, 0.5),
  fc.integer({ min: -20, max: 2_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

describe('inspector rules = the saved/shared schema', () => {
  for (const [what, rule, type, field, value] of CASES) {
    it(`${what}: the field accepts a number exactly when the schema does (property)`, () => {
      fc.assert(fc.property(numbers, (n) => {
        const text = String(n);
        expect(numberProblem(text, rule) === null).toBe(schemaAccepts(type, field, value(Number(text))));
      }), { numRuns: 400 });
    });
  }

  it('names the limit in the message a refused value gets', () => {
    expect(numberProblem('2', EPSILON)).toBe('Must be at most 1.');
    expect(numberProblem('1001', ALPHA)).toBe('Must be at most 1000.');
    expect(numberProblem('2000000', POSITIVE_INT)).toBe('Must be at most 1000000.');
    expect(numberProblem('12', AXIS)).toBe('Must be at most 8.');
  });
});
