/**
 * IEEE 754 binary16 conversion, written out so float16 quantization is exact and testable.
 * float32 → float16 rounds to nearest, ties to even (as numpy's npy_floatbits_to_halfbits), with
 * overflow to ±Infinity, gradual underflow to subnormals, and NaN kept NaN.
 */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The float16 bit pattern nearest to `value` (after rounding `value` to float32). */
export function float32ToFloat16Bits(value: number): number {
  f32[0] = value;
  const f = u32[0];
  const sign = (f >>> 16) & 0x8000;
  const exp = f & 0x7f800000;
  if (exp >= 0x47800000) {
    if (exp === 0x7f800000 && (f & 0x007fffff) !== 0) return sign | 0x7e00; // NaN
    return sign | 0x7c00; // overflow or infinity
  }
  if (exp <= 0x38000000) return sign | subnormalHalf(f, exp);
  const halfExp = (exp - 0x38000000) >>> 13;
  let sig = f & 0x007fffff;
  // Round: add half an ulp unless the dropped bits are exactly a tie and the kept lsb is even.
  if ((sig & 0x3fff) !== 0x1000) sig += 0x1000;
  // A carry out of the significand correctly bumps the exponent (and may reach infinity).
  return sign + halfExp + (sig >>> 13);
}

function subnormalHalf(f: number, exp: number): number {
  if (exp < 0x33000000) return 0; // below half the smallest subnormal: signed zero
  const e = exp >>> 23;
  let sig = (0x00800000 + (f & 0x007fffff)) >>> (113 - e);
  // Ties-to-even must look at the bits lost by the shift as well (f & 0x7ff).
  if ((sig & 0x3fff) !== 0x1000 || (f & 0x7ff) !== 0) sig += 0x1000;
  return sig >>> 13;
}

/** The value of a float16 bit pattern. */
export function float16BitsToFloat32(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >>> 10) & 0x1f;
  const mant = bits & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 31) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** Rounds every value to float16 and back: returns the float16 codes and the decoded values. */
export function roundTripFloat16(data: Float32Array): { codes: Uint16Array; values: Float32Array } {
  const codes = new Uint16Array(data.length);
  const values = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    codes[i] = float32ToFloat16Bits(data[i]);
    values[i] = float16BitsToFloat32(codes[i]);
  }
  return { codes, values };
}
