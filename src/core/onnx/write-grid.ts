/**
 * The integer grid an ONNX DequantizeLinear stores for a compressed kernel: int8 (symmetric,
 * zero point 0) or uint8 (affine) codes, a float32 scale and an integer zero point per tensor or
 * per channel, such that DequantizeLinear's y = (x − zero_point) · scale (ONNX operator spec,
 * computed in float32) gives back the values the pipeline computed.
 *
 * The pipeline's affine grid is value = code · scale + min with min = −zeroPoint · scale
 * (quantize.ts), so zero_point = −min / scale must be a whole number; its symmetric grid is
 * value = code · scale, i.e. zero_point 0. Every value is checked against the dequantization in
 * float32: a tensor whose values are not on one grid (within float32 rounding) gets a reason
 * instead, and the writer stores float32 values for it.
 */
import { quantizeUniform } from '../compress/quantize';
import type { TensorEncoding } from '../compress/types';

/** Codes wider than this have no DequantizeLinear input type before opset 21 (int16). */
export const MAX_STORED_BITS = 8;

export interface IntegerGrid {
  /** int8 codes with zero point 0 (symmetric) or uint8 codes (affine). */
  signed: boolean;
  /** The Keras-layout axis holding the channels, or null for one scale for the whole tensor. */
  axis: number | null;
  /** float32 scale of each channel (or one). */
  scales: Float32Array;
  zeroPoints: Int32Array;
  /** The stored integer of every value, in the same (Keras) layout as the values. */
  codes: Int32Array;
}

export type GridOutcome = { ok: true; grid: IntegerGrid } | { ok: false; reason: string };

/** Relative distance allowed between the pipeline's value and float32 dequantization (a few float32 ulps). */
const FLOAT32_TOLERANCE = 2 ** -21;

/** DequantizeLinear's float32 result for one code: both factors are float32, the product is rounded once. */
export function dequantizeFloat32(code: number, zeroPoint: number, scaleF32: number): number {
  return Math.fround((code - zeroPoint) * scaleF32);
}

/**
 * The int8/uint8 grid of `data` (Keras layout, of `shape`) under the pipeline's `encoding`, or
 * why there is none: more than 8 bits, a float16 or codebook encoding, a minimum that is not a
 * whole number of steps from zero, values off the grid.
 */
export function integerGridOf(data: Float32Array, shape: number[], encoding: TensorEncoding): GridOutcome {
  let grid: GridOutcome;
  if (encoding.kind === 'affine') grid = perTensorGrid(encoding.bits, encoding.scale, encoding.min, encoding.codes);
  else if (encoding.kind === 'per-channel') grid = perChannelGrid(data, shape, encoding.bits, encoding.symmetric, encoding.channelAxis);
  else return { ok: false, reason: `its encoding is ${encoding.kind}, which has no integer codes` };
  if (!grid.ok) return grid;
  const off = firstValueOffGrid(data, shape, grid.grid);
  if (off !== null) return { ok: false, reason: off };
  return grid;
}

function tooWide(bits: number): GridOutcome | null {
  return bits > MAX_STORED_BITS ? { ok: false, reason: `its ${bits}-bit codes do not fit DequantizeLinear's int8/uint8` } : null;
}

function perTensorGrid(bits: number, scale: number, min: number, codes: Uint16Array): GridOutcome {
  const wide = tooWide(bits);
  if (wide) return wide;
  if (!(scale > 0)) return { ok: false, reason: `Expected a positive scale, but got ${scale}` };
  const exact = -min / scale;
  const zeroPoint = Math.round(exact);
  if (Math.abs(exact - zeroPoint) > 1e-6 * Math.max(1, Math.abs(zeroPoint))) {
    return { ok: false, reason: `its minimum ${min} is not a whole number of steps (${scale}) below zero, so no integer zero point reproduces it` };
  }
  const qMax = 2 ** bits - 1;
  if (zeroPoint < 0 || zeroPoint > qMax) return { ok: false, reason: `Expected a zero point from 0 to ${qMax}, but got ${zeroPoint}` };
  let maxCode = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i] > maxCode) maxCode = codes[i];
  // A symmetric grid (zero point 2^(b−1) − 1, codes up to 2^b − 2) is stored as int8 with zero point 0.
  const offset = 2 ** (bits - 1) - 1;
  const signed = bits >= 2 && zeroPoint === offset && maxCode <= 2 * offset;
  const stored = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) stored[i] = signed ? codes[i] - offset : codes[i];
  return {
    ok: true,
    grid: { signed, axis: null, scales: Float32Array.of(scale), zeroPoints: Int32Array.of(signed ? 0 : zeroPoint), codes: stored },
  };
}

/**
 * The TensorEncoding of a per-channel tensor carries no scales, so the grid is found again by
 * quantizing the (already quantized) values with the same settings: each channel's extremes are
 * codes 0 and 2^b − 1 (affine) or ±(2^(b−1) − 1) (symmetric) of the pipeline's grid, so the same
 * grid comes back up to float32 rounding. The value check after it catches any channel where it does not.
 */
function perChannelGrid(data: Float32Array, shape: number[], bits: number, symmetric: boolean, channelAxis: number): GridOutcome {
  const wide = tooWide(bits);
  if (wide) return wide;
  if (symmetric && bits < 2) return { ok: false, reason: 'symmetric 1-bit codes have no level but zero' };
  const q = quantizeUniform(data, shape, { bits, symmetric, perChannel: true, channelAxis });
  return {
    ok: true,
    grid: {
      signed: symmetric,
      axis: channelAxis,
      scales: Float32Array.from(q.scales),
      zeroPoints: Int32Array.from(q.zeroPoints, (z) => (symmetric ? 0 : z)),
      codes: q.codes,
    },
  };
}

/** A sentence naming the first value DequantizeLinear would not reproduce, or null when all are reproduced. */
function firstValueOffGrid(data: Float32Array, shape: number[], grid: IntegerGrid): string | null {
  const channels = grid.scales.length;
  const inner = grid.axis === null ? data.length : shape.slice(grid.axis + 1).reduce((a, b) => a * b, 1);
  for (let i = 0; i < data.length; i++) {
    const c = channels === 1 ? 0 : Math.floor(i / inner) % channels;
    const y = dequantizeFloat32(grid.codes[i], grid.zeroPoints[c], grid.scales[c]);
    const v = data[i];
    if (y !== v && !(Math.abs(y - v) <= FLOAT32_TOLERANCE * Math.abs(v))) {
      return `value ${i} (${v}) is not on one integer grid: DequantizeLinear would give ${y}`;
    }
  }
  return null;
}
