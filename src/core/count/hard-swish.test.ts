/** The hard_swish activation: 4 FLOPs an element in the detailed convention, none in the default. */
import { describe, expect, it } from 'vitest';
import { layer, reportOf, stack } from '../test-helpers';

describe('hard_swish FLOPs', () => {
  it('counts 4 per element as an Activation layer (add 3, clip, multiply, divide)', () => {
    const g = stack([5, 5, 8], layer('Activation', 'hs', { activation: 'hard_swish' }));
    const detailed = reportOf(g, { convention: 'detailed' }).layers[1];
    expect(detailed.flops).toBe(800); // 4 · 5·5·8
    expect(detailed.formulas.flops.symbolic).toBe('4 × H·W·C (hard_swish)');
    expect(reportOf(g).layers[1].flops).toBe(0);
  });

  it('counts 4 per output element when fused into a Dense', () => {
    const g = stack([16], layer('Dense', 'd', { units: 10, activation: 'hard_swish' }));
    // 2 × 160 MACs + 10 bias adds + 4 · 10.
    expect(reportOf(g, { convention: 'detailed' }).layers[1].flops).toBe(370);
    expect(reportOf(g).layers[1].flops).toBe(320);
  });
});
