import { describe, expect, it } from 'vitest';
import { numberProblem } from './number-field';

describe('numberProblem', () => {
  const positiveInt = { integer: true, min: 1 };
  it('accepts positive integers for counts like filters and units', () => {
    expect(numberProblem('8', positiveInt)).toBeNull();
    expect(numberProblem(' 128 ', positiveInt)).toBeNull();
  });
  it('refuses empty, non-numbers, fractions and values below the minimum, saying why', () => {
    expect(numberProblem('', positiveInt)).toBe('Enter a number.');
    expect(numberProblem('abc', positiveInt)).toBe('Enter a number.');
    expect(numberProblem('2.5', positiveInt)).toBe('Enter a whole number.');
    expect(numberProblem('0', positiveInt)).toBe('Must be at least 1.');
    expect(numberProblem('-3', positiveInt)).toBe('Must be at least 1.');
  });
  it('handles exclusive bounds, empty-as-none and extra rules', () => {
    expect(numberProblem('1', { min: 0, max: 1, maxExclusive: true })).toBe('Must be less than 1.');
    expect(numberProblem('0', { min: 0, minExclusive: true })).toBe('Must be greater than 0.');
    expect(numberProblem('', { min: 0, allowEmpty: true })).toBeNull();
    expect(numberProblem('0', { integer: true, validate: (n) => (n === 0 ? 'not zero' : null) })).toBe('not zero');
  });
});
