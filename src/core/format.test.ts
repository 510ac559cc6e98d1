import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatMs, formatShape } from './format';

describe('format', () => {
  it('formats counts with K/M/G', () => {
    expect([4_253_864, 568_740_352, 15_470_264_320, 832, 999_400, 999_999].map(formatCount))
      .toEqual(['4.25 M', '568.7 M', '15.47 G', '832', '999.4 K', '1.00 M']);
    expect(formatCount(Number.NaN)).toBe('—');
  });

  it('formats counts past a trillion with P and E instead of thousands of T', () => {
    // 11,999,991,441,444,112 = 12.00 × 10^15; 2.5 × 10^12 stays in T; 3 × 10^18 is 3 E.
    expect([11_999_991_441_444_112, 2.5e12, 3e18, 999_999e12].map(formatCount))
      .toEqual(['12.00 P', '2.50 T', '3.00 E', '1.00 E']);
  });

  it('formats bytes in decimal units', () => {
    expect([16_215_456, 512, 138_357_544 * 4, 1500].map(formatBytes)).toEqual(['16.2 MB', '512 B', '553.4 MB', '1.5 kB']);
  });

  it('formats milliseconds and shapes', () => {
    expect([0.00123, 0.5, 3.421, 123.44, 1234].map(formatMs)).toEqual(['1.2 µs', '0.50 ms', '3.42 ms', '123.4 ms', '1.23 s']);
    expect(formatShape([56, 56, 128])).toBe('56×56×128');
  });
});
