import { describe, expect, it } from 'vitest';
import { estimateErrorPercent, formatEstimateError, formatFactor, slowdownFactor } from './estimate-error';

describe('estimateErrorPercent', () => {
  it('is positive when the estimate is slower than the measurement', () => {
    expect(estimateErrorPercent(15, 10)).toBeCloseTo(50);
  });
  it('is negative when the estimate is optimistic', () => {
    expect(estimateErrorPercent(1, 10)).toBeCloseTo(-90);
  });
  it('is null without an estimate or a positive measurement', () => {
    expect(estimateErrorPercent(null, 10)).toBeNull();
    expect(estimateErrorPercent(5, 0)).toBeNull();
    expect(estimateErrorPercent(Number.NaN, 3)).toBeNull();
  });
});

describe('formatEstimateError', () => {
  it('writes a signed percent with a true minus sign', () => {
    expect(formatEstimateError(50)).toBe('+50 %');
    expect(formatEstimateError(-90.4)).toBe('−90 %');
    expect(formatEstimateError(2.345)).toBe('+2.3 %');
    expect(formatEstimateError(null)).toBe('—');
    expect(formatEstimateError(-99.964)).toBe('−99.96 %');
  });
});

describe('slowdownFactor', () => {
  it('is measured over estimate', () => {
    expect(slowdownFactor(2, 10)).toBe(5);
    expect(slowdownFactor(0, 10)).toBeNull();
  });
});

describe('formatFactor', () => {
  it('rounds big factors and keeps two digits for small ones', () => {
    expect(formatFactor(2794.3)).toBe('2,794×');
    expect(formatFactor(2.53)).toBe('2.5×');
    expect(formatFactor(0.414)).toBe('0.41×');
    expect(formatFactor(null)).toBe('—');
  });
});
