/**
 * The CLI's gzip sizes with node:zlib (native) at level 6, the level the sizes have always been
 * reported at (fflate's and a web server's default, and the app's CompressionStream).
 *
 * A 17 MB weights file takes ~0.7 s of one core to gzip at level 6, most of `compress`'s time.
 * So a big file is compressed the way pigz does it: 1 MiB blocks deflated in parallel on zlib's
 * thread pool, each primed with the 32 KiB before it (the deflate window) and ended with a sync
 * flush, the last one finished. The blocks, between a gzip header and trailer, form one valid
 * gzip file (gzipParallel builds it; the tests gunzip it); its size is within a few bytes per
 * block of single-threaded gzip's.
 */
import { constants, crc32, deflateRaw } from 'node:zlib';
import { GZIP_LEVEL, type GzipSizeFn } from '../core/compress/gzip-size';

const BLOCK_BYTES = 1 << 20;
const WINDOW_BYTES = 32 * 1024;
/** gzip's fixed 10-byte header (RFC 1952 §2.3) and 8-byte trailer (CRC-32, length mod 2^32). */
const HEADER_BYTES = 10;
const TRAILER_BYTES = 8;

function deflateBlock(data: Uint8Array, start: number, end: number): Promise<Uint8Array> {
  const last = end >= data.byteLength;
  const options = {
    level: GZIP_LEVEL,
    finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
    ...(start > 0 ? { dictionary: data.subarray(Math.max(0, start - WINDOW_BYTES), start) } : {}),
  };
  return new Promise((resolve, reject) => {
    deflateRaw(data.subarray(start, end), options, (error, out) => (error ? reject(error) : resolve(out)));
  });
}

/** The deflate blocks of `data`, compressed in parallel (see the file comment). */
function deflateBlocks(data: Uint8Array, blockBytes: number): Promise<Uint8Array[]> {
  const starts: number[] = [0];
  for (let s = blockBytes; s < data.byteLength; s += blockBytes) starts.push(s);
  return Promise.all(starts.map((s) => deflateBlock(data, s, Math.min(data.byteLength, s + blockBytes))));
}

/** The gzip file of `data`, built from blocks deflated in parallel. */
export async function gzipParallel(data: Uint8Array, blockBytes = BLOCK_BYTES): Promise<Uint8Array> {
  const blocks = await deflateBlocks(data, blockBytes);
  const header = Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255); // deflate, no name, no time, unknown OS
  const trailer = new Uint8Array(TRAILER_BYTES);
  const view = new DataView(trailer.buffer);
  view.setUint32(0, crc32(data) >>> 0, true);
  view.setUint32(4, data.byteLength >>> 0, true);
  const out = new Uint8Array(HEADER_BYTES + blocks.reduce((n, b) => n + b.byteLength, 0) + TRAILER_BYTES);
  let offset = 0;
  for (const part of [header, ...blocks, trailer]) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/** The byte size of gzipParallel(data), without assembling the file. */
export const gzipSizeParallel: GzipSizeFn = async (data) => {
  const blocks = await deflateBlocks(data, BLOCK_BYTES);
  return HEADER_BYTES + blocks.reduce((n, b) => n + b.byteLength, 0) + TRAILER_BYTES;
};
