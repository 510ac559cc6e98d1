/**
 * Reads TensorFlow.js weights files: the binary layout of a model.json's weightsManifest
 * (tfjs-core src/io/io_utils.ts decodeWeights), decoded to Float32Array without creating
 * tensors. Within a group, the files in `paths` are concatenated and the weights follow each
 * other in manifest order, little-endian. Quantized entries are dequantized:
 * value = q · scale + min for uint8/uint16, IEEE 754 half precision for float16.
 */
import { float16BitsToFloat32 } from '../core/compress/float16';
import { fail, ok, type Result } from '../core/result';
import {
  type NamedWeight, type WeightsManifestEntry, type WeightsManifestGroup,
} from '../core/import/weights-manifest';
import { elementCount } from '../core/shapes/tensor-shapes';

export type { NamedWeight } from '../core/import/weights-manifest';

const BYTES_PER_VALUE: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

const readError = (message: string) => fail({ code: 'parse-error', message });

/** Decodes one entry from its exact bytes (a copy, so typed-array views are aligned). */
function decodeEntry(entry: WeightsManifestEntry, bytes: ArrayBuffer): Result<Float32Array> {
  const q = entry.quantization;
  if (q) {
    if (entry.dtype !== 'float32' && entry.dtype !== 'int32') {
      return readError(`Weight '${entry.name}': Expected a quantized weight of dtype float32 or int32, but got ${entry.dtype}.`);
    }
    if (q.dtype === 'float16') {
      const halves = new Uint16Array(bytes);
      const out = new Float32Array(halves.length);
      for (let i = 0; i < halves.length; i++) out[i] = float16BitsToFloat32(halves[i]);
      return ok(out);
    }
    if (q.scale === undefined || q.min === undefined) {
      return readError(`Weight '${entry.name}': Expected quantization scale and min for ${q.dtype}, but got none.`);
    }
    const codes = q.dtype === 'uint8' ? new Uint8Array(bytes) : new Uint16Array(bytes);
    const out = new Float32Array(codes.length);
    const round = entry.dtype === 'int32';
    for (let i = 0; i < codes.length; i++) {
      const value = codes[i] * q.scale + q.min;
      out[i] = round ? Math.round(value) : value;
    }
    return ok(out);
  }
  switch (entry.dtype) {
    case 'float32': return ok(new Float32Array(bytes));
    case 'int32': return ok(Float32Array.from(new Int32Array(bytes)));
    case 'bool': return ok(Float32Array.from(new Uint8Array(bytes)));
    default: return readError(`Weight '${entry.name}': dtype ${entry.dtype} is not supported.`);
  }
}

function bytesOf(entry: WeightsManifestEntry): number | null {
  const per = BYTES_PER_VALUE[entry.quantization?.dtype ?? entry.dtype];
  return per === undefined ? null : elementCount(entry.shape) * per;
}

/**
 * The bytes a manifest group's files must hold together: shape × bytes per value of each
 * weight, summed (what a reader may read at most). An unsupported dtype or a size past 2^53 is
 * an error naming the weight.
 */
export function groupByteLength(group: WeightsManifestGroup): Result<number> {
  let total = 0;
  for (const entry of group.weights) {
    const size = bytesOf(entry);
    if (size === null) return readError(`Weight '${entry.name}': dtype ${entry.dtype} is not supported.`);
    total += size;
    if (!Number.isSafeInteger(total)) return readError(`Weight '${entry.name}': Expected a shape whose bytes can be counted, but got [${entry.shape.join(', ')}].`);
  }
  return ok(total);
}

/** The bytes of `parts` one after the other (a new buffer, or the only part itself). */
export function concatBytes(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]; // one file per group is the common case: no 17 MB copy
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

function decodeGroup(group: WeightsManifestGroup, buffers: ArrayBuffer[], out: NamedWeight[]): Result<true> {
  const bytes = concatBytes(buffers.map((b) => new Uint8Array(b)));
  const files = group.paths.map((p) => `'${p}'`).join(', ');
  let offset = 0;
  for (const entry of group.weights) {
    const size = bytesOf(entry);
    if (size === null) return readError(`Weight '${entry.name}': dtype ${entry.dtype} is not supported.`);
    if (offset + size > bytes.byteLength) {
      return readError(`Weights file ${files}: Expected at least ${offset + size} bytes to read weight '${entry.name}', but got ${bytes.byteLength}.`);
    }
    const decoded = decodeEntry(entry, bytes.slice(offset, offset + size).buffer);
    if (!decoded.ok) return decoded;
    offset += size;
    // Optimizer state is stored beside the model's weights but is not part of the model.
    if (entry.group !== 'optimizer') out.push({ name: entry.name, shape: [...entry.shape], data: decoded.value });
  }
  if (offset !== bytes.byteLength) {
    return readError(`Weights file ${files}: Expected ${offset} bytes for the weights the manifest lists, but got ${bytes.byteLength}.`);
  }
  return ok(true);
}

/**
 * Decodes every weight of a manifest. `buffers` holds the contents of the files the manifest
 * names, in order (all paths of group 0, then group 1, …). Returns float32 values (int32 and
 * bool converted, quantized values dequantized). A missing file or a wrong byte length is an
 * error value naming the file.
 */
export function decodeWeights(manifest: WeightsManifestGroup[], buffers: ArrayBuffer[]): Result<NamedWeight[]> {
  const expected = manifest.reduce((sum, g) => sum + g.paths.length, 0);
  if (buffers.length !== expected) {
    return readError(`Expected ${expected} weights files (${manifest.flatMap((g) => g.paths).join(', ')}), but got ${buffers.length}.`);
  }
  const out: NamedWeight[] = [];
  let next = 0;
  for (const group of manifest) {
    const decoded = decodeGroup(group, buffers.slice(next, next + group.paths.length), out);
    if (!decoded.ok) return decoded;
    next += group.paths.length;
  }
  return ok(out);
}

const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/**
 * Puts uploaded files in manifest order, matching each manifest path to a file of the same
 * base name (browsers give file names, not paths). A missing file is an error naming it.
 */
export function orderWeightFiles(
  manifest: WeightsManifestGroup[], files: { name: string; data: ArrayBuffer }[],
): Result<ArrayBuffer[]> {
  const byName = new Map(files.map((f) => [baseName(f.name), f.data]));
  const buffers: ArrayBuffer[] = [];
  for (const path of manifest.flatMap((g) => g.paths)) {
    const data = byName.get(baseName(path));
    if (!data) return readError(`Weights file '${baseName(path)}' (listed in model.json's weightsManifest) is missing.`);
    buffers.push(data);
  }
  return ok(buffers);
}
