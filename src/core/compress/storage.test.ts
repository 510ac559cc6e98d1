import { describe, expect, it } from 'vitest';
import {
  bitmaskBits, indexBitsFor, quantizedBits, relativeIndex, relativeIndexBits, sharedBits, sharingRatio, sparseSize,
} from './storage';

describe('weight sharing size', () => {
  it("reproduces Deep Compression's example: 16 weights, 4 clusters, 32 bits: 16·32 / (16·2 + 4·32) = 3.2", () => {
    expect(sharedBits(16, 4, 32)).toBe(16 * 2 + 4 * 32);
    expect(sharingRatio(16, 4, 32)).toBeCloseTo(3.2, 12);
  });

  it('uses ceil(log2 k) index bits', () => {
    expect([2, 16, 17, 256].map(indexBitsFor)).toEqual([1, 4, 5, 8]);
  });
});

describe('quantized size', () => {
  it('counts b bits per weight plus 2 floats per group (affine) or 1 (symmetric)', () => {
    expect(quantizedBits(1000, 8, 1, false)).toBe(8000 + 64);
    expect(quantizedBits(1000, 8, 10, true)).toBe(8000 + 320);
  });
});

describe('sparse formats', () => {
  it('relative index with 3-bit gaps: a gap of 20 needs ceil(20/7) − 1 = 2 fillers', () => {
    const w = new Float32Array(21);
    w[0] = 1; // gap 1 from position −1
    w[20] = 2; // gap 20 > 7: fillers at 7 and 14, then a gap of 6
    const r = relativeIndex(w, 3);
    expect(r.fillers).toBe(2);
    expect(r.entries).toBe(4);
    expect(Array.from(r.gapCounts)).toEqual([0, 1, 0, 0, 0, 0, 1, 2]); // differences 1, 7, 7, 6
    expect(relativeIndexBits(r.entries, 3, 5)).toBe(4 * 8);
  });

  it('a gap of exactly 2^bits − 1 needs no filler; one more needs one', () => {
    const w = new Float32Array(16);
    w[14] = 1; // gap 15 with 4 bits: fits
    expect(relativeIndex(w, 4).fillers).toBe(0);
    w[14] = 0; w[15] = 1; // gap 16: one filler
    expect(relativeIndex(w, 4).fillers).toBe(1);
  });

  it('picks the smaller of bitmask and relative index and says which', () => {
    const dense = Float32Array.from({ length: 100 }, (_, i) => (i % 2 ? 1 : 0));
    const s1 = sparseSize(dense, 8, 4);
    expect(s1.bitmaskBits).toBe(bitmaskBits(100, 50, 8)); // 100 + 400
    expect(s1.relativeIndexBits).toBe(50 * 12);
    expect(s1.format).toBe('bitmask');
    const sparse = new Float32Array(1000);
    sparse[3] = 1; sparse[9] = 1;
    const s2 = sparseSize(sparse, 8, 4);
    expect(s2.format).toBe('relative-index');
    expect(s2.bits).toBe(2 * 12);
  });
});
