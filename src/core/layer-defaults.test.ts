import { describe, expect, it } from 'vitest';
import { createLayer, LAYER_TYPES_IN_PALETTE, uniqueLayerName } from './layer-defaults';
import { validateLayer } from './shapes/validate-layer';
import { layer, reportOf, stack } from './test-helpers';

describe('layer defaults', () => {
  it('creates a valid layer of every palette type', () => {
    for (const type of LAYER_TYPES_IN_PALETTE) {
      const l = createLayer(type, 'x');
      expect(l).toMatchObject({ type, name: 'x' });
      expect(validateLayer(l)).toBeNull();
    }
  });

  it('uses Keras defaults: Conv2D 32 filters 3×3 valid with bias, pooling 2×2 stride 2', () => {
    expect(createLayer('Conv2D', 'c')).toMatchObject({ filters: 32, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', useBias: true, activation: 'linear' });
    expect(createLayer('MaxPooling2D', 'p')).toMatchObject({ poolSize: [2, 2], strides: [2, 2] });
    expect(createLayer('BatchNormalization', 'b')).toMatchObject({ epsilon: 0.001, center: true, scale: true });
    expect(reportOf(stack([32, 32, 3], createLayer('Conv2D', 'c'))).layers[1].outputShape).toEqual([30, 30, 32]);
  });

  it('names new layers Keras style with the smallest free suffix', () => {
    const g = stack([4], layer('Dense', 'dense'), layer('Dense', 'dense_1'), layer('Dense', 'dense_3'));
    expect(uniqueLayerName(g, 'Dense')).toBe('dense_2');
    expect(uniqueLayerName(g, 'Conv2D')).toBe('conv2d');
    expect(uniqueLayerName(g, 'ReLU')).toBe('re_lu');
  });
});
