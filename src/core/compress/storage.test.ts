import { describe, expect, it } from 'vitest';
import {
  bitmaskBits, bitsToBytes, denseFloat32Bytes, indexBitsFor, quantizedBits, relativeIndex, relativeIndexBits, sharedBits, sharingRatio, sparseSize,
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
  it('bitmask: one presence bit per weight plus the nonzero values, in whole bytes', () => {
    // 10 weights, 3 nonzero, 8-bit values: 10 + 3 · 8 = 34 bits → ceil(34 / 8) = 5 bytes.
    expect(bitmaskBits(10, 3, 8)).toBe(34);
    expect(bitsToBytes(34)).toBe(5);
    // 16 weights, 8 nonzero float32: 16 + 8 · 32 = 272 bits = 34 bytes (dense: 16 · 4 = 64 bytes).
    expect(bitmaskBits(16, 8, 32)).toBe(272);
    expect(bitsToBytes(272)).toBe(34);
    expect(denseFloat32Bytes(16)).toBe(64);
    // No nonzeros still costs the mask: 9 bits → 2 bytes.
    expect(bitsToBytes(bitmaskBits(9, 0, 32))).toBe(2);
  });

  it('sparseSize on a hand-worked 16-weight kernel: bitmask 272 bits beats relative index 288', () => {
    const w = new Float32Array(16);
    for (let i = 8; i < 16; i++) w[i] = i; // 8 nonzeros at 8..15: gaps 9, 1 × 7 with 4-bit indices, no filler
    expect(sparseSize(w, 32, 4)).toEqual({
      format: 'bitmask', bits: 272, bitmaskBits: 16 + 8 * 32, relativeIndexBits: 8 * (4 + 32), fillers: 0,
    });
  });

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
    expect(s1.bitmaskBits).toBe(500); // 100 presence bits + 50 nonzeros · 8 bits = 100 + 400
    expect(s1.relativeIndexBits).toBe(50 * 12);
    expect(s1.format).toBe('bitmask');
    const sparse = new Float32Array(1000);
    sparse[3] = 1; sparse[9] = 1;
    const s2 = sparseSize(sparse, 8, 4);
    expect(s2.format).toBe('relative-index');
    expect(s2.bits).toBe(2 * 12);
  });
});
