import { describe, expect, it } from 'vitest';
import { analyzeModel } from './analyze';
import { layer, reportOf, stack } from './test-helpers';

describe('COUNTING.md worked checks', () => {
  it('3×3 Conv2D 64→128 at 56×56 same: 231,211,008 MACs with its formula', () => {
    const r = reportOf(stack([56, 56, 64], layer('Conv2D', 'conv', { filters: 128, padding: 'same' })));
    const conv = r.layers[1];
    expect(conv.outputShape).toEqual([56, 56, 128]);
    expect(conv.macs).toBe(231_211_008);
    expect(conv.flops).toBe(462_422_016);
    expect(conv.formulas.macs.symbolic).toBe('K·K·Cin × Hout·Wout·Cout');
    expect(conv.formulas.macs.substituted).toBe('3·3·64 × 56·56·128');
    expect(conv.formulas.macs.value).toBe(231_211_008);
    expect(conv.params).toBe(3 * 3 * 64 * 128 + 128);
    expect(conv.formulas.params.symbolic).toBe('K·K·Cin·Cout + Cout (bias)');
  });

  it('the same as SeparableConv2D: 1,806,336 + 25,690,112 = 27,496,448 MACs, listed as parts', () => {
    const r = reportOf(stack([56, 56, 64], layer('SeparableConv2D', 'sep', { filters: 128, padding: 'same' })));
    const sep = r.layers[1];
    expect(sep.macs).toBe(27_496_448);
    const parts = sep.formulas.macs.parts ?? [];
    expect(parts.map((p) => [p.label, p.formula.value])).toEqual([['depthwise', 1_806_336], ['pointwise', 25_690_112]]);
    expect(parts[0].formula.symbolic).toBe('K·K × Hout·Wout·Cin·M');
    expect(sep.params).toBe(3 * 3 * 64 + 64 * 128 + 128);
  });

  it('Dense 25,088 → 4,096: 102,760,448 MACs and 102,764,544 params', () => {
    const r = reportOf(stack([25_088], layer('Dense', 'fc', { units: 4096 })));
    expect(r.layers[1].macs).toBe(102_760_448);
    expect(r.layers[1].params).toBe(102_764_544);
    expect(r.layers[1].formulas.macs.substituted).toBe('25,088 × 4,096');
  });

  it('MaxPooling2D 2×2/2 on 224×224×64: 802,816 FLOPs', () => {
    const r = reportOf(stack([224, 224, 64], layer('MaxPooling2D', 'pool')));
    expect(r.layers[1].outputShape).toEqual([112, 112, 64]);
    expect(r.layers[1].flops).toBe(802_816);
    expect(r.layers[1].macs).toBe(0);
  });
});

describe('analyzeModel reports', () => {
  it('totals equal the sum of layers and bytes follow params and shapes', () => {
    const g = stack([32, 32, 3],
      layer('Conv2D', 'c1', { filters: 8, padding: 'same' }),
      layer('BatchNormalization', 'bn'),
      layer('Flatten', 'f'),
      layer('Dense', 'd', { units: 10, activation: 'softmax' }));
    const r = reportOf(g, { bytesPerWeight: 1 });
    const sum = (k: 'params' | 'macs' | 'flops') => r.layers.reduce((s, l) => s + l[k], 0);
    expect(r.totals.params).toBe(sum('params'));
    expect(r.totals.macs).toBe(sum('macs'));
    expect(r.totals.flops).toBe(sum('flops'));
    expect(r.totals.weightBytes).toBe(r.totals.params);
    expect(r.layers[2].activationBytes).toBe(32 * 32 * 8 * 4);
    expect(r.inputShape).toEqual([32, 32, 3]);
    expect(r.outputShape).toEqual([10]);
  });

  it('splits BatchNormalization params: gamma and beta trainable, moving stats not', () => {
    const r = reportOf(stack([8, 8, 16], layer('BatchNormalization', 'bn')));
    expect([r.layers[1].params, r.layers[1].trainableParams, r.layers[1].nonTrainableParams]).toEqual([64, 32, 32]);
    const noScale = reportOf(stack([8, 8, 16], layer('BatchNormalization', 'bn', { scale: false, center: true })));
    expect([noScale.totals.params, noScale.totals.trainableParams, noScale.totals.nonTrainableParams]).toEqual([48, 16, 32]);
  });

  it('gives zero-cost layers a formula with the reason', () => {
    const r = reportOf(stack([4, 4, 2], layer('Flatten', 'f')));
    expect(r.layers[1].formulas.params).toMatchObject({ value: 0, symbolic: '0 (no weights)' });
    expect(r.layers[1].formulas.flops.value).toBe(0);
  });

  it('rejects a bad bytesPerWeight as a value, and would-be-infinite weight bytes', () => {
    for (const bytesPerWeight of [0, -1, Number.NaN, 1e308, '4' as unknown as number]) {
      const r = analyzeModel(stack([4], layer('Dense', 'd')), { bytesPerWeight });
      expect(r.ok ? null : r.errors[0]).toMatchObject({ code: 'invalid-value', field: 'bytesPerWeight' });
    }
    expect(reportOf(stack([4], layer('Dense', 'd')), { bytesPerWeight: 0.5 }).totals.weightBytes).toBe((4 * 64 + 64) / 2);
    expect(analyzeModel(stack([4]), null as unknown as undefined).ok).toBe(true);
  });
});

describe('counts stay exact integers on hostile but well-typed graphs', () => {
  it('refuses an input whose byte size is past 2^53, naming it', () => {
    const r = analyzeModel(stack([1_000_000, 1_000_000, 1_000_000], layer('ReLU', 'r')));
    expect(r.ok ? null : r.errors).toEqual([expect.objectContaining({ code: 'invalid-value', layer: 'input', field: 'outputShape' })]);
    expect(r.ok ? '' : r.errors[0].message).toContain('1000000×1000000×1000000');
  });

  it('stops a chain of 1,000-input Concatenates before it overflows (it once reported Infinity bytes, null in JSON)', () => {
    // 8 floats × 1,000 per step: the 5th step would hold 8e15 floats = 3.2e16 bytes > 2^53.
    const layers = [{ type: 'InputLayer' as const, name: 'c0', shape: [8] }];
    const cats = Array.from({ length: 200 }, (_, i) =>
      layer('Concatenate', `c${i + 1}`, { axis: -1, inputs: Array<string>(1000).fill(`c${i}`) }));
    const r = analyzeModel({ name: 'boom', layers: [...layers, ...cats] });
    expect(r.ok ? null : r.errors).toEqual([expect.objectContaining({ layer: 'c5', field: 'outputShape' })]);
  });

  it('refuses MACs past 2^53 (a 1e6-unit Dense on a 1e10-element input)', () => {
    const r = analyzeModel(stack([100_000, 100_000], layer('Flatten', 'f'), layer('Dense', 'd', { units: 1_000_000 })));
    expect(r.ok ? null : r.errors).toEqual([expect.objectContaining({ code: 'invalid-value', layer: 'd', field: 'params' })]);
  });
});

describe('an unknown layer', () => {
  it('says it costs nothing, or, when it holds weights (an ONNX op reading initializers), that they count as params', () => {
    const free = reportOf(stack([4, 4, 2], layer('Unknown', 'u', { className: 'Mish', outputShape: [4, 4, 2] })));
    expect(free.layers[1].warnings).toEqual(["Layer 'u': FlopLab does not know the layer type 'Mish'; it is counted as zero cost."]);
    const held = reportOf(stack([4, 4, 2], layer('Unknown', 'g', { className: 'Mul', outputShape: [4, 4, 2], params: 2 })));
    expect(held.totals.params).toBe(2);
    expect(held.layers[1].warnings).toEqual(["Layer 'g': FlopLab does not know the layer type 'Mul'; it is counted as zero MACs and FLOPs, and its 2 weights as params."]);
  });
});
