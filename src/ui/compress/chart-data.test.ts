import { describe, expect, it } from 'vitest';
import { changePercent, EMPTY_BIN, histogramPoints, waterfallSteps } from './chart-data';

describe('waterfallSteps', () => {
  it('gives each stage its size, its saving and the ratios so far', () => {
    const steps = waterfallSteps([
      { name: 'original', bytes: 1000 }, { name: 'prune', bytes: 600 }, { name: 'quantize', bytes: 150 },
    ]);
    expect(steps.map((s) => s.stage)).toEqual(['Original', 'Pruned', 'Quantized']);
    expect(steps.map((s) => s.savedBytes)).toEqual([0, 400, 450]);
    expect(steps[2].stepRatio).toBe(4);
    expect(steps[2].cumulativeRatio).toBeCloseTo(1000 / 150);
  });
});

describe('histogramPoints', () => {
  it('puts before and after on one axis of bin centres, empty bins below the log axis', () => {
    const before = { min: -1, width: 0.5, counts: [1, 2, 3, 4] };
    const after = { min: -1, width: 0.5, counts: [0, 5, 0, 4] };
    expect(histogramPoints(before, after)).toEqual([
      { x: -0.75, before: 1, after: EMPTY_BIN },
      { x: -0.25, before: 2, after: 5 },
      { x: 0.25, before: 3, after: EMPTY_BIN },
      { x: 0.75, before: 4, after: 4 },
    ]);
  });
});

describe('changePercent', () => {
  it('is negative for a reduction', () => {
    expect(changePercent(200, 50)).toBe(-75);
    expect(changePercent(0, 5)).toBe(0);
  });
});
