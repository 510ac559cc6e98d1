import { describe, expect, it } from 'vitest';
import { retrainConstraints } from './retrain-constraints';

const big = (n: number, zeroEvery: number) => Float32Array.from({ length: n }, (_, i) => (i % zeroEvery === 0 ? 0 : 0.001 * (i + 1)));

describe('retrainConstraints', () => {
  it('shares a kernel with few distinct values: sorted codebook, fixed indices, zeros masked', () => {
    const c = retrainConstraints([{ name: 'fc/kernel', shape: [2, 3], data: Float32Array.of(0.5, 0, -1, 0.5, 2, -1) }]);
    expect(c['fc/kernel']).toEqual({
      kind: 'shared', codebook: Float32Array.of(-1, 0.5, 2), indices: Uint8Array.of(1, 0, 0, 1, 2, 0), mask: Uint8Array.of(1, 0, 1, 1, 1, 1),
    });
  });

  it('masks a pruned kernel with more than 256 distinct values, and leaves biases and dense kernels alone', () => {
    const c = retrainConstraints([
      { name: 'fc/kernel', shape: [600], data: big(600, 3) },
      { name: 'fc/bias', shape: [3], data: Float32Array.of(0, 0, 1) },
      { name: 'fc2/kernel', shape: [600], data: big(600, 1000).map((v) => v + 1) },
    ]);
    expect(Object.keys(c)).toEqual(['fc/kernel']);
    const m = c['fc/kernel'];
    expect(m.kind).toBe('mask');
    expect([...m.mask.subarray(0, 7)]).toEqual([0, 1, 1, 0, 1, 1, 0]);
  });
});
