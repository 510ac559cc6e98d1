/** Global pooling with Keras `keepdims` (ONNX GlobalAveragePool keeps dims), worked by hand. */
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../analyze';
import { layer, reportOf, stack } from '../test-helpers';

describe('GlobalAveragePooling2D / GlobalMaxPooling2D keepDims', () => {
  it('keepDims gives 1×1×C, and a 1×1 conv after it counts as on a 1×1 map (SE block)', () => {
    const r = reportOf(stack([7, 7, 64],
      layer('GlobalAveragePooling2D', 'gap', { keepDims: true }),
      layer('Conv2D', 'squeeze', { filters: 16, kernelSize: [1, 1] })));
    expect(r.layers[1].outputShape).toEqual([1, 1, 64]);
    expect(r.layers[1].flops).toBe(3136); // one per input element: 7·7·64
    expect(r.layers[2].outputShape).toEqual([1, 1, 16]);
    expect(r.layers[2].params).toBe(1040); // 1·1·64·16 + 16
    expect(r.layers[2].macs).toBe(1024); // 1·1·64 × 1·1·16
  });

  it('without keepDims (absent or false) the output is C', () => {
    for (const patch of [{}, { keepDims: false }]) {
      const r = reportOf(stack([7, 7, 64], layer('GlobalMaxPooling2D', 'gmp', patch)));
      expect(r.layers[1].outputShape).toEqual([64]);
    }
  });

  it('refuses a keepDims that is not a boolean', () => {
    const r = analyzeModel(stack([7, 7, 64], layer('GlobalMaxPooling2D', 'gmp', { keepDims: 1 })));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ layer: 'gmp', field: 'keepDims' });
  });
});
