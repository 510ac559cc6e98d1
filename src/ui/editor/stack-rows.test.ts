import { describe, expect, it } from 'vitest';
import type { LayerCost } from '../../core/cost-types';
import type { LayerSpec } from '../../core/model';
import { blockSummary, compactCost, costsByName, stackRows } from './stack-rows';

const cost = (name: string, params: number, macs: number, flops: number, outputShape: number[]): LayerCost => ({
  name, type: 'Conv2D', className: 'Conv2D', inputShapes: [], outputShape, params, trainableParams: params,
  nonTrainableParams: 0, macs, flops, weightBytes: 4 * params, activationBytes: 0,
  formulas: {} as LayerCost['formulas'], warnings: [],
});

const layers: LayerSpec[] = [
  { type: 'InputLayer', name: 'in', shape: [28, 28, 1] },
  { type: 'Conv2D', name: 'conv', filters: 8, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', dilationRate: [1, 1], useBias: true, activation: 'linear' },
  { type: 'MaxPooling2D', name: 'pool', poolSize: [2, 2], strides: [2, 2], padding: 'valid' },
  { type: 'Add', name: 'add', inputs: ['conv', 'pool'] },
  { type: 'Flatten', name: 'flat', inputs: ['add'] },
];
const costs = costsByName({
  layers: [cost('in', 0, 0, 0, [28, 28, 1]), cost('conv', 80, 48_672, 97_344, [26, 26, 8]), cost('pool', 0, 0, 1_352, [13, 13, 8])],
} as never);

describe('compactCost', () => {
  it('shows MACs first, then FLOPs, then params, nothing for a free layer', () => {
    expect(compactCost(cost('c', 80, 48_672, 97_344, []))).toBe('48.67 K MACs');
    expect(compactCost(cost('p', 0, 0, 1_352, []))).toBe('1.35 K FLOPs');
    expect(compactCost(cost('b', 32, 0, 0, []))).toBe('32 params');
    expect(compactCost(cost('f', 0, 0, 0, []))).toBe('');
    expect(compactCost(undefined)).toBe('…');
  });
});

describe('stackRows', () => {
  it('gives each layer its shape and cost, and shows only inputs that are not simply the layer above', () => {
    const rows = stackRows(layers, costs, {});
    expect(rows[1]).toEqual({ name: 'conv', type: 'Conv2D', inputsText: null, shapeText: '→ 26×26×8', costText: '48.67 K MACs' });
    expect(rows[3].inputsText).toBe('← conv, pool');
    expect(rows[4].inputsText).toBeNull();
  });

  it('shows no figures for a broken layer, even if an older report had some', () => {
    const rows = stackRows(layers, costs, { conv: "Layer 'conv': Expected …" });
    expect(rows[1].shapeText).toBe('✕ no shape');
    expect(rows[1].costText).toBe('');
  });

  it('sums params and MACs of a block', () => {
    expect(blockSummary({ id: 'conv', label: 'b', start: 1, end: 2 }, layers, costs)).toBe('2 layers · 80 params · 48.67 K MACs');
  });
});
