import { describe, expect, it } from 'vitest';
import { gapRecovered } from './gap';

describe('gapRecovered', () => {
  it('is the share of the teacher–student gap the distilled student closed', () => {
    // teacher 0.97, alone 0.87, distilled 0.95: (0.95 − 0.87) / (0.97 − 0.87) = 0.08 / 0.10 = 0.8
    expect(gapRecovered(0.97, 0.87, 0.95)).toBeCloseTo(0.8, 12);
  });

  it('can be below 0 (distillation hurt) or above 1 (student beat the teacher)', () => {
    expect(gapRecovered(0.97, 0.87, 0.85)).toBeCloseTo(-0.2, 12);
    expect(gapRecovered(0.97, 0.87, 0.98)).toBeCloseTo(1.1, 12);
  });

  it('is null when the teacher is no better than the student alone, or a figure is missing', () => {
    expect(gapRecovered(0.9, 0.9, 0.95)).toBeNull();
    expect(gapRecovered(0.8, 0.9, 0.95)).toBeNull();
    expect(gapRecovered(Number.NaN, 0.9, 0.95)).toBeNull();
  });
});
