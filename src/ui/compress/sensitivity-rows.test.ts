import { describe, expect, it } from 'vitest';
import { sensitivityRows } from './sensitivity-rows';

describe('sensitivityRows', () => {
  it('puts each layer in its own column, one row per sparsity in percent, in increasing order', () => {
    const rows = sensitivityRows({
      kind: 'prune', baseline: 0.97,
      layers: [
        { name: 'fc1', points: [{ sparsity: 0.5, accuracy: 0.96 }, { sparsity: 0, accuracy: 0.97 }] },
        { name: 'fc2', points: [{ sparsity: 0, accuracy: 0.97 }, { sparsity: 0.5, accuracy: 0.9 }] },
      ],
    });
    expect(rows).toEqual([{ x: 0, fc1: 0.97, fc2: 0.97 }, { x: 50, fc1: 0.96, fc2: 0.9 }]);
  });

  it('rounds sparsities that are not exact in binary (0.7 × 100 = 70.00000000000001) to whole percents', () => {
    const rows = sensitivityRows({ kind: 'prune', baseline: 1, layers: [{ name: 'a', points: [{ sparsity: 0.7, accuracy: 0.5 }] }] });
    expect(rows[0].x).toBe(70);
  });

  it('uses the bit width as x for quantization', () => {
    const rows = sensitivityRows({ kind: 'quantize', baseline: 1, layers: [{ name: 'a', points: [{ bits: 8, accuracy: 0.9 }, { bits: 2, accuracy: 0.1 }] }] });
    expect(rows).toEqual([{ x: 2, a: 0.1 }, { x: 8, a: 0.9 }]);
  });
});
