import { describe, expect, it } from 'vitest';
import { decodeDigits } from './format';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIGITS_SPLIT_SEED, digitsSplit, seededPermutation } from './split';

describe('the fixed digits split', () => {
  const split = digitsSplit(10000);

  it('has 8,000 training and 2,000 test digits', () => {
    expect([split.train.length, split.test.length]).toEqual([8000, 2000]);
  });

  it('is disjoint and covers every digit exactly once', () => {
    const seen = new Uint8Array(10000);
    for (const i of split.train) seen[i]++;
    for (const i of split.test) seen[i]++;
    expect(seen.every((n) => n === 1)).toBe(true);
  });

  it('is stable: pinned entries computed by an independent Python mulberry32 + Fisher–Yates', () => {
    // python3: mulberry32(20150608) with explicit 32-bit masking, for i in range(n-1, 0, -1):
    // j = int(r() * (i + 1)); swap — printed p[:5], p[7998:8002], p[-3:].
    expect(DIGITS_SPLIT_SEED).toBe(20150608);
    expect([...split.train.subarray(0, 5)]).toEqual([8689, 3845, 8100, 6576, 1116]);
    expect([...split.train.subarray(7998)]).toEqual([2923, 8136]);
    expect([...split.test.subarray(0, 2)]).toEqual([4194, 9109]);
    expect([...split.test.subarray(1997)]).toEqual([5612, 5724, 3142]);
  });

  it('a permutation of n holds each index once, for small n too', () => {
    for (const n of [0, 1, 2, 7]) expect([...seededPermutation(n, 3)].sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
  });

  it('keeps every class of the shipped digits within 1.5 pp of its share in the test split', () => {
    const d = decodeDigits(new Uint8Array(readFileSync(join(import.meta.dirname, '../../../public/data/digits.bin'))));
    if (!d.ok) throw new Error(d.error.message);
    for (let c = 0; c < 10; c++) {
      const all = d.value.labels.filter((l) => l === c).length / 10000;
      const test = split.test.filter((i) => d.value.labels[i] === c).length / 2000;
      expect(Math.abs(test - all)).toBeLessThan(0.015);
    }
  });
});
