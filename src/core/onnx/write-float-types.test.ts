import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bfloat16BitsToFloat32, float32ToBfloat16Bits, floatStorageOf, rawBytesOf, roundedTo } from './write-float-types';
import { roundToOracle } from './write-test-helpers';

const floats = fc.array(fc.float({ noNaN: true }), { minLength: 1, maxLength: 50 }).map((a) => Float32Array.from(a));

describe('write-float-types', () => {
  it('bfloat16 rounds to nearest, ties to even (hand-worked bit patterns)', () => {
    const bits = (u: number) => float32ToBfloat16Bits(new Float32Array(new Uint32Array([u]).buffer)[0]);
    expect(bits(0x3f808000)).toBe(0x3f80); // 1 + 2^-8: a tie, 0x3f80 is even
    expect(bits(0x3f818000)).toBe(0x3f82); // a tie above an odd one rounds up
    expect(bits(0x3f808001)).toBe(0x3f81); // just above the tie
    expect(bits(0x7f7fffff)).toBe(0x7f80); // the largest float32 rounds to infinity
    expect(bits(0x7fc00001) & 0x7fc0).toBe(0x7fc0); // NaN stays NaN
    expect(bfloat16BitsToFloat32(0xc040)).toBe(-3);
  });

  it.each(['float16', 'bfloat16'] as const)('rounds like an independent round-half-to-even oracle (%s), zeros exact', (storage) => {
    fc.assert(fc.property(floats, (values) => {
      const got = roundedTo(values, storage);
      values.forEach((v, i) => {
        const want = roundToOracle(v, storage);
        expect(Object.is(got[i], Math.fround(want)) || (v === 0 && got[i] === 0), `${v}`).toBe(true);
      });
    }));
  });

  it('writes little-endian raw bytes of each type (hand-worked: 1.5 and −2)', () => {
    const v = Float32Array.of(1.5, -2);
    expect(Array.from(rawBytesOf(v, 'float16'))).toEqual([0x00, 0x3e, 0x00, 0xc0]);
    expect(Array.from(rawBytesOf(v, 'bfloat16'))).toEqual([0xc0, 0x3f, 0x00, 0xc0]);
    expect(Array.from(rawBytesOf(v, 'float32'))).toEqual([0, 0, 0xc0, 0x3f, 0, 0, 0, 0xc0]);
    expect(new Float64Array(rawBytesOf(v, 'float64').buffer)).toEqual(Float64Array.of(1.5, -2));
    expect([1, 10, 16, 11, 7].map(floatStorageOf)).toEqual(['float32', 'float16', 'bfloat16', 'float64', null]);
  });
});
