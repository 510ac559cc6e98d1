import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countZeros, prune24, pruneByMagnitude, pruneGlobally } from './prune';
import { kthSmallestMagnitude, zerosForSparsity } from './select';

const floats = (min = 1, max = 400) => fc.array(fc.float({ noNaN: true, noDefaultInfinity: true, min: -10, max: 10 }), { minLength: min, maxLength: max }).map((a) => Float32Array.from(a));

describe('zerosForSparsity', () => {
  it('rounds up to reach at least the target, forgiving float noise', () => {
    expect(zerosForSparsity(0.5, 10)).toBe(5);
    expect(zerosForSparsity(0.3, 10)).toBe(3); // 0.3·10 = 3.0000000000000004 in floats
    expect(zerosForSparsity(0.5, 7)).toBe(4);
    expect(zerosForSparsity(0, 7)).toBe(0);
    // Near an integer but not float noise: still at least s·n zeros.
    expect(zerosForSparsity(0.1000000005, 1_000_000)).toBe(100001);
  });
});

describe('kthSmallestMagnitude', () => {
  it('agrees with sorting the magnitudes, over several tensors', () => {
    fc.assert(fc.property(floats(), floats(), fc.nat(), (a, b, k) => {
      const all = Float32Array.from([...a, ...b], Math.abs).sort();
      const i = k % all.length;
      const r = kthSmallestMagnitude([a, b], i);
      expect(r.value).toBe(all[i]);
      expect(r.below).toBe(all.findIndex((v) => v === all[i]));
    }));
  });
});

describe('pruneByMagnitude', () => {
  it('leaves exactly ceil(s·n) zeros when the input has no zeros, and keeps the largest weights', () => {
    fc.assert(fc.property(floats(), fc.double({ min: 0, max: 0.999, noNaN: true }), (a, s) => {
      fc.pre(countZeros(a) === 0);
      const { data, threshold } = pruneByMagnitude(a, s);
      const zeros = zerosForSparsity(s, a.length);
      expect(countZeros(data)).toBe(zeros);
      for (let i = 0; i < a.length; i++) {
        if (data[i] === 0) expect(Math.abs(a[i])).toBeLessThanOrEqual(threshold);
        else { expect(data[i]).toBe(a[i]); expect(Math.abs(a[i])).toBeGreaterThanOrEqual(threshold); }
      }
    }));
  });

  it('breaks ties at the threshold by position so the count stays exact', () => {
    const { data, threshold } = pruneByMagnitude(Float32Array.from([1, -1, 1, 1, 2, 3]), 0.5);
    expect(Array.from(data)).toEqual([0, 0, 0, 1, 2, 3]);
    expect(threshold).toBe(1);
  });

  it('does not touch the input and never un-zeroes', () => {
    const a = Float32Array.from([0, 0, 0, 5]);
    const { data, zeros } = pruneByMagnitude(a, 0.25);
    expect(Array.from(a)).toEqual([0, 0, 0, 5]);
    expect(countZeros(data)).toBe(3);
    expect(zeros).toBe(3); // the reported count includes zeros beyond the target
  });
});

describe('pruneGlobally', () => {
  it('uses one threshold: exactly ceil(s·N) zeros over all tensors, small-weight tensors losing more', () => {
    const small = Float32Array.from([0.1, -0.2, 0.3, 0.4]);
    const large = Float32Array.from([1, 2, -3, 4]);
    const [a, b] = pruneGlobally([small, large], 0.5);
    expect(Array.from(a.data)).toEqual([0, 0, 0, 0]);
    expect(Array.from(b.data)).toEqual([1, 2, -3, 4]);
    expect(a.threshold).toBeCloseTo(0.4);
  });
});

describe('prune24', () => {
  it('keeps the 2 largest of each group of 4 along the input-channel axis of a Dense kernel [In, Out]', () => {
    // In = 4, Out = 2: column 0 is [1, -5, 3, 2], column 1 is [4, 1, -1, 0.5].
    const k = Float32Array.from([1, 4, -5, 1, 3, -1, 2, 0.5]);
    expect(Array.from(prune24(k, [4, 2]))).toEqual([0, 4, -5, 1, 3, 0, 0, 0]);
  });

  it('gives exactly 50% zeros when Cin is a multiple of 4 (Conv2D kernel [kh, kw, Cin, Cout])', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), (kh, groups, cout) => {
      const shape = [kh, 2, groups * 4, cout];
      const n = shape.reduce((a, b) => a * b, 1);
      const data = Float32Array.from({ length: n }, (_, i) => ((i * 7919) % 97) + 1);
      expect(countZeros(prune24(data, shape))).toBe(n / 2);
    }));
  });

  it('a trailing group of 3 keeps 2', () => {
    expect(countZeros(prune24(Float32Array.from([1, 2, 3]), [3, 1]))).toBe(1);
  });
});
