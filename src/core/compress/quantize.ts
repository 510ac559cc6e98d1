/**
 * Uniform quantization of weights to b-bit integers (Jacob et al., "Quantization and Training of
 * Neural Networks for Efficient Integer-Arithmetic-Only Inference", 2018) and float16.
 *
 * Affine (asymmetric): value = code · scale + min, codes 0..2^b − 1. The range is widened to
 * include 0 and min is nudged to −zeroPoint·scale so that 0 is exactly representable (pruned zeros
 * stay zero) — the same nudging the TensorFlow.js converter does, and the same dequantization
 * formula as the tfjs weights manifest. Round-to-nearest keeps |w − dequant(quant(w))| ≤ scale/2.
 * Symmetric: value = code · scale, codes −(2^(b−1) − 1)..2^(b−1) − 1 (needs b ≥ 2), scale = max|w| / (2^(b−1) − 1).
 * Per-channel: one scale (and zero point) per slice along `channelAxis`.
 */
import { elementCount } from '../shapes/tensor-shapes';
import { roundTripFloat16 } from './float16';

export interface QuantizeOptions {
  /** 1..16 (symmetric needs at least 2). */
  bits: number;
  symmetric?: boolean;
  perChannel?: boolean;
  /** Axis holding output channels; defaults to the last axis. */
  channelAxis?: number;
}

export interface Quantized {
  /** Dequantized values (what the model computes with). */
  values: Float32Array;
  /** Integer codes: 0..2^b − 1 (affine) or signed (symmetric). */
  codes: Int32Array;
  /** One scale per channel (or one), in weight units per code step. */
  scales: number[];
  /** Affine: the value of code 0 (= −zeroPoint·scale); symmetric: all 0. */
  mins: number[];
  zeroPoints: number[];
  /** Channel axis used, or null for per-tensor. */
  channelAxis: number | null;
  bits: number;
  symmetric: boolean;
}

/**
 * The channel axis quantization uses for a kernel: the last axis (output channels of Conv2D and
 * Dense kernels [.., Cout]); for a depthwise kernel [kh, kw, Cin, M] axis 2 (its channels).
 */
export function channelAxisFor(tensorName: string, shape: number[]): number {
  if (tensorName.endsWith('/depthwise_kernel') && shape.length === 4) return 2;
  return Math.max(0, shape.length - 1);
}

/** Quantizes `data` (of `shape`) to integer codes and back. See the file comment for conventions. */
export function quantizeUniform(data: Float32Array, shape: number[], options: QuantizeOptions): Quantized {
  const { bits, symmetric = false, perChannel = false } = options;
  const axis = perChannel ? (options.channelAxis ?? Math.max(0, shape.length - 1)) : null;
  const channels = axis === null ? 1 : shape[axis];
  const inner = axis === null ? data.length : elementCount(shape.slice(axis + 1));
  const channelOf = (i: number) => (axis === null ? 0 : Math.floor(i / inner) % channels);
  const lo = new Float64Array(channels).fill(0);
  const hi = new Float64Array(channels).fill(0);
  for (let i = 0; i < data.length; i++) {
    const c = channelOf(i);
    if (data[i] < lo[c]) lo[c] = data[i];
    if (data[i] > hi[c]) hi[c] = data[i];
  }
  const params = Array.from({ length: channels }, (_, c) => (symmetric ? symmetricParams(lo[c], hi[c], bits) : affineParams(lo[c], hi[c], bits)));
  const codes = new Int32Array(data.length);
  const values = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const p = params[channelOf(i)];
    const q = Math.min(p.qMax, Math.max(p.qMin, Math.round((data[i] - p.min) / p.scale)));
    codes[i] = q;
    values[i] = q * p.scale + p.min;
  }
  return {
    values, codes, bits, symmetric, channelAxis: axis,
    scales: params.map((p) => p.scale), mins: params.map((p) => p.min), zeroPoints: params.map((p) => p.zeroPoint),
  };
}

interface GridParams { scale: number; min: number; zeroPoint: number; qMin: number; qMax: number }

function affineParams(lo: number, hi: number, bits: number): GridParams {
  const qMax = 2 ** bits - 1;
  const scale = hi > lo ? (hi - lo) / qMax : 1;
  const zeroPoint = Math.min(qMax, Math.max(0, Math.round(-lo / scale)));
  // -0 would print oddly in manifests; the value is the same.
  const min = zeroPoint === 0 ? 0 : -zeroPoint * scale;
  return { scale, min, zeroPoint, qMin: 0, qMax };
}

function symmetricParams(lo: number, hi: number, bits: number): GridParams {
  const qMax = 2 ** (bits - 1) - 1;
  const maxAbs = Math.max(-lo, hi);
  return { scale: maxAbs > 0 ? maxAbs / qMax : 1, min: 0, zeroPoint: 0, qMin: -qMax, qMax };
}

/** float16 as a quantization: codes are the half-precision bit patterns. */
export function quantizeFloat16(data: Float32Array): { values: Float32Array; codes: Uint16Array } {
  return roundTripFloat16(data);
}

/** Why a quantization setting is impossible, or null when it is fine. */
export function checkQuantizeOptions(bits: number | 'float16', symmetric: boolean): string | null {
  if (bits === 'float16') return null;
  if (!Number.isInteger(bits) || bits < 1 || bits > 16) return `Expected quantization bits to be an integer from 1 to 16, but got ${bits}`;
  if (symmetric && bits < 2) return `Expected at least 2 bits for symmetric quantization (1 bit has no level but zero), but got ${bits}`;
  return null;
}
