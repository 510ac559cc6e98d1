import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../analyze';
import type { FlopLabError } from '../result';
import type { LayerSpec, ModelGraph, Shape } from '../model';
import { layer, reportOf, stack } from '../test-helpers';

/** Output shape of the last layer of `input` → `layers`. */
const outShape = (input: Shape, ...layers: LayerSpec[]): Shape => {
  const r = reportOf(stack(input, ...layers));
  return r.layers[r.layers.length - 1].outputShape;
};
/** The single error of analysing `graph`. */
const errorOf = (graph: ModelGraph): FlopLabError => {
  const r = analyzeModel(graph);
  if (r.ok) throw new Error('expected an error');
  expect(r.errors).toHaveLength(1);
  return r.errors[0];
};

describe('shape inference (Keras semantics)', () => {
  it('convolves with padding valid and same and strides', () => {
    // valid: floor((224 − 7) / 2) + 1 = 109; same: ceil(224 / 2) = 112
    expect(outShape([224, 224, 3], layer('Conv2D', 'c', { filters: 64, kernelSize: [7, 7], strides: [2, 2] }))).toEqual([109, 109, 64]);
    expect(outShape([224, 224, 3], layer('Conv2D', 'c', { filters: 64, kernelSize: [7, 7], strides: [2, 2], padding: 'same' }))).toEqual([112, 112, 64]);
    expect(outShape([17, 17, 8], layer('Conv2D', 'c', { filters: 4, kernelSize: [1, 7], padding: 'valid' }))).toEqual([17, 11, 4]);
  });

  it('applies dilation: a 3×3 kernel dilated by 2 spans 5', () => {
    expect(outShape([32, 32, 8], layer('Conv2D', 'c', { filters: 16, dilationRate: [2, 2] }))).toEqual([28, 28, 16]);
  });

  it('multiplies channels in DepthwiseConv2D and sets them in SeparableConv2D', () => {
    expect(outShape([14, 14, 32], layer('DepthwiseConv2D', 'd', { depthMultiplier: 2, padding: 'same' }))).toEqual([14, 14, 64]);
    expect(outShape([14, 14, 32], layer('SeparableConv2D', 's', { filters: 7, strides: [2, 2], padding: 'same' }))).toEqual([7, 7, 7]);
  });

  it('grows Conv2DTranspose by Keras deconv_output_length', () => {
    // valid: 7·2 + max(3 − 2, 0) = 15; same: 7·2 = 14
    expect(outShape([7, 7, 16], layer('Conv2DTranspose', 't', { filters: 8, strides: [2, 2] }))).toEqual([15, 15, 8]);
    expect(outShape([7, 7, 16], layer('Conv2DTranspose', 't', { filters: 8, strides: [2, 2], padding: 'same' }))).toEqual([14, 14, 8]);
  });

  it('pools with its own strides and padding', () => {
    expect(outShape([7, 7, 4], layer('MaxPooling2D', 'p', { poolSize: [3, 3], strides: [2, 2] }))).toEqual([3, 3, 4]);
    expect(outShape([7, 7, 4], layer('AveragePooling2D', 'p', { padding: 'same' }))).toEqual([4, 4, 4]);
    expect(outShape([7, 7, 512], layer('GlobalAveragePooling2D', 'g'))).toEqual([512]);
  });

  it('flattens, reshapes with one -1, pads and drops out', () => {
    expect(outShape([7, 7, 512], layer('Flatten', 'f'))).toEqual([25_088]);
    expect(outShape([12], layer('Reshape', 'r', { targetShape: [2, -1, 3] }))).toEqual([2, 2, 3]);
    expect(outShape([5, 6, 2], layer('ZeroPadding2D', 'z', { padding: [[1, 2], [3, 0]] }))).toEqual([8, 9, 2]);
    expect(outShape([5, 6, 2], layer('Dropout', 'd'), layer('BatchNormalization', 'b'), layer('ReLU', 'r'))).toEqual([5, 6, 2]);
  });

  it('concatenates along a Keras axis (batch included, -1 = last)', () => {
    const g = (axis: number): ModelGraph => stack([4, 4, 2],
      layer('Conv2D', 'a', { filters: 3, padding: 'same' }),
      layer('Conv2D', 'b', { filters: 5, padding: 'same', inputs: ['input'] }),
      layer('Concatenate', 'cat', { axis, inputs: ['a', 'b'] }));
    expect(reportOf(g(-1)).outputShape).toEqual([4, 4, 8]);
    expect(reportOf(g(3)).outputShape).toEqual([4, 4, 8]);
    expect(errorOf(g(1))).toMatchObject({ code: 'shape-mismatch', layer: 'cat', field: 'inputs' });
    expect(errorOf(g(4))).toMatchObject({ code: 'invalid-value', layer: 'cat', field: 'axis' });
  });
});

/**
 * Hand-worked Keras shapes, cross-checked against tfjs 4.22 except where tfjs departs from Keras:
 * tfjs's DepthwiseConv2D ignores dilationRate (a TODO in tfjs-layers convolutional_depthwise.ts),
 * so 9×9 with a 3×3 kernel dilated by 2 gives 7×7 there and 5×5 in Keras and FlopLab.
 */
describe('Keras shape edge cases', () => {
  it.each([
    // 'same' transpose: in·s; 'valid': in·s + max(K − s, 0), per axis
    ['Conv2DTranspose same, strides 3×2', [5, 6, 3], layer('Conv2DTranspose', 'x', { filters: 4, kernelSize: [4, 3], strides: [3, 2], padding: 'same' }), [15, 12, 4]],
    ['Conv2DTranspose valid, stride above kernel', [5, 6, 3], layer('Conv2DTranspose', 'x', { filters: 4, kernelSize: [2, 5], strides: [3, 2] }), [15, 15, 4]],
    // 'same' pooling: ceil(in / s) whatever the pool size; 'valid': floor((in − K) / s) + 1
    ['MaxPooling2D same, strides ≠ pool size', [7, 8, 3], layer('MaxPooling2D', 'x', { poolSize: [3, 3], strides: [2, 3], padding: 'same' }), [4, 3, 3]],
    ['AveragePooling2D valid, strides ≠ pool size', [7, 8, 3], layer('AveragePooling2D', 'x', { poolSize: [2, 2], strides: [1, 3] }), [6, 3, 3]],
    ['even kernel, same, stride 2', [7, 7, 3], layer('Conv2D', 'x', { filters: 2, kernelSize: [4, 2], strides: [2, 2], padding: 'same' }), [4, 4, 2]],
    // dilated spans (3 − 1)·2 + 1 = 5 and (3 − 1)·3 + 1 = 7
    ['dilation 2×3, valid', [9, 9, 3], layer('Conv2D', 'x', { filters: 2, dilationRate: [2, 3] }), [5, 3, 2]],
    ['DepthwiseConv2D M = 3, dilated, valid (Keras; tfjs ignores the dilation)', [9, 9, 2], layer('DepthwiseConv2D', 'x', { depthMultiplier: 3, dilationRate: [2, 2] }), [5, 5, 6]],
    ['SeparableConv2D M = 2, dilated, valid', [9, 9, 2], layer('SeparableConv2D', 'x', { filters: 5, depthMultiplier: 2, dilationRate: [2, 2] }), [5, 5, 5]],
    ['Reshape with -1 first', [4, 5, 6], layer('Reshape', 'x', { targetShape: [-1, 3] }), [40, 3]],
    ['Reshape with -1 last', [4, 5, 6], layer('Reshape', 'x', { targetShape: [4, 5, -1] }), [4, 5, 6]],
    ['ZeroPadding2D asymmetric', [4, 5, 6], layer('ZeroPadding2D', 'x', { padding: [[0, 5], [2, 2]] }), [9, 9, 6]],
    ['GlobalMaxPooling2D', [4, 5, 6], layer('GlobalMaxPooling2D', 'x'), [6]],
  ] as const)('%s', (_label, input, l, expected) => {
    expect(outShape([...input], l)).toEqual(expected);
  });

  it.each([[1, [8, 5, 6]], [2, [4, 10, 6]], [3, [4, 5, 12]], [-1, [4, 5, 12]], [-2, [4, 10, 6]], [-3, [8, 5, 6]]])(
    'Concatenate axis %i of two 4×5×6 tensors', (axis, expected) => {
      const g = stack([4, 5, 6], layer('ReLU', 'a', { inputs: ['input'] }), layer('Concatenate', 'x', { axis, inputs: ['input', 'a'] }));
      expect(reportOf(g).outputShape).toEqual(expected);
    });

  it('refuses Concatenate on the batch axis (-4 on rank 3)', () => {
    const g = stack([4, 5, 6], layer('ReLU', 'a', { inputs: ['input'] }), layer('Concatenate', 'x', { axis: -4, inputs: ['input', 'a'] }));
    expect(errorOf(g)).toMatchObject({ code: 'invalid-value', layer: 'x', field: 'axis' });
  });
});

/** Literal ports of keras/utils/conv_utils.py, as an oracle written differently from the engine. */
function kerasConvOutputLength(input: number, filter: number, padding: 'same' | 'valid', stride: number, dilation: number): number {
  const dilatedFilter = filter + (filter - 1) * (dilation - 1);
  const length = padding === 'same' ? input : input - dilatedFilter + 1;
  return Math.floor((length + stride - 1) / stride);
}
function kerasDeconvOutputLength(input: number, filter: number, padding: 'same' | 'valid', stride: number): number {
  return padding === 'valid' ? input * stride + Math.max(filter - stride, 0) : input * stride;
}

describe('shapes agree with Keras conv_utils for random hyperparameters', () => {
  const dim = fc.integer({ min: 1, max: 20 });
  const small = fc.integer({ min: 1, max: 5 });
  const padding = fc.constantFrom('same' as const, 'valid' as const);

  it('Conv2D, DepthwiseConv2D, SeparableConv2D and pooling (error exactly when Keras gives a length below 1)', () => {
    fc.assert(fc.property(dim, dim, small, small, small, small, fc.boolean(), padding,
      fc.constantFrom('Conv2D', 'DepthwiseConv2D', 'SeparableConv2D', 'MaxPooling2D') as fc.Arbitrary<LayerSpec['type']>,
      (h, w, kh, kw, s, d, useDilation, pad, type) => {
        const strides = useDilation ? 1 : s;
        const dilation = useDilation && type !== 'MaxPooling2D' ? d : 1;
        const kernel = type === 'MaxPooling2D' ? { poolSize: [kh, kw] } : { kernelSize: [kh, kw], dilationRate: [dilation, dilation] };
        const spec = layer(type, 'x', { ...kernel, strides: [strides, strides], padding: pad, filters: 3, depthMultiplier: 2 });
        const expected = [kerasConvOutputLength(h, kh, pad, strides, dilation), kerasConvOutputLength(w, kw, pad, strides, dilation)];
        const r = analyzeModel(stack([h, w, 2], spec));
        if (expected[0] < 1 || expected[1] < 1) {
          expect(r.ok ? null : r.errors[0].code).toBe('kernel-too-large');
        } else {
          const channels = { Conv2D: 3, SeparableConv2D: 3, DepthwiseConv2D: 4, MaxPooling2D: 2 }[type as string];
          expect(r.ok ? r.report.outputShape : r.errors[0].message).toEqual([...expected, channels]);
        }
      }), { numRuns: 400 });
  });

  it('Conv2DTranspose', () => {
    fc.assert(fc.property(dim, dim, small, small, small, small, padding, (h, w, kh, kw, sh, sw, pad) => {
      const spec = layer('Conv2DTranspose', 'x', { kernelSize: [kh, kw], strides: [sh, sw], padding: pad, filters: 3 });
      expect(reportOf(stack([h, w, 2], spec)).outputShape)
        .toEqual([kerasDeconvOutputLength(h, kh, pad, sh), kerasDeconvOutputLength(w, kw, pad, sw), 3]);
    }), { numRuns: 200 });
  });
});

describe('impossible configurations are error values naming layer and field', () => {
  it('kernel larger than its padded input', () => {
    const e = errorOf(stack([5, 5, 3], layer('Conv2D', 'conv2', { kernelSize: [7, 7] })));
    expect(e).toMatchObject({ code: 'kernel-too-large', layer: 'conv2', field: 'kernelSize' });
    expect(e.message).toBe("Layer 'conv2': Expected kernelSize to be at most the padded input 5×5 (padding 'valid'), but got 7×7.");
    const dilated = errorOf(stack([4, 4, 3], layer('Conv2D', 'c', { dilationRate: [2, 2] })));
    expect(dilated.message).toContain('5×5 (3×3 dilated by 2×2)');
    expect(errorOf(stack([1, 1, 3], layer('MaxPooling2D', 'p')))).toMatchObject({ code: 'kernel-too-large', field: 'poolSize' });
  });

  it('Dense on an H×W×C input applies to the last axis, as Keras does (no error)', () => {
    expect(outShape([7, 7, 512], layer('Dense', 'fc1', { units: 4096 }))).toEqual([7, 7, 4096]);
  });

  it('convolution and global pooling on a flat input', () => {
    expect(errorOf(stack([784], layer('Conv2D', 'c')))).toMatchObject({ code: 'wrong-rank', layer: 'c' });
    expect(errorOf(stack([784], layer('GlobalMaxPooling2D', 'g')))).toMatchObject({ code: 'wrong-rank', layer: 'g' });
  });

  it('Add of different shapes', () => {
    const e = errorOf(stack([8, 8, 4],
      layer('Conv2D', 'a', { filters: 4, strides: [2, 2], padding: 'same' }),
      layer('Add', 'add', { inputs: ['input', 'a'] })));
    expect(e).toMatchObject({ code: 'shape-mismatch', layer: 'add', field: 'inputs' });
    expect(e.message).toContain("8×8×4 from 'input' and 4×4×4 from 'a'");
    expect(errorOf(stack([4], layer('Add', 'one', { inputs: ['input'] })))).toMatchObject({ layer: 'one', field: 'inputs' });
  });

  it.each([
    ['filters', 0], ['filters', -3], ['filters', 2.5], ['filters', Number.NaN], ['filters', undefined], ['filters', '32'],
    ['kernelSize', [0, 3]], ['kernelSize', [3]], ['kernelSize', null], ['strides', [1, -1]], ['dilationRate', [0, 1]],
    ['padding', 'full'], ['useBias', 1], ['activation', 'mish'],
  ])('Conv2D %s = %j', (field, value) => {
    const e = errorOf(stack([8, 8, 3], layer('Conv2D', 'c', { [field]: value })));
    expect(e).toMatchObject({ code: 'invalid-value', layer: 'c', field });
    expect(e.message).toMatch(new RegExp(`^Layer 'c': Expected ${field} to be .+, but got .+\\.$`));
  });

  it.each([
    ['InputLayer', 'shape', [0, 4]], ['InputLayer', 'shape', []], ['Dense', 'units', -1], ['Dropout', 'rate', 1],
    ['Dropout', 'rate', -0.1], ['BatchNormalization', 'epsilon', 0], ['ReLU', 'maxValue', -1], ['LeakyReLU', 'alpha', Number.NaN],
    ['Reshape', 'targetShape', [-1, -1]], ['Reshape', 'targetShape', [0]], ['ZeroPadding2D', 'padding', [[1, -1], [0, 0]]],
    ['Concatenate', 'axis', 0], ['DepthwiseConv2D', 'depthMultiplier', 0], ['MaxPooling2D', 'strides', [0, 0]],
  ])('%s %s = %j', (type, field, value) => {
    const l = layer(type as LayerSpec['type'], 'x', { [field]: value });
    const g = type === 'InputLayer' ? { name: 'g', layers: [l] } : stack([8, 8, 3], l);
    expect(errorOf(g)).toMatchObject({ code: 'invalid-value', layer: 'x', field });
  });

  it('refuses strides and dilation above 1 together, as Keras does', () => {
    expect(errorOf(stack([9, 9, 3], layer('Conv2D', 'c', { strides: [2, 2], dilationRate: [2, 2] }))))
      .toMatchObject({ code: 'invalid-value', field: 'dilationRate' });
  });

  it('Reshape to a different element count', () => {
    expect(errorOf(stack([12], layer('Reshape', 'r', { targetShape: [5, -1] })))).toMatchObject({ code: 'shape-mismatch', field: 'targetShape' });
    expect(errorOf(stack([12], layer('Reshape', 'r', { targetShape: [5] })))).toMatchObject({ code: 'shape-mismatch' });
  });

  it('unknown layers: zero cost with a warning when the shape is known, an error when not', () => {
    const known = reportOf(stack([4], { type: 'Unknown', name: 'u', className: 'Mystery', outputShape: [6] }, layer('Dense', 'd')));
    expect(known.layers[1]).toMatchObject({ className: 'Mystery', params: 0, macs: 0, outputShape: [6] });
    expect(known.warnings[0]).toMatch(/Mystery/);
    expect(known.layers[2].params).toBe(6 * 64 + 64);
    expect(errorOf(stack([4], { type: 'Unknown', name: 'u', className: 'Mystery', outputShape: null })))
      .toMatchObject({ code: 'unknown-layer', layer: 'u' });
    expect(errorOf(stack([4], { type: 'Conv3D', name: 'v' } as unknown as LayerSpec)))
      .toMatchObject({ code: 'unknown-layer', layer: 'v', field: 'type' });
  });
});
