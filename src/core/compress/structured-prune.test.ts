import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../analyze';
import { pruneFilters } from './structured-prune';
import { syntheticWeights } from './synthetic-weights';
import { residualNet, smallConvNet } from './test-models';
import type { WeightTensor } from './types';

const shapes = (ws: WeightTensor[]) => Object.fromEntries(ws.map((w) => [w.name, w.shape]));
const weightsOf = (g: ReturnType<typeof smallConvNet>) => {
  const w = syntheticWeights(g, 3);
  if (!w.ok) throw new Error(w.error.message);
  return w.value;
};

describe('pruneFilters', () => {
  it('removes filters and the matching input channels through BN, depthwise, pooling and Flatten', () => {
    const graph = smallConvNet();
    const r = pruneFilters(graph, weightsOf(graph), () => 0.5);
    if (!r.ok) throw new Error(r.error.message);
    const s = shapes(r.value.weights);
    expect(s['conv1/kernel']).toEqual([3, 3, 3, 4]);
    expect(s['conv1/bias']).toEqual([4]);
    expect(s['bn1/gamma']).toEqual([4]);
    expect(s['bn1/moving_variance']).toEqual([4]);
    expect(s['dw1/depthwise_kernel']).toEqual([3, 3, 4, 2]);
    expect(s['dw1/bias']).toEqual([8]);
    expect(s['conv2/kernel']).toEqual([1, 1, 8, 3]);
    expect(s['fc1/kernel']).toEqual([4 * 4 * 3, 5]);
    expect(s['fc2/kernel']).toEqual([5, 3]);
    expect(r.value.removed).toEqual({ conv1: 4, conv2: 3, fc1: 5 });
    expect(r.value.notes.join(' ')).toMatch(/fc2.*softmax/);
    // The new graph is consistent with the new weights and really costs fewer FLOPs.
    const after = weightsOf(r.value.graph);
    expect(shapes(after)).toEqual(s);
    const before = analyzeModel(graph);
    const now = analyzeModel(r.value.graph);
    if (!before.ok || !now.ok) throw new Error('analysis failed');
    expect(now.report.totals.flops).toBeLessThan(before.report.totals.flops / 2);
  });

  it('keeps the filters of largest L1 norm', () => {
    const graph = smallConvNet();
    const weights = weightsOf(graph).map((w) => {
      if (w.name !== 'conv1/kernel') return w;
      // Filter f has all weights equal to f + 1: the largest norms are filters 4..7.
      return { ...w, data: Float32Array.from(w.data, (_, i) => (i % 8) + 1) };
    });
    const r = pruneFilters(graph, weights, (l) => (l === 'conv1' ? 0.5 : null));
    if (!r.ok) throw new Error(r.error.message);
    const k = r.value.weights.find((w) => w.name === 'conv1/kernel') as WeightTensor;
    expect(Array.from(k.data.subarray(0, 4))).toEqual([5, 6, 7, 8]);
  });

  it('skips a layer whose output feeds an Add, and says why', () => {
    const graph = residualNet();
    const r = pruneFilters(graph, weightsOf(graph), () => 0.5);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.removed).toEqual({});
    expect(r.value.notes.some((n) => n.includes("'conv_a'") && n.includes('Add'))).toBe(true);
  });
});
