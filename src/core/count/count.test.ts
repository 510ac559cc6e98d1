import { describe, expect, it } from 'vitest';
import type { LayerCost } from '../cost-types';
import type { LayerSpec, ModelGraph, Shape } from '../model';
import { layer, reportOf, stack } from '../test-helpers';

/** The cost of the last layer after `input`, under a convention. */
function lastCost(input: Shape, l: LayerSpec, convention: 'default' | 'detailed' = 'default'): LayerCost {
  const r = reportOf(stack(input, l), { convention });
  return r.layers[r.layers.length - 1];
}

describe('params and MACs (hand-worked)', () => {
  it('DepthwiseConv2D 3×3, M = 2, on 14×14×32 without bias', () => {
    const c = lastCost([14, 14, 32], layer('DepthwiseConv2D', 'dw', { depthMultiplier: 2, padding: 'same', useBias: false }));
    expect(c.params).toBe(3 * 3 * 32 * 2); // 576
    expect(c.macs).toBe(112_896);          // 9 × 14·14·32·2
    expect(c.formulas.macs.symbolic).toBe('K·K × Hout·Wout·Cin·M');
  });

  it('Conv2DTranspose 3×3/2 16 → 8 on 7×7', () => {
    const c = lastCost([7, 7, 16], layer('Conv2DTranspose', 't', { filters: 8, strides: [2, 2] }));
    expect(c.params).toBe(3 * 3 * 8 * 16 + 8); // 1,160
    expect(c.macs).toBe(56_448);              // 3·3·8 × 7·7·16
    expect(c.formulas.macs.substituted).toBe('3·3·8 × 7·7·16');
  });

  it('dilated Conv2D counts the real kernel, not the dilated span', () => {
    const c = lastCost([32, 32, 8], layer('Conv2D', 'c', { filters: 16, dilationRate: [2, 2] }));
    expect(c.macs).toBe(903_168); // 3·3·8 × 28·28·16
  });

  it('non-square kernels are written Kh·Kw', () => {
    const c = lastCost([17, 17, 128], layer('Conv2D', 'c', { filters: 192, kernelSize: [1, 7], padding: 'same' }));
    expect(c.params).toBe(172_224);
    expect(c.macs).toBe(49_717_248);
    expect(c.formulas.params.symbolic).toBe('Kh·Kw·Cin·Cout + Cout (bias)');
    expect(c.formulas.macs.substituted).toBe('1·7·128 × 17·17·192');
  });

  it('BatchNormalization without center and scale keeps only its moving statistics', () => {
    const c = lastCost([3, 3, 10], layer('BatchNormalization', 'bn', { center: false, scale: false }));
    expect([c.params, c.trainableParams, c.nonTrainableParams]).toEqual([20, 0, 20]);
  });

  it('SeparableConv2D with depth multiplier 2 and dilation, 9×9×2 → 5×5×5', () => {
    const c = lastCost([9, 9, 2], layer('SeparableConv2D', 's', { filters: 5, depthMultiplier: 2, dilationRate: [2, 2] }));
    expect(c.params).toBe(3 * 3 * 2 * 2 + 2 * 2 * 5 + 5); // 61
    expect(c.macs).toBe(900 + 500);                       // 3·3 × 5·5·2·2 + 2·2 × 5·5·5
    expect(c.formulas.macs.parts?.map((p) => p.formula.substituted)).toEqual(['3·3 × 5·5·2·2', '2·2 × 5·5·5']);
  });

  it('DepthwiseConv2D with M = 3 and dilation counts the real kernel with bias Cin·M', () => {
    const c = lastCost([9, 9, 2], layer('DepthwiseConv2D', 'd', { depthMultiplier: 3, dilationRate: [2, 2] }));
    expect(c.params).toBe(3 * 3 * 2 * 3 + 2 * 3); // 60
    expect(c.macs).toBe(1350);                    // 3·3 × 5·5·2·3
  });

  it('gives LaTeX with the whole equation', () => {
    const c = lastCost([56, 56, 64], layer('Conv2D', 'c', { filters: 128, padding: 'same' }));
    expect(c.formulas.macs.latex).toBe(
      'K \\cdot K \\cdot C_{in} \\times H_{out} \\cdot W_{out} \\cdot C_{out} = 3 \\cdot 3 \\cdot 64 \\times 56 \\cdot 56 \\cdot 128 = 231{,}211{,}008');
  });
});

describe('FLOPs conventions', () => {
  it('default: 2 × MACs, activations and bias free', () => {
    const c = lastCost([8, 8, 3], layer('Conv2D', 'c', { filters: 4, padding: 'same', activation: 'relu' }));
    expect(c.macs).toBe(6912); // 3·3·3 × 8·8·4
    expect(c.flops).toBe(13_824);
    expect(c.formulas.flops.symbolic).toBe('2 × MACs');
  });

  it('detailed: adds bias and fused ReLU, one per output element', () => {
    const c = lastCost([8, 8, 3], layer('Conv2D', 'c', { filters: 4, padding: 'same', activation: 'relu' }), 'detailed');
    expect(c.flops).toBe(13_824 + 256 + 256);
    expect(c.formulas.flops.symbolic).toBe('2 × MACs + Hout·Wout·Cout (bias) + Hout·Wout·Cout (relu)');
  });

  it('detailed: Dense with softmax costs 5 per output element', () => {
    const c = lastCost([100], layer('Dense', 'd', { units: 10, activation: 'softmax' }), 'detailed');
    expect(c.flops).toBe(2000 + 10 + 50);
  });

  it('detailed: BatchNormalization 2 per element, ReLU 1, Softmax 5', () => {
    expect(lastCost([8, 8, 16], layer('BatchNormalization', 'bn'), 'detailed').flops).toBe(2048);
    expect(lastCost([8, 8, 16], layer('BatchNormalization', 'bn')).flops).toBe(0);
    expect(lastCost([8, 8, 16], layer('ReLU', 'r', { maxValue: 6 }), 'detailed').flops).toBe(1024);
    expect(lastCost([8, 8, 16], layer('LeakyReLU', 'r'), 'detailed').flops).toBe(1024);
    expect(lastCost([10], layer('Softmax', 's'), 'detailed').flops).toBe(50);
    expect(lastCost([10], layer('Activation', 'a', { activation: 'relu6' }), 'detailed').flops).toBe(10);
  });

  it('detailed: activations without an agreed cost count 0 and say so', () => {
    const c = lastCost([10], layer('Activation', 'a', { activation: 'sigmoid' }), 'detailed');
    expect(c.flops).toBe(0);
    expect(c.formulas.flops.symbolic).toBe('0 (sigmoid not counted)');
  });

  it('pooling: one per output element by default, K·K per output element detailed', () => {
    expect(lastCost([224, 224, 64], layer('MaxPooling2D', 'p'), 'detailed').flops).toBe(3_211_264);
    expect(lastCost([7, 7, 512], layer('GlobalAveragePooling2D', 'g')).flops).toBe(25_088);
    expect(lastCost([7, 7, 512], layer('GlobalAveragePooling2D', 'g'), 'detailed').flops).toBe(25_088);
  });

  it('pooling FLOPs use the real output size, also with same padding and strides ≠ pool size', () => {
    // 7×7 'same' 2×2/2 → 4×4×4 = 64 (not 3.5·3.5·4); detailed 2·2 × 64 = 256
    expect(lastCost([7, 7, 4], layer('MaxPooling2D', 'p', { padding: 'same' })).flops).toBe(64);
    expect(lastCost([7, 7, 4], layer('MaxPooling2D', 'p', { padding: 'same' }), 'detailed').flops).toBe(256);
    // 7×7 'valid' 3×3/2 → 3×3×4 = 36; detailed 9 × 36 = 324
    const avg = layer('AveragePooling2D', 'p', { poolSize: [3, 3], strides: [2, 2] });
    expect(lastCost([7, 7, 4], avg).flops).toBe(36);
    expect(lastCost([7, 7, 4], avg, 'detailed').flops).toBe(324);
    expect(lastCost([7, 7, 4], avg).formulas.flops.substituted).toBe('3·3·4');
  });

  it('detailed: Conv2DTranspose and DepthwiseConv2D add bias and activation per output element', () => {
    // 7×7×16 → 14×14×8 (1,568 elements): 2 × 56,448 + 1,568 bias
    expect(lastCost([7, 7, 16], layer('Conv2DTranspose', 't', { filters: 8, strides: [2, 2], padding: 'same' }), 'detailed').flops)
      .toBe(114_464);
    // 14×14×64 output (12,544 elements): 2 × 112,896 + 12,544 bias + 12,544 relu6
    expect(lastCost([14, 14, 32], layer('DepthwiseConv2D', 'd', { depthMultiplier: 2, padding: 'same', activation: 'relu6' }), 'detailed').flops)
      .toBe(250_880);
  });

  it('detailed: Add costs one per output element per extra input', () => {
    const g: ModelGraph = stack([4, 4, 2],
      layer('ReLU', 'a', { inputs: ['input'] }), layer('ReLU', 'b', { inputs: ['input'] }),
      layer('Add', 'add', { inputs: ['input', 'a', 'b'] }));
    const add = reportOf(g, { convention: 'detailed' }).layers[3];
    expect(add.flops).toBe(64);
    expect(add.formulas.flops.substituted).toBe('2 × 4·4·2');
    expect(reportOf(g).layers[3].flops).toBe(0);
  });
});

describe('peak activation memory', () => {
  it('a sequential stack peaks at the largest input + output pair', () => {
    const r = reportOf(stack([100], layer('Dense', 'a', { units: 50 }), layer('Dense', 'b', { units: 10 })));
    expect(r.totals.peakActivationBytes).toBe((100 + 50) * 4);
    expect(r.totals.activationBytes).toBe((100 + 50 + 10) * 4);
  });

  it('a residual branch keeps the block input alive until the Add', () => {
    // input 40 B; d1 80 B; d2 40 B; add 40 B. At d2: input + d1 + d2 = 160 B; d1 is then freed.
    const r = reportOf(stack([10],
      layer('Dense', 'd1', { units: 20 }), layer('Dense', 'd2', { units: 10 }),
      layer('Add', 'add', { inputs: ['input', 'd2'] })));
    expect(r.totals.peakActivationBytes).toBe(160);
  });

  it('keeps model outputs alive to the end', () => {
    // two heads: 'big' (400 B) is an output, so it is still alive when 'small' runs after a 200 B layer.
    const r = reportOf(stack([10],
      layer('Dense', 'big', { units: 100 }),
      layer('Dense', 'mid', { units: 50, inputs: ['input'] }),
      layer('Dense', 'small', { units: 1 })));
    expect(r.totals.peakActivationBytes).toBe(40 + 400 + 200);
  });
});
