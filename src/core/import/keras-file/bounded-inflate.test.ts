import fc from 'fast-check';
import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { boundedGzipFilter, inflateAtMost, STEP_BYTES, withInflateLimit } from './bounded-inflate';

const zeros = (bytes: number) => zlibSync(new Uint8Array(bytes), { level: 9 });
const bufferOf = (u: Uint8Array) => u.slice().buffer;

describe('inflateAtMost', () => {
  it('gives back what fflate compressed, whenever it fits the bound', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 20000 }), fc.integer({ min: 0, max: 10 }), (data, level) => {
      const packed = zlibSync(data, { level: level as 0 });
      expect(Array.from(inflateAtMost(packed, data.length))).toEqual(Array.from(data));
    }), { numRuns: 60 });
  });

  it('refuses one byte more than the bound', () => {
    expect(() => inflateAtMost(zeros(1001), 1000)).toThrow(/^a gzip'd chunk inflates to more than the 1000 bytes its chunk holds \(stopped after \d+ of its \d+ compressed bytes\)$/);
    expect(inflateAtMost(zeros(1000), 1000).length).toBe(1000);
  });

  it('stops a bomb at its first step: 64 MB of zeros (~64 KB) into a 768-byte chunk', () => {
    const bomb = zeros(64 * 1024 * 1024);
    expect(bomb.length).toBeGreaterThan(15 * STEP_BYTES);
    expect(() => inflateAtMost(bomb, 768)).toThrow(`more than the 768 bytes its chunk holds (stopped after ${STEP_BYTES} of its ${bomb.length} compressed bytes)`);
  });
});

describe('boundedGzipFilter (jsfive\'s gzip filter)', () => {
  it('refuses outside a bounded read', () => {
    expect(() => boundedGzipFilter(bufferOf(zeros(8)))).toThrow('outside a bounded dataset read');
  });

  it('inflates at most the limit\'s chunks, each at most its chunk bytes, and lifts the limit after a throw', () => {
    const two = withInflateLimit({ chunkBytes: 8, chunks: 2 }, () => [boundedGzipFilter(bufferOf(zeros(8))), boundedGzipFilter(bufferOf(zeros(4)))]);
    expect(two.map((b) => b.byteLength)).toEqual([8, 4]);
    expect(() => withInflateLimit({ chunkBytes: 8, chunks: 1 }, () => [boundedGzipFilter(bufferOf(zeros(8))), boundedGzipFilter(bufferOf(zeros(8)))]))
      .toThrow("more compressed chunks than the dataset's shape holds");
    expect(() => withInflateLimit({ chunkBytes: 8, chunks: 1 }, () => boundedGzipFilter(bufferOf(zeros(9))))).toThrow(/more than the 8 bytes/);
    expect(() => boundedGzipFilter(bufferOf(zeros(8)))).toThrow('outside a bounded dataset read');
  });
});
