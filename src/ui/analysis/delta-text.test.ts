import { describe, expect, it } from 'vitest';
import { signedBytes, signedCount, signedPercent } from './delta-text';

describe('signed deltas', () => {
  it('writes a true minus sign or a plus, and plain 0', () => {
    expect(signedCount(-203_714_560)).toBe('−203.7 M');
    expect(signedCount(64_960)).toBe('+64.96 K');
    expect(signedCount(0)).toBe('0');
    expect(signedBytes(-259_840)).toBe('−259.8 kB');
  });

  it('writes percentages with a sign, and "new" without a base', () => {
    expect(signedPercent(-203_714_560 / 231_211_008)).toBe('−88.1%');
    expect(signedPercent(0.05)).toBe('+5.0%');
    expect(signedPercent(null)).toBe('new');
  });
});
