/**
 * ONNX index arithmetic: Slice's clamping (numpy's slicing, as onnx/docs/Operators.md says),
 * Reshape's 0 and -1, broadcasting and transposes, against hand-worked values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { broadcastShapes, reshapeDims, sliceIndices, sliceLength, transposeValues } from './tensor-math';

// INT64_MAX as a JS number (int64 constants are read with Number()).
const INT64_MAX = Number(2n ** 63n - 1n);

describe('Slice', () => {
  it('takes what Python\'s list slicing takes', () => {
    const ten = Array.from({ length: 10 }, (_, i) => i);
    expect(sliceIndices(10, 0, INT64_MAX, 1)).toEqual(ten); // x[0:]
    expect(sliceIndices(10, -1, -INT64_MAX, -1)).toEqual([...ten].reverse()); // x[::-1], as torch exports flip
    expect(sliceIndices(10, 2, 8, 3)).toEqual([2, 5]);
    expect(sliceIndices(10, 8, 2, -3)).toEqual([8, 5]);
    expect(sliceIndices(10, -100, 3, 1)).toEqual([0, 1, 2]);
    expect(sliceIndices(10, 5, 100, 1)).toEqual([5, 6, 7, 8, 9]);
    expect(sliceIndices(10, 0, 0, 1)).toEqual([]);
    expect(sliceIndices(10, 0, 5, 0)).toBeNull();
  });

  it('counts without listing: a huge axis costs nothing, and the count is the list\'s length', () => {
    expect(sliceLength(2 ** 50, 0, INT64_MAX, 2)).toBe(2 ** 49);
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 40 }), fc.integer({ min: -60, max: 60 }), fc.integer({ min: -60, max: 60 }), fc.integer({ min: -5, max: 5 }).filter((s) => s !== 0),
      (dim, start, end, step) => {
        const idx = sliceIndices(dim, start, end, step)!;
        expect(sliceLength(dim, start, end, step)).toBe(idx.length);
        expect(idx.every((i) => i >= 0 && i < dim)).toBe(true);
      },
    ));
  });
});

describe('Reshape, broadcasting, Transpose', () => {
  it('resolves 0 (copy) and -1 (the rest), and refuses counts that disagree', () => {
    expect(reshapeDims([1, 8, 18, 18], [0, 0, -1], false)).toEqual([1, 8, 324]); // x.flatten(2)
    expect(reshapeDims([1, 8, 18, 18], [1, -1], false)).toEqual([1, 2592]);
    expect(reshapeDims([2, 3], [0, 3], true)).toBeNull(); // allowzero: a real 0
    expect(reshapeDims([2, 3], [4, -1], false)).toBeNull();
  });

  it('broadcasts as numpy and transposes row-major data', () => {
    expect(broadcastShapes([[1, 16, 32, 32], [16, 1, 1]])).toEqual([1, 16, 32, 32]);
    expect(broadcastShapes([[2, 3], [4, 3]])).toBeNull();
    // [[0, 1, 2], [3, 4, 5]] transposed is [[0, 3], [1, 4], [2, 5]].
    expect(transposeValues([0, 1, 2, 3, 4, 5], [2, 3], [1, 0], new Array<number>(6))).toEqual([0, 3, 1, 4, 2, 5]);
  });
});
