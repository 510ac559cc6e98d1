/**
 * The digits file (public/data/digits.bin), written by scripts/convert-digits.ts and read by the
 * worker and the CLI. Layout, little-endian:
 *
 *   bytes 0..3   magic 'FLDG'
 *   byte  4      format version (1)
 *   byte  5      pixel encoding: 0 = uint8 grey level 0..255 (lossless for the mnist package,
 *                whose values are round(p / 255, 3): round(v · 255) recovers p exactly)
 *   bytes 6..7   rows (uint16), 8..9 cols (uint16), 10..13 count (uint32), 14..15 reserved (0)
 *   bytes 16..   raw DEFLATE (RFC 1951) of: count labels (uint8 0..9), then count · rows · cols
 *                pixels (uint8, row-major, one image after the other)
 *
 * The payload is deflated by us (fflate) rather than left to HTTP compression, so the file is
 * small as it lies on disk and as any static server sends it.
 */
import { deflateSync, inflateSync } from 'fflate';
import { fail, ok, type Result } from '../result';

export const DIGITS_MAGIC = 'FLDG';
export const DIGITS_FORMAT_VERSION = 1;
export const DIGITS_HEADER_BYTES = 16;
export const DIGITS_CLASSES = 10;

/** Decoded digits: grey levels 0..255 as stored; scaling to 0..1 happens where tensors are made. */
export interface Digits {
  count: number;
  rows: number;
  cols: number;
  /** count labels, each 0..9. */
  labels: Uint8Array;
  /** count · rows · cols grey levels, 0 = background, 255 = ink; image i starts at i · rows · cols. */
  pixels: Uint8Array;
}

const parseError = (message: string) => fail({ code: 'parse-error', message });

/** Encodes digits into the file format above (DEFLATE level 9). */
export function encodeDigits(digits: Digits): Uint8Array {
  const header = new Uint8Array(DIGITS_HEADER_BYTES);
  const view = new DataView(header.buffer);
  for (let i = 0; i < 4; i++) header[i] = DIGITS_MAGIC.charCodeAt(i);
  header[4] = DIGITS_FORMAT_VERSION;
  header[5] = 0;
  view.setUint16(6, digits.rows, true);
  view.setUint16(8, digits.cols, true);
  view.setUint32(10, digits.count, true);
  const payload = new Uint8Array(digits.labels.length + digits.pixels.length);
  payload.set(digits.labels, 0);
  payload.set(digits.pixels, digits.labels.length);
  const packed = deflateSync(payload, { level: 9 });
  const out = new Uint8Array(DIGITS_HEADER_BYTES + packed.length);
  out.set(header, 0);
  out.set(packed, DIGITS_HEADER_BYTES);
  return out;
}

/**
 * Decodes the digits file. A wrong magic, version, encoding, length or label is an error value
 * naming the field ("Expected … but got …"); never throws.
 */
export function decodeDigits(file: Uint8Array): Result<Digits> {
  if (file.length < DIGITS_HEADER_BYTES) {
    return parseError(`Digits file: Expected at least ${DIGITS_HEADER_BYTES} bytes, but got ${file.length}.`);
  }
  const magic = String.fromCharCode(file[0], file[1], file[2], file[3]);
  if (magic !== DIGITS_MAGIC) return parseError(`Digits file: Expected magic '${DIGITS_MAGIC}', but got '${magic}'.`);
  if (file[4] !== DIGITS_FORMAT_VERSION) {
    return parseError(`Digits file: Expected format version ${DIGITS_FORMAT_VERSION}, but got ${file[4]}.`);
  }
  if (file[5] !== 0) return parseError(`Digits file: Expected pixel encoding 0 (uint8), but got ${file[5]}.`);
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const rows = view.getUint16(6, true);
  const cols = view.getUint16(8, true);
  const count = view.getUint32(10, true);
  let payload: Uint8Array;
  try {
    payload = inflateSync(file.subarray(DIGITS_HEADER_BYTES));
  } catch (e) {
    return parseError(`Digits file: Expected a DEFLATE payload, but inflating failed: ${e instanceof Error ? e.message : String(e)}.`);
  }
  const expected = count + count * rows * cols;
  if (payload.length !== expected) {
    return parseError(`Digits file: Expected ${expected} payload bytes for ${count} images of ${rows}×${cols}, but got ${payload.length}.`);
  }
  const labels = payload.slice(0, count);
  const bad = labels.findIndex((l) => l >= DIGITS_CLASSES);
  if (bad >= 0) return parseError(`Digits file: Expected label ${bad} to be 0..9, but got ${labels[bad]}.`);
  return ok({ count, rows, cols, labels, pixels: payload.slice(count) });
}
