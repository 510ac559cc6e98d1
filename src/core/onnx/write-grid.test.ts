import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quantizeUniform } from '../compress/quantize';
import { dequantizeFloat32, integerGridOf } from './write-grid';
import { channelAxisInStoredDims, inversePermutation, transposeValues } from './write-layout';

// Weights far from float32's subnormal range: a scale of 1e-41 has no float32 precision left (the
// writer then refuses the grid and stores float32 values, which the value check guarantees).
const weights = fc.array(fc.float({ noNaN: true, noDefaultInfinity: true, min: -10, max: 10 }).map((x) => (Math.abs(x) < 1e-20 ? 0 : x)), { minLength: 4, maxLength: 120 })
  .map((a) => Float32Array.from(a.slice(0, a.length - (a.length % 4))));

/** A per-tensor 'affine' encoding exactly as tensor-state.ts's encodingOf builds it from a quantization. */
function affineEncodingOf(data: Float32Array, bits: number, symmetric: boolean) {
  const q = quantizeUniform(data, [data.length], { bits, symmetric });
  const offset = symmetric ? 2 ** (bits - 1) - 1 : 0;
  const min = symmetric ? -offset * q.scales[0] : q.mins[0];
  const codes = Uint16Array.from(q.values, (v) => Math.round((v - min) / q.scales[0]));
  return { values: q.values, encoding: { kind: 'affine' as const, bits, scale: q.scales[0], min, codes } };
}

describe('integerGridOf', () => {
  it('reproduces every per-tensor quantized value with DequantizeLinear in float32 (zeros exact)', () => {
    fc.assert(fc.property(weights, fc.integer({ min: 2, max: 8 }), fc.boolean(), (w, bits, symmetric) => {
      const { values, encoding } = affineEncodingOf(w, bits, symmetric);
      const r = integerGridOf(values, [values.length], encoding);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const g = r.grid;
      expect(g.signed).toBe(symmetric);
      for (let i = 0; i < values.length; i++) {
        const y = dequantizeFloat32(g.codes[i], g.zeroPoints[0], g.scales[0]);
        if (values[i] === 0) expect(y).toBe(0);
        else expect(Math.abs(y - values[i])).toBeLessThanOrEqual(2 ** -21 * Math.abs(values[i]));
        expect(g.codes[i]).toBeGreaterThanOrEqual(g.signed ? -128 : 0);
        expect(g.codes[i]).toBeLessThanOrEqual(g.signed ? 127 : 255);
      }
    }));
  });

  it('finds the per-channel grid again from the quantized values (one scale per channel of axis 1)', () => {
    fc.assert(fc.property(weights, fc.integer({ min: 2, max: 8 }), fc.boolean(), (w, bits, symmetric) => {
      const shape = [w.length / 4, 4];
      const q = quantizeUniform(w, shape, { bits, symmetric, perChannel: true, channelAxis: 1 });
      const r = integerGridOf(q.values, shape, { kind: 'per-channel', bits, symmetric, channelAxis: 1 });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.grid.scales).toHaveLength(4);
      // The codes are the pipeline's own codes (same grid), up to float32 rounding of the scale.
      expect(Array.from(r.grid.codes)).toEqual(Array.from(q.codes));
    }));
  });

  it('stores a symmetric 8-bit grid as int8 with zero point 0 (hand-worked: scale 0.5, codes −2..2)', () => {
    const values = Float32Array.from([-1, -0.5, 0, 0.5, 1]);
    const r = integerGridOf(values, [5], { kind: 'affine', bits: 8, scale: 0.5, min: -127 * 0.5, codes: Uint16Array.from([125, 126, 127, 128, 129]) });
    expect(r.ok && Array.from(r.grid.codes)).toEqual([-2, -1, 0, 1, 2]);
    expect(r.ok && r.grid.signed && r.grid.zeroPoints[0]).toBe(0);
  });

  it('refuses a minimum that is not a whole number of steps below zero, more than 8 bits, and codebooks', () => {
    const bad = integerGridOf(Float32Array.from([0.03, 0.13]), [2], { kind: 'affine', bits: 8, scale: 0.1, min: 0.03, codes: Uint16Array.from([0, 1]) });
    expect(bad.ok ? '' : bad.reason).toMatch(/not a whole number of steps/);
    const wide = integerGridOf(Float32Array.from([0, 1]), [2], { kind: 'affine', bits: 12, scale: 1 / 4095, min: 0, codes: Uint16Array.from([0, 4095]) });
    expect(wide.ok ? '' : wide.reason).toMatch(/12-bit/);
    expect(integerGridOf(Float32Array.from([0, 1]), [2], { kind: 'codebook', codebook: Float32Array.from([0, 1]) }).ok).toBe(false);
  });

  it('refuses values that are not on the grid the encoding claims', () => {
    const r = integerGridOf(Float32Array.from([0, 0.55]), [2], { kind: 'affine', bits: 8, scale: 0.1, min: 0, codes: Uint16Array.from([0, 6]) });
    expect(r.ok ? '' : r.reason).toMatch(/value 1 \(0\.55/);
  });
});

describe('write-layout', () => {
  it('transposes like numpy: [2, 3] by [1, 0] (hand-worked)', () => {
    expect(Array.from(transposeValues(Float32Array.from([1, 2, 3, 4, 5, 6]), [2, 3], [1, 0]))).toEqual([1, 4, 2, 5, 3, 6]);
  });

  it('transposes a Conv weight [Cout, Cin, kh, kw] to Keras [kh, kw, Cin, Cout] by [2, 3, 1, 0] (explicit loops as oracle)', () => {
    const dims = [3, 2, 2, 3];
    const onnx = Float32Array.from({ length: 36 }, (_, i) => i);
    const keras = transposeValues(onnx, dims, [2, 3, 1, 0]);
    for (let co = 0; co < 3; co++) for (let ci = 0; ci < 2; ci++) for (let kh = 0; kh < 2; kh++) for (let kw = 0; kw < 3; kw++) {
      expect(keras[((kh * 3 + kw) * 2 + ci) * 3 + co]).toBe(onnx[((co * 2 + ci) * 2 + kh) * 3 + kw]);
    }
  });

  it('transposing by a permutation and then by its inverse is the identity', () => {
    const shapeAndPerm = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 5 })
      .chain((shape) => fc.shuffledSubarray(shape.map((_, i) => i), { minLength: shape.length, maxLength: shape.length }).map((perm) => ({ shape, perm })));
    fc.assert(fc.property(shapeAndPerm, ({ shape, perm }) => {
      const n = shape.reduce((a, b) => a * b, 1);
      const data = Int32Array.from({ length: n }, (_, i) => i);
      const there = transposeValues(data, shape, perm);
      const back = transposeValues(there, perm.map((p) => shape[p]), inversePermutation(perm));
      expect(Array.from(back)).toEqual(Array.from(data));
    }));
  });

  it('finds the stored channel axis of a reshaped view (depthwise [C, M, kh, kw] in [C·M, 1, kh, kw])', () => {
    expect(channelAxisInStoredDims([16, 8, 3, 3], [16, 8, 3, 3], 0)).toEqual({ axis: 0, repeat: 1 });
    expect(channelAxisInStoredDims([3, 2, 3, 3], [6, 1, 3, 3], 0)).toEqual({ axis: 0, repeat: 2 });
    expect(channelAxisInStoredDims([3, 2, 3, 3], [6, 1, 3, 3], 1)).toBeNull();
  });
});
