import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipBytes } from '../core/compress/gzip-size';
import { seededNormal } from '../core/compress/rng';
import { gzipParallel, gzipSizeParallel } from './node-gzip';

/** 3 MiB of float32 k-means-like data: 16 distinct values (what compress writes after --kmeans 16). */
function sharedValues(bytes: number): Uint8Array {
  const normal = seededNormal(3);
  const centroids = Array.from({ length: 16 }, () => normal());
  const floats = Float32Array.from({ length: bytes / 4 }, () => centroids[Math.floor(Math.abs(normal()) * 5) % 16]);
  return new Uint8Array(floats.buffer);
}

describe('gzip sizes in parallel blocks (pigz style)', () => {
  it('builds one valid gzip file: gunzip gives the data back, and its size is what gzipSizeParallel says', async () => {
    for (const data of [sharedValues(3 * (1 << 20) + 12), new Uint8Array(0), Uint8Array.of(1, 2, 3)]) {
      const file = await gzipParallel(data, 1 << 20);
      expect(Buffer.from(gunzipSync(file)).equals(Buffer.from(data))).toBe(true);
      expect(await gzipSizeParallel(data)).toBe(file.byteLength);
    }
  });

  it('is within 0.1% of single-threaded gzip at the same level on a multi-block file', async () => {
    const data = sharedValues(3 * (1 << 20));
    const single = gzipSync(data, { level: 6 }).byteLength;
    const parallel = await gzipSizeParallel(data);
    expect(Math.abs(parallel - single) / single).toBeLessThan(0.001);
  });

  it('core sums the injected size over files', async () => {
    // Hand-made sizes: a fake gzip that says 10 bytes per input byte.
    expect(await gzipBytes([new Uint8Array(3), new Uint8Array(4)], (d) => 10 * d.byteLength)).toBe(70);
    expect(await gzipBytes([new Uint8Array(2)], async (d) => d.byteLength + 1)).toBe(3);
  });
});
