/**
 * Bytes of a weight tensor in each storage format a compression stage implies.
 * Sources: Han et al., "Deep Compression" (ICLR 2016): §2 relative-index sparse format with filler
 * zeros, §3 weight-sharing ratio r = n·b / (n·log2 k + k·b); TensorFlow.js manifest quantization.
 * All sizes are exact bit counts; bytes round up per tensor.
 */
import type { StorageFormat } from './types';

export const FLOAT32_BITS = 32;

/** Whole bytes holding `bits` bits (rounded up: a tensor is stored in whole bytes). */
export function bitsToBytes(bits: number): number {
  return Math.ceil(bits / 8);
}

/** Dense float32: n · 4 bytes. */
export function denseFloat32Bytes(n: number): number {
  return n * 4;
}

/** Bits of an index into a codebook of k entries: ceil(log2 k) (k ≥ 2), so 16 → 4, 17 → 5. */
export function indexBitsFor(k: number): number {
  return Math.max(1, Math.ceil(Math.log2(k)));
}

/** Shared weights: n indices of log2 k bits plus a codebook of k values of b bits. */
export function sharedBits(n: number, k: number, codebookBits: number): number {
  return n * indexBitsFor(k) + k * codebookBits;
}

/** Deep Compression's weight-sharing ratio r = n·b / (n·log2 k + k·b) (§3, eq. 1). */
export function sharingRatio(n: number, k: number, b: number): number {
  return (n * b) / sharedBits(n, k, b);
}

/**
 * b-bit quantized values plus their scales: 32-bit float scale and min per tensor or channel for
 * affine (2 floats), scale only for symmetric (1 float).
 */
export function quantizedBits(n: number, bits: number, scaleGroups: number, symmetric: boolean): number {
  return n * bits + scaleGroups * (symmetric ? 1 : 2) * FLOAT32_BITS;
}

/** Bitmask sparse format: one presence bit per weight plus the nonzero values. */
export function bitmaskBits(n: number, nonzeros: number, valueBits: number): number {
  return n + nonzeros * valueBits;
}

export interface RelativeIndex {
  /** Stored entries: nonzeros plus filler zeros. */
  entries: number;
  fillers: number;
  /** How often each stored difference 1..2^indexBits − 1 occurs (index = difference), for Huffman coding. */
  gapCounts: Uint32Array;
}

/**
 * Deep Compression's relative index (§2, Fig. 2): each nonzero stores the difference from the
 * previous stored position (the first from position −1), in `indexBits` bits, so differences
 * 1..2^indexBits − 1 fit. A larger difference d needs ceil(d / (2^indexBits − 1)) − 1 filler
 * zeros, each stored like a weight and placed 2^indexBits − 1 after the previous entry.
 */
export function relativeIndex(data: Float32Array, indexBits: number): RelativeIndex {
  return relativeIndexOfGaps(nonzeroGaps(data), indexBits);
}

/** The distance of each nonzero from the previous one (the first from position −1), in order. */
export function nonzeroGaps(data: Float32Array): Uint32Array {
  let nonzeros = 0;
  for (let i = 0; i < data.length; i++) if (data[i] !== 0) nonzeros++;
  const gaps = new Uint32Array(nonzeros);
  let previous = -1;
  let k = 0;
  for (let i = 0; i < data.length; i++) {
    if (data[i] === 0) continue;
    gaps[k++] = i - previous;
    previous = i;
  }
  return gaps;
}

/** relativeIndex from the gaps of nonzeroGaps (so several index widths can be tried in one pass over the weights). */
export function relativeIndexOfGaps(gaps: Uint32Array, indexBits: number): RelativeIndex {
  const maxGap = 2 ** indexBits - 1;
  const gapCounts = new Uint32Array(maxGap + 1);
  let fillers = 0;
  for (let k = 0; k < gaps.length; k++) {
    const d = gaps[k];
    if (d > maxGap) {
      const extra = Math.ceil(d / maxGap) - 1;
      fillers += extra;
      gapCounts[maxGap] += extra;
      gapCounts[d - extra * maxGap]++;
    } else {
      gapCounts[d]++;
    }
  }
  return { entries: gaps.length + fillers, fillers, gapCounts };
}

/** Relative-index bits: every entry (nonzero or filler) stores an index and a value. */
export function relativeIndexBits(entries: number, indexBits: number, valueBits: number): number {
  return entries * (indexBits + valueBits);
}

export interface SparseSize {
  format: Exclude<StorageFormat, 'dense'>;
  bits: number;
  bitmaskBits: number;
  relativeIndexBits: number;
  fillers: number;
}

/** The smaller of bitmask and relative index for a sparse tensor (ties go to the bitmask). */
export function sparseSize(data: Float32Array, valueBits: number, indexBits: number): SparseSize {
  const rel = relativeIndex(data, indexBits);
  const nonzeros = rel.entries - rel.fillers;
  const mask = bitmaskBits(data.length, nonzeros, valueBits);
  const relBits = relativeIndexBits(rel.entries, indexBits, valueBits);
  const format = relBits < mask ? 'relative-index' : 'bitmask';
  return { format, bits: Math.min(mask, relBits), bitmaskBits: mask, relativeIndexBits: relBits, fillers: rel.fillers };
}
