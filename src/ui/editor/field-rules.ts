/**
 * The rules of the inspector's number fields: the ranges of core/limits.ts, the same the
 * saved/shared config schema checks, so a value a field accepts can always be saved, restored
 * and shared (field-rules.test.ts checks each rule against the schema).
 */
import { ALPHA_MAX, AXIS_MAX, AXIS_MIN, EPSILON_MAX, RELU_MAX_VALUE_MAX } from '../../core/limits';
import type { NumberRule } from '../common/number-field';

export const RATE: NumberRule = { min: 0, max: 1, maxExclusive: true };
export const EPSILON: NumberRule = { min: 0, minExclusive: true, max: EPSILON_MAX };
export const ALPHA: NumberRule = { min: 0, max: ALPHA_MAX };
export const RELU_MAX: NumberRule = { min: 0, max: RELU_MAX_VALUE_MAX, allowEmpty: true };
export const AXIS: NumberRule = {
  integer: true, min: AXIS_MIN, max: AXIS_MAX,
  validate: (n) => (n === 0 ? 'Axis 0 is the batch: use -1 (channels) or 1…3.' : null),
};
