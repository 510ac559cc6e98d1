/**
 * Text ↔ deflate ↔ base64url, the byte layer of share links and saved work. Unpacking refuses
 * malformed base64, malformed deflate data and output past a size cap (zip bombs): every
 * failure is a value with a message, never an exception.
 */
import { deflateSync, Inflate } from 'fflate';
import { fail, ok, type Result } from '../core/result';

/** Largest inflated text accepted (1 MB): far above any real model, far below harm. */
export const MAX_INFLATED_BYTES = 1024 * 1024;
/** Feed the inflater this much at a time, so one step can expand to at most ~1 MB. */
const INFLATE_CHUNK_BYTES = 1024;

/** deflate(UTF-8 text) as base64url without padding. */
export function packText(text: string): string {
  const bytes = deflateSync(new TextEncoder().encode(text), { level: 9 });
  return toBase64Url(bytes);
}

/** The text packed by `packText`, or why it cannot be read. */
export function unpackText(packed: string, maxBytes = MAX_INFLATED_BYTES): Result<string> {
  const bytes = fromBase64Url(packed);
  if (!bytes.ok) return bytes;
  const inflated = inflateCapped(bytes.value, maxBytes);
  if (!inflated.ok) return inflated;
  try {
    return ok(new TextDecoder('utf-8', { fatal: true }).decode(inflated.value));
  } catch {
    return packError('the data is not UTF-8 text');
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Result<Uint8Array> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return packError('it contains characters that base64url does not use');
  if (text.length % 4 === 1) return packError('its base64url text has an impossible length');
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return ok(bytes);
  } catch {
    return packError('its base64url text cannot be decoded');
  }
}

function inflateCapped(data: Uint8Array, maxBytes: number): Result<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let finished = false;
  let tooBig = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > maxBytes) {
      tooBig = true;
      return;
    }
    chunks.push(chunk);
    if (final) finished = true;
  });
  try {
    for (let at = 0; at < data.length && !tooBig; at += INFLATE_CHUNK_BYTES) {
      const end = Math.min(at + INFLATE_CHUNK_BYTES, data.length);
      inflater.push(data.subarray(at, end), end === data.length);
    }
  } catch {
    return packError('its compressed data cannot be unpacked');
  }
  if (tooBig) return packError(`it expands to more than ${maxBytes} bytes`);
  if (!finished) return packError('its compressed data is cut short');
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return ok(out);
}

function packError(message: string) {
  return fail({ code: 'parse-error', message });
}
