/**
 * What the pipeline knows about one kernel between stages, and the bytes of the storage format
 * that state implies (Deep Compression's formats; see storage.ts):
 *   value bits = log2 k (shared) | b (quantized) | 16 (float16) | 32;
 *   layout     = dense, or after pruning the smaller of bitmask and relative index;
 *   overhead   = codebook (k values of 32 or b bits) and scales (32-bit floats);
 *   Huffman    = real code lengths of the value symbols (and of the relative-index gaps, whose
 *                width is the cheapest of 4..8 bits per tensor).
 */
import { elementCount } from '../shapes/tensor-shapes';
import type { StorageFormat, TensorEncoding } from './types';
import type { Quantized } from './quantize';
import { float32ToFloat16Bits } from './float16';
import { huffmanCodeLengths } from './huffman';
import {
  FLOAT32_BITS, bitmaskBits, bitsToBytes, indexBitsFor, nonzeroGaps, quantizedBits, relativeIndexOfGaps, sparseSize,
} from './storage';

/** Grid parameters of an integer quantization (no values, no codes: those follow from the data). */
export type QuantParams = Omit<Quantized, 'values' | 'codes'>;

export type QuantState = { kind: 'float16' } | { kind: 'integer'; params: QuantParams };

export interface TensorState {
  name: string;
  layer: string;
  shape: number[];
  /** Current values. */
  data: Float32Array;
  /** Set once a prune stage ran: the layout becomes sparse. */
  pruned: boolean;
  threshold?: number;
  /** Current codebook (after a share stage; quantized in place by a later quantize stage). */
  codebook?: Float32Array;
  /** Codebook index of each weight (meaningful where the weight is nonzero). */
  indices?: Uint8Array;
  quant?: QuantState;
  huffman: boolean;
}

export interface StorageSize { bytes: number; format: StorageFormat }

/** Bits per stored value in the current state. */
export function valueBits(s: TensorState): number {
  if (s.codebook) return indexBitsFor(Math.max(2, s.codebook.length));
  if (s.quant?.kind === 'float16') return 16;
  if (s.quant?.kind === 'integer') return s.quant.params.bits;
  return FLOAT32_BITS;
}

/** Bits of the codebook and scales stored beside the values. */
function overheadBits(s: TensorState): number {
  const q = s.quant;
  if (s.codebook) {
    const entryBits = q?.kind === 'integer' ? q.params.bits : q?.kind === 'float16' ? 16 : FLOAT32_BITS;
    const scales = q?.kind === 'integer' ? quantizedBits(0, 0, q.params.scales.length, q.params.symmetric) : 0;
    return s.codebook.length * entryBits + scales;
  }
  if (q?.kind === 'integer') return quantizedBits(0, 0, q.params.scales.length, q.params.symmetric);
  return 0;
}

/**
 * Relative-index width used for sparse layouts: Deep Compression uses 8 bits for conv layers
 * and 5 for fully connected ones; 4 bits suits the moderate sparsities of this lab. Both
 * layouts are computed and the smaller wins, so the choice only matters for very sparse kernels.
 */
export const RELATIVE_INDEX_BITS = 4;

/** Bytes and format of the tensor in its current state. */
export function storageSize(s: TensorState): StorageSize {
  const n = s.data.length;
  const vb = valueBits(s);
  const extra = overheadBits(s);
  if (s.huffman) return huffmanSize(s, extra);
  if (!s.pruned) return { bytes: bitsToBytes(n * vb + extra), format: 'dense' };
  const sparse = sparseSize(s.data, vb, RELATIVE_INDEX_BITS);
  const dense = n * vb;
  if (dense <= sparse.bits) return { bytes: bitsToBytes(dense + extra), format: 'dense' };
  return { bytes: bitsToBytes(sparse.bits + extra), format: sparse.format };
}

/**
 * How often each stored value symbol occurs (codebook index, integer code, float16 or float32
 * bit pattern); zeros of a pruned tensor are not values (the sparse layout holds them).
 * One monomorphic loop per kind: this runs over every weight at every stage.
 */
export function valueSymbolCounts(s: TensorState): number[] {
  const { data, pruned } = s;
  const q = s.quant;
  if (s.codebook && s.indices) {
    const counts = new Uint32Array(256);
    const idx = s.indices;
    for (let i = 0; i < data.length; i++) if (data[i] !== 0 || !pruned) counts[idx[i]]++;
    return nonzeroCounts(counts);
  }
  if (q?.kind === 'integer') return integerCodeCounts(s, q.params);
  if (q?.kind === 'float16') {
    const counts = new Uint32Array(1 << 16);
    for (let i = 0; i < data.length; i++) if (data[i] !== 0 || !pruned) counts[float32ToFloat16Bits(data[i])]++;
    return nonzeroCounts(counts);
  }
  const bits = new Uint32Array(data.buffer, data.byteOffset, data.length);
  const counts = new Map<number, number>();
  for (let i = 0; i < data.length; i++) if (data[i] !== 0 || !pruned) counts.set(bits[i], (counts.get(bits[i]) ?? 0) + 1);
  return [...counts.values()];
}

function integerCodeCounts(s: TensorState, p: QuantParams): number[] {
  const { data, pruned } = s;
  const counts = new Uint32Array(2 ** p.bits);
  const inner = p.channelAxis === null ? data.length : elementCount(s.shape.slice(p.channelAxis + 1));
  const channels = p.scales.length;
  const offset = p.symmetric ? 2 ** (p.bits - 1) - 1 : 0;
  for (let i = 0; i < data.length; i++) {
    if (data[i] === 0 && pruned) continue;
    const c = channels === 1 ? 0 : Math.floor(i / inner) % channels;
    counts[Math.round((data[i] - p.mins[c]) / p.scales[c]) + offset]++;
  }
  return nonzeroCounts(counts);
}

function nonzeroCounts(counts: Uint32Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) out.push(counts[i]);
  return out;
}

/**
 * Huffman-coded bits of a symbol stream plus its code table: canonical code lengths of 5 bits
 * for each of the `alphabet` symbols, or (symbol, length) pairs when that is smaller.
 */
function codedBits(counts: number[], alphabet: number, symbolBits: number): number {
  const code = huffmanCodeLengths(counts);
  return code.totalBits + Math.min(alphabet * 5, counts.length * (symbolBits + 5));
}

/**
 * Widest relative index tried under Huffman coding. Deep Compression uses 5 bits for fully
 * connected layers and 8 for conv ones (§2); with coded gaps a wider index costs little (rare
 * gaps get long codes) and saves filler entries, so each tensor takes the cheapest width from
 * RELATIVE_INDEX_BITS to this one. The width is per-tensor metadata, like its shape and format,
 * and is not counted.
 */
export const HUFFMAN_MAX_INDEX_BITS = 8;

/** Relative-index bits with Huffman-coded values (fillers store a zero: one more symbol) and gaps. */
function huffmanRelativeBits(gaps: Uint32Array, counts: number[], alphabet: number, vb: number, indexBits: number): number {
  const rel = relativeIndexOfGaps(gaps, indexBits);
  const relValues = rel.fillers > 0 ? [...counts, rel.fillers] : counts;
  const gapSymbols = Array.from(rel.gapCounts).filter((c) => c > 0);
  return codedBits(relValues, alphabet + 1, vb) + codedBits(gapSymbols, 2 ** indexBits, indexBits);
}

function huffmanSize(s: TensorState, extra: number): StorageSize {
  const vb = valueBits(s);
  const counts = valueSymbolCounts(s);
  const alphabet = 2 ** Math.min(vb, 16);
  if (!s.pruned) return { bytes: bitsToBytes(codedBits(counts, alphabet, vb) + extra), format: 'dense' };
  const mask = bitmaskBits(s.data.length, 0, 0) + codedBits(counts, alphabet, vb);
  const gaps = nonzeroGaps(s.data);
  let relative = Infinity;
  for (let indexBits = RELATIVE_INDEX_BITS; indexBits <= HUFFMAN_MAX_INDEX_BITS; indexBits++) {
    relative = Math.min(relative, huffmanRelativeBits(gaps, counts, alphabet, vb, indexBits));
  }
  return relative < mask
    ? { bytes: bitsToBytes(relative + extra), format: 'relative-index' }
    : { bytes: bitsToBytes(mask + extra), format: 'bitmask' };
}

/** How the exporter can write the final values (see TensorEncoding). */
export function encodingOf(s: TensorState): TensorEncoding {
  const q = s.quant;
  if (q?.kind === 'float16') return { kind: 'float16' };
  if (q?.kind === 'integer' && q.params.channelAxis === null) return affineEncoding(s.data, q.params);
  if (q?.kind === 'integer') return { kind: 'per-channel', bits: q.params.bits, symmetric: q.params.symmetric, channelAxis: q.params.channelAxis ?? 0 };
  if (s.codebook) return { kind: 'codebook', codebook: Float32Array.from(s.codebook) };
  return { kind: 'float32' };
}

/** Per-tensor integer grid as tfjs's value = code·scale + min (symmetric shifted by 2^(b−1) − 1). */
function affineEncoding(data: Float32Array, p: QuantParams): TensorEncoding {
  const offset = p.symmetric ? 2 ** (p.bits - 1) - 1 : 0;
  const scale = p.scales[0];
  const min = p.symmetric ? -offset * scale : p.mins[0];
  const codes = new Uint16Array(data.length);
  for (let i = 0; i < data.length; i++) codes[i] = Math.round((data[i] - min) / scale);
  return { kind: 'affine', bits: p.bits, scale, min, codes };
}
