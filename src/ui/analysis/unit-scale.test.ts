import { describe, expect, it } from 'vitest';
import { axisTitle, chooseUnitScale, formatExact, formatPercent } from './unit-scale';

describe('chooseUnitScale', () => {
  it('picks the largest prefix that keeps the maximum at 1 or more', () => {
    expect(chooseUnitScale(15_470_264_320)).toMatchObject({ divisor: 1e9, prefix: 'G' });
    expect(chooseUnitScale(231_211_008)).toMatchObject({ divisor: 1e6, prefix: 'M' });
    expect(chooseUnitScale(999)).toMatchObject({ divisor: 1, prefix: '' });
    expect(chooseUnitScale(0)).toMatchObject({ divisor: 1, prefix: '' });
  });

  it('names the unit on the axis in words', () => {
    expect(axisTitle('FLOPs', chooseUnitScale(462_422_016))).toBe('FLOPs (millions)');
    expect(axisTitle('Parameters', chooseUnitScale(61_706))).toBe('Parameters (thousands)');
    expect(axisTitle('MACs', chooseUnitScale(500))).toBe('MACs');
  });
});

describe('formatExact / formatPercent', () => {
  it('writes exact counts with separators and percentages with sensible precision', () => {
    expect(formatExact(231_211_008)).toBe('231,211,008');
    expect(formatPercent(0.881076)).toBe('88.1%');
    expect(formatPercent(-0.5)).toBe('-50.0%');
    expect(formatPercent(0.0004)).toBe('0.04%');
    expect(formatPercent(1.5)).toBe('150%');
  });
});
