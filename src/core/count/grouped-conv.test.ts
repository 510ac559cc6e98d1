/** Keras `groups` on Conv2D: counts, shapes, errors and weight shapes, worked by hand. */
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../analyze';
import { parseFlopLabConfig } from '../config-schema';
import { expectedWeights } from '../compress/weight-shapes';
import { layer, reportOf, stack } from '../test-helpers';

const grouped = (patch: Record<string, unknown> = {}) =>
  layer('Conv2D', 'g', { filters: 32, padding: 'same', groups: 4, ...patch });

describe('grouped Conv2D (Keras groups)', () => {
  it('counts K·K·(Cin/g)·Cout params and K·K·(Cin/g) × Hout·Wout·Cout MACs', () => {
    const c = reportOf(stack([8, 8, 16], grouped())).layers[1];
    expect(c.outputShape).toEqual([8, 8, 32]);
    // 3·3·(16/4)·32 = 9·4·32 = 1,152, plus 32 bias.
    expect(c.params).toBe(1184);
    // 3·3·4 = 36 per output element, 8·8·32 = 2,048 elements.
    expect(c.macs).toBe(73_728);
    expect(c.flops).toBe(147_456);
    expect(c.formulas.params.symbolic).toBe('K·K·(Cin/g)·Cout (g = 4 groups) + Cout (bias)');
    expect(c.formulas.params.substituted).toBe('3·3·4·32 + 32');
    expect(c.formulas.macs.symbolic).toBe('K·K·(Cin/g) × Hout·Wout·Cout (g = 4 groups)');
    expect(c.formulas.macs.substituted).toBe('3·3·4 × 8·8·32');
    expect(c.formulas.macs.latex).toContain('(C_{in}/g)');
  });

  it('groups = Cin = filters is a depthwise convolution with multiplier 1 (same counts)', () => {
    const g = reportOf(stack([10, 10, 8], grouped({ filters: 8, groups: 8, useBias: false }))).layers[1];
    const dw = reportOf(stack([10, 10, 8], layer('DepthwiseConv2D', 'd', { padding: 'same', useBias: false }))).layers[1];
    expect(g.params).toBe(72); // 3·3·1·8
    expect(g.macs).toBe(7200); // 9 × 10·10·8
    expect([g.params, g.macs]).toEqual([dw.params, dw.macs]);
  });

  it('absent groups and groups 1 count as a plain Conv2D, with the old formula', () => {
    const plain = reportOf(stack([8, 8, 16], layer('Conv2D', 'c', { filters: 32 }))).layers[1];
    const one = reportOf(stack([8, 8, 16], layer('Conv2D', 'c', { filters: 32, groups: 1 }))).layers[1];
    expect(plain.params).toBe(3 * 3 * 16 * 32 + 32);
    expect(one.params).toBe(plain.params);
    expect(one.macs).toBe(plain.macs);
    expect(one.formulas.macs.symbolic).toBe('K·K·Cin × Hout·Wout·Cout');
  });

  it('refuses groups that do not divide filters, naming layer and field', () => {
    const r = analyzeModel(stack([8, 8, 16], grouped({ groups: 3, filters: 32 })));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ layer: 'g', field: 'groups', code: 'invalid-value' });
    expect(r.errors[0].message).toBe("Layer 'g': Expected groups to be a divisor of filters (32), as each group gets filters/groups of them, but got 3.");
  });

  it('refuses groups that do not divide the input channels', () => {
    const r = analyzeModel(stack([8, 8, 12], grouped({ groups: 8, filters: 16 })));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ layer: 'g', field: 'groups' });
    expect(r.errors[0].message).toBe("Layer 'g': Expected groups to be a divisor of the input channels Cin (12), as each group sees Cin/groups of them, but got 8.");
  });

  it('refuses groups that are not a positive integer', () => {
    for (const groups of [0, 1.5, -2, '2']) {
      const r = analyzeModel(stack([8, 8, 16], grouped({ groups })));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors[0].field).toBe('groups');
    }
  });

  it('lists the Keras kernel [kh, kw, Cin/g, Cout]', () => {
    const w = expectedWeights(stack([8, 8, 16], grouped()));
    expect(w.ok && w.value.map((x) => [x.name, x.shape, x.fanIn])).toEqual([
      ['g/kernel', [3, 3, 4, 32], 36], ['g/bias', [32], 1],
    ]);
  });

  it('the config schema accepts groups and refuses 0', () => {
    const config = (groups: unknown) => ({ name: 'm', layers: [{ ...stack([8, 8, 16]).layers[0] }, { ...grouped(), groups }] });
    expect(parseFlopLabConfig(config(4)).ok).toBe(true);
    const bad = parseFlopLabConfig(config(0));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.field).toBe('groups');
  });
});
