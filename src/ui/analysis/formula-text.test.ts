import { describe, expect, it } from 'vitest';
import { formulaText } from './formula-text';

describe('formulaText', () => {
  it('writes symbolic = substituted = value', () => {
    expect(formulaText({
      symbolic: 'K·K·Cin × Hout·Wout·Cout', substituted: '3·3·64 × 56·56·128', latex: '', value: 231_211_008,
    })).toBe('K·K·Cin × Hout·Wout·Cout = 3·3·64 × 56·56·128 = 231,211,008');
  });

  it('keeps a zero figure with its reason as is', () => {
    expect(formulaText({ symbolic: '0 (no weights)', substituted: '0', latex: '', value: 0 })).toBe('0 (no weights)');
  });

  it('does not repeat a single-factor value', () => {
    expect(formulaText({ symbolic: 'Out', substituted: '10', latex: '', value: 10 })).toBe('Out = 10');
  });
});
