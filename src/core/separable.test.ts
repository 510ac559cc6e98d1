import { describe, expect, it } from 'vitest';
import type { Conv2DSpec } from './model';
import { separableRatio, toConv, toSeparable } from './separable';
import { layer, reportOf, stack } from './test-helpers';

describe('separable convolutions', () => {
  const conv = layer('Conv2D', 'conv2', { filters: 128, padding: 'same', strides: [2, 2], activation: 'relu', inputs: ['input'] }) as Conv2DSpec;

  it('the ratio is 1/Cout + 1/K² (0.119 for K = 3, Cout = 128)', () => {
    expect(separableRatio(3, 128)).toBeCloseTo(0.1189, 4);
    expect(27_496_448 / 231_211_008).toBeCloseTo(separableRatio(3, 128), 12);
  });

  it('toSeparable keeps name, inputs and hyperparameters, and its MACs follow the ratio', () => {
    const sep = toSeparable(conv);
    expect(sep).toMatchObject({ type: 'SeparableConv2D', name: 'conv2', inputs: ['input'], filters: 128, strides: [2, 2], activation: 'relu', depthMultiplier: 1 });
    const a = reportOf(stack([56, 56, 64], conv)).totals.macs;
    const b = reportOf(stack([56, 56, 64], sep)).totals.macs;
    expect(b / a).toBeCloseTo(separableRatio(3, 128), 12);
  });

  it('toConv undoes toSeparable', () => {
    expect(toConv(toSeparable(conv))).toEqual(conv);
  });
});
