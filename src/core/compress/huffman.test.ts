import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { huffmanCodeLengths } from './huffman';

describe('huffmanCodeLengths', () => {
  it('gives the textbook code for CLRS’s example (a:45 b:13 c:12 d:16 e:9 f:5 → 224 bits)', () => {
    const code = huffmanCodeLengths([45, 13, 12, 16, 9, 5]);
    expect(code.lengths).toEqual([1, 3, 3, 3, 4, 4]);
    expect(code.totalBits).toBe(224);
  });

  it('spends 1 bit on each of two equally likely symbols and 1 bit on a lone symbol', () => {
    expect(huffmanCodeLengths([5, 5]).totalBits).toBe(10);
    expect(huffmanCodeLengths([0, 7, 0]).lengths).toEqual([0, 1, 0]);
  });

  it('is a prefix code (Kraft sum = 1) within a bit of entropy', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 2, maxLength: 60 }), (counts) => {
      const { lengths, totalBits } = huffmanCodeLengths(counts);
      expect(lengths.reduce((s, l) => s + 2 ** -l, 0)).toBeCloseTo(1, 9);
      const n = counts.reduce((a, b) => a + b, 0);
      const entropyBits = counts.reduce((s, c) => s - c * Math.log2(c / n), 0);
      expect(totalBits).toBeGreaterThanOrEqual(entropyBits - 1e-6);
      expect(totalBits).toBeLessThanOrEqual(entropyBits + n);
    }));
  });
});
