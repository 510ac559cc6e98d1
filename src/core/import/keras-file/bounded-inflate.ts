/**
 * HDF5's gzip filter with a bound: jsfive inflates a compressed chunk with no size limit, so a
 * 1 MB file of gzip'd zeros can ask for gigabytes (a decompression bomb). This filter replaces
 * jsfive's (its `Filters` registry, id 1) and inflates at most the bytes the dataset's chunk
 * holds, and at most as many chunks as the dataset has, while a read is allowed
 * (`withInflateLimit`); outside one it refuses.
 */
import { Unzlib } from 'fflate';

/** What one dataset read may inflate: bytes per chunk and the number of chunks. */
export interface InflateLimit { chunkBytes: number; chunks: number }

/** HDF5's filter id of gzip/deflate (H5Z_FILTER_DEFLATE). */
export const GZIP_FILTER_ID = 1;

/** Compressed bytes pushed at a time: one push inflates to at most ~1000× this. */
export const STEP_BYTES = 4096;

let current: { chunkBytes: number; chunksLeft: number } | null = null;

/**
 * Runs `read` (a synchronous jsfive read) with `limit` in force for the bounded gzip filter;
 * the limit is lifted afterwards, also when `read` throws.
 */
export function withInflateLimit<T>(limit: InflateLimit, read: () => T): T {
  const outer = current;
  current = { chunkBytes: limit.chunkBytes, chunksLeft: limit.chunks };
  try {
    return read();
  } finally {
    current = outer;
  }
}

/**
 * Inflates zlib data `input` into at most `maxBytes`; more output throws (it stops after at most
 * one step past the bound, never inflating the rest).
 */
export function inflateAtMost(input: Uint8Array, maxBytes: number): Uint8Array {
  const out = new Uint8Array(maxBytes);
  let length = 0;
  let pushed = 0;
  const stream = new Unzlib((data) => {
    if (length + data.length > maxBytes) {
      throw new Error(`a gzip'd chunk inflates to more than the ${maxBytes} bytes its chunk holds (stopped after ${pushed} of its ${input.length} compressed bytes)`);
    }
    out.set(data, length);
    length += data.length;
  });
  if (input.length === 0) throw new Error('an empty gzip\'d chunk');
  for (let at = 0; at < input.length; at += STEP_BYTES) {
    pushed = Math.min(at + STEP_BYTES, input.length);
    stream.push(input.subarray(at, pushed), pushed === input.length);
  }
  return out.subarray(0, length);
}

/** The filter jsfive calls per compressed chunk: (ArrayBuffer) → ArrayBuffer, bounded by the current limit. */
export function boundedGzipFilter(buffer: ArrayBuffer): ArrayBuffer {
  if (current === null) throw new Error('gzip\'d data read outside a bounded dataset read');
  if (current.chunksLeft <= 0) throw new Error('more compressed chunks than the dataset\'s shape holds');
  current.chunksLeft--;
  const out = inflateAtMost(new Uint8Array(buffer), current.chunkBytes);
  return out.byteLength === out.buffer.byteLength ? out.buffer as ArrayBuffer : out.slice().buffer;
}
