/**
 * The one fixed split of the digits: 8,000 training / 2,000 test. Documented so that every
 * accuracy FlopLab shows (app, CLI, shipped records) is on the same 2,000 digits:
 *
 *   permutation = Fisher–Yates shuffle of 0..count−1 driven by mulberry32(DIGITS_SPLIT_SEED),
 *                 for i from count−1 down to 1: j = floor(rand() · (i + 1)), swap(i, j)
 *   train = the first 8,000 entries of the permutation, test = the remaining 2,000.
 *
 * Not stratified: with 10,000 digits a random 20 % holds every class in proportion within
 * about ±1 pp (checked by a test). The seed never changes; changing it would invalidate every
 * committed accuracy record.
 */
import { mulberry32 } from '../compress/rng';

export const DIGITS_SPLIT_SEED = 20150608;
export const DIGITS_TRAIN_COUNT = 8000;
export const DIGITS_TEST_COUNT = 2000;

export interface DigitsSplit {
  /** Image indices of the training digits, in shuffled order. */
  train: Uint32Array;
  /** Image indices of the test digits, in shuffled order. */
  test: Uint32Array;
}

/** A seeded Fisher–Yates permutation of 0..n−1 (see the file comment for the exact loop). */
export function seededPermutation(n: number, seed: number): Uint32Array {
  const rand = mulberry32(seed);
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/**
 * The fixed split of `count` digits (10,000 for the shipped file): the first
 * count − DIGITS_TEST_COUNT of the seeded permutation train, the last DIGITS_TEST_COUNT test.
 */
export function digitsSplit(count: number): DigitsSplit {
  const p = seededPermutation(count, DIGITS_SPLIT_SEED);
  const trainCount = Math.max(0, count - DIGITS_TEST_COUNT);
  return { train: p.slice(0, trainCount), test: p.slice(trainCount) };
}
