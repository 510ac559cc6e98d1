import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { channelAxisFor, checkQuantizeOptions, quantizeUniform } from './quantize';
import { float16BitsToFloat32, float32ToFloat16Bits } from './float16';
import { meanSquaredError, sqnrDb } from './error-metrics';

const weights = fc.array(fc.float({ noNaN: true, noDefaultInfinity: true, min: -100, max: 100 }), { minLength: 1, maxLength: 300 }).map((a) => Float32Array.from(a));

describe('quantizeUniform', () => {
  it('keeps |w − dequant(quant(w))| ≤ scale/2, codes in range, zeros exact (affine and symmetric)', () => {
    fc.assert(fc.property(weights, fc.integer({ min: 1, max: 16 }), fc.boolean(), (w, bits, symmetric) => {
      fc.pre(!symmetric || bits >= 2);
      const q = quantizeUniform(w, [w.length], { bits, symmetric });
      const scale = q.scales[0];
      const qMax = symmetric ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
      for (let i = 0; i < w.length; i++) {
        expect(Math.abs(w[i] - q.values[i])).toBeLessThanOrEqual(scale / 2 + 1e-6 * Math.abs(w[i]) + 1e-12);
        expect(q.codes[i]).toBeLessThanOrEqual(qMax);
        expect(q.codes[i]).toBeGreaterThanOrEqual(symmetric ? -qMax : 0);
        if (w[i] === 0) expect(q.values[i]).toBe(0);
      }
    }));
  });

  it('matches a hand-worked 2-bit affine example (range widened to 0, min nudged to −zeroPoint·scale)', () => {
    // range [-1, 2]: scale = 3/3 = 1, zeroPoint = 1, min = -1; 0.4 → code 1 → 0; 1.6 → code 3 → 2.
    const q = quantizeUniform(Float32Array.from([-1, 0.4, 1.6, 2]), [4], { bits: 2 });
    expect(q.scales[0]).toBe(1);
    expect(q.mins[0]).toBe(-1);
    expect(Array.from(q.codes)).toEqual([0, 1, 3, 3]);
    expect(Array.from(q.values)).toEqual([-1, 0, 2, 2]);
  });

  it('per-channel uses one scale per output channel: last axis, or axis 2 for depthwise kernels', () => {
    // Kernel [1, 1, 2, 2]: channel 0 holds small values, channel 1 large ones.
    const w = Float32Array.from([0.01, 10, -0.02, -20]);
    const q = quantizeUniform(w, [1, 1, 2, 2], { bits: 8, perChannel: true, symmetric: true });
    expect(q.scales).toHaveLength(2);
    expect(q.scales[0]).toBeCloseTo(0.02 / 127);
    expect(q.scales[1]).toBeCloseTo(20 / 127);
    expect(channelAxisFor('dw/depthwise_kernel', [3, 3, 32, 1])).toBe(2);
    expect(channelAxisFor('conv/kernel', [3, 3, 32, 64])).toBe(3);
    const dw = quantizeUniform(Float32Array.from([1, 100, 2, 200]), [1, 2, 2, 1], { bits: 4, perChannel: true, channelAxis: 2 });
    expect(dw.scales).toHaveLength(2);
    expect(dw.scales[1]).toBeGreaterThan(dw.scales[0] * 50);
  });

  it('per-channel error is lower than per-tensor when channels differ in range', () => {
    const w = Float32Array.from({ length: 64 }, (_, i) => (i % 2 ? 10 : 0.01) * Math.sin(i + 1));
    const perTensor = quantizeUniform(w, [32, 2], { bits: 4 });
    const perChannel = quantizeUniform(w, [32, 2], { bits: 4, perChannel: true });
    expect(meanSquaredError(w, perChannel.values)).toBeLessThan(meanSquaredError(w, perTensor.values));
  });

  it('rejects impossible settings', () => {
    expect(checkQuantizeOptions(0, false)).toMatch(/1 to 16/);
    expect(checkQuantizeOptions(17, false)).toMatch(/1 to 16/);
    expect(checkQuantizeOptions(1, true)).toMatch(/at least 2/);
    expect(checkQuantizeOptions(1, false)).toBeNull();
    expect(checkQuantizeOptions('float16', true)).toBeNull();
  });
});

describe('float16', () => {
  it('round-trips every finite half exactly', () => {
    const wrong: number[] = [];
    for (let h = 0; h < 0x7c00; h++) {
      if (float32ToFloat16Bits(float16BitsToFloat32(h)) !== h) wrong.push(h);
      if (float32ToFloat16Bits(-float16BitsToFloat32(h)) !== (h | 0x8000)) wrong.push(h | 0x8000);
    }
    expect(wrong).toEqual([]);
  });

  it('rounds to the nearest half, ties to even', () => {
    fc.assert(fc.property(fc.float({ noNaN: true, min: -65504, max: 65504 }), (x) => {
      const h = float32ToFloat16Bits(x);
      const v = float16BitsToFloat32(h);
      const step = (n: number) => float16BitsToFloat32(n);
      const up = step((h & 0x7fff) === 0x7bff ? h : h + 1);
      const down = (h & 0x7fff) === 0 ? v : step(h - 1);
      expect(Math.abs(v - x)).toBeLessThanOrEqual(Math.abs(up - x));
      expect(Math.abs(v - x)).toBeLessThanOrEqual(Math.abs(down - x));
    }));
    expect(float32ToFloat16Bits(1 + 2 ** -11)).toBe(0x3c00); // tie → even (1.0)
    expect(float32ToFloat16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie → even (1 + 2^-9)
    expect(float32ToFloat16Bits(65520)).toBe(0x7c00); // rounds up to infinity
    expect(float32ToFloat16Bits(2 ** -25)).toBe(0); // tie between 0 and the smallest subnormal → 0
    expect(float32ToFloat16Bits(3 * 2 ** -25)).toBe(2); // tie between subnormals 1 and 2 → 2
    expect(Number.isNaN(float16BitsToFloat32(float32ToFloat16Bits(NaN)))).toBe(true);
  });
});

describe('error metrics', () => {
  it('SQNR is 10·log10(signal power / noise power)', () => {
    const w = Float32Array.from([1, -1, 1, -1]);
    const approx = Float32Array.from([1.1, -0.9, 1.1, -0.9]);
    expect(meanSquaredError(w, approx)).toBeCloseTo(0.01, 6);
    expect(sqnrDb(w, approx)).toBeCloseTo(20, 4);
    expect(sqnrDb(w, w)).toBe(Infinity);
  });
});
