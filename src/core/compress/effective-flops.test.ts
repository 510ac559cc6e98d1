import { describe, expect, it } from 'vitest';
import type { CostReport, LayerCost } from '../cost-types';
import { effectiveFlops } from './effective-flops';

const layer = (name: string, macs: number, flops: number): LayerCost => ({
  name, type: 'Dense', className: 'Dense', inputShapes: [], outputShape: [], params: 0, trainableParams: 0,
  nonTrainableParams: 0, macs, flops, weightBytes: 0, activationBytes: 0, warnings: [],
  formulas: {} as LayerCost['formulas'],
});
const report = (layers: LayerCost[]): CostReport => ({
  name: 'm', convention: 'default', inputShape: [], outputShape: [], layers, warnings: [],
  totals: { params: 0, trainableParams: 0, nonTrainableParams: 0, macs: 0, flops: layers.reduce((s, l) => s + l.flops, 0), weightBytes: 0, activationBytes: 0, peakActivationBytes: 0 },
});

describe('effectiveFlops', () => {
  it('scales each layer\'s multiply-add FLOPs by its density and keeps pooling FLOPs', () => {
    // conv: 1,000 MACs = 2,000 FLOPs at 25 % density → 500; pool: 300 FLOPs kept; dense: untouched.
    const r = report([layer('conv', 1000, 2000), layer('pool', 0, 300), layer('fc', 50, 100)]);
    expect(effectiveFlops(r, { conv: 0.25 }).effectiveFlops).toBe(500 + 300 + 100);
  });
  it('equals the dense FLOPs when nothing was pruned', () => {
    const r = report([layer('conv', 1000, 2000), layer('fc', 50, 100)]);
    expect(effectiveFlops(r, {}).effectiveFlops).toBe(r.totals.flops);
  });
  it('keeps the detailed convention\'s extra FLOPs (bias, activation)', () => {
    const r = report([layer('fc', 50, 110)]);
    expect(effectiveFlops(r, { fc: 0.5 }).effectiveFlops).toBe(10 + 50);
  });
});
