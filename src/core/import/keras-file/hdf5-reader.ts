/**
 * A small read-only view of an HDF5 file (groups, attributes, float datasets) over jsfive, a
 * pure-JS HDF5 reader (no eval, no WebAssembly). jsfive is loaded only when an HDF5 file is
 * opened (a dynamic import), never on the page's first paint. A dataset's shape and type are
 * read from its header first (`describe`); its values only up to a bound given by the caller,
 * and gzip'd chunks inflate at most to their declared size (bounded-inflate.ts).
 */
import { fail, ok, type Result } from '../../result';
import { boundedGzipFilter, GZIP_FILTER_ID, withInflateLimit, type InflateLimit } from './bounded-inflate';

/** The 8-byte HDF5 signature "\x89HDF\r\n\x1a\n" (at offset 0 when the file has no user block). */
const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** True when `bytes` start with the HDF5 signature. */
export function isHdf5(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && HDF5_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** A float dataset read as float32 (float64 values are rounded, float16 widened), or why not. */
export type FloatRead = { ok: true; shape: number[]; data: Float32Array } | { ok: false; message: string };

/** A float dataset's declared shape, from its header (no values read), or why it is not one. */
export type FloatInfo = { ok: true; shape: number[] } | { ok: false; message: string };

export interface Hdf5Reader {
  /** Names of the members of the group at `path` ('' or '/' = root), or null when no group is there. */
  children(path: string): string[] | null;
  /** The attributes of the group or dataset at `path`, or null when nothing is there. */
  attributes(path: string): Record<string, unknown> | null;
  /** True when a dataset is at `path`. */
  isDataset(path: string): boolean;
  /** The declared shape of the float dataset at `path`, read from its header: no values are read. */
  describe(path: string): FloatInfo;
  /**
   * The float32 values (row-major) and shape of the dataset at `path`. A dataset whose shape
   * holds more than `maxElements` values is refused before anything is read or inflated.
   */
  floats(path: string, maxElements: number): FloatRead;
}

type Jsfive = typeof import('jsfive');
type Node = InstanceType<Jsfive['Group']> | InstanceType<Jsfive['Dataset']>;
type Dataset = InstanceType<Jsfive['Dataset']>;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A fixed-length HDF5 string as jsfive returns it keeps its NUL padding: strip it. */
export function cleanString(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/\0+$/, '') : value;
}

function cleanAttributes(attrs: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attrs)) out[k] = Array.isArray(v) ? v.map(cleanString) : cleanString(v);
  return out;
}

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;
const elementCount = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** The declared shape and item size of a float dataset (header only), or why it is not float. */
function floatInfo(n: Dataset): { ok: true; shape: number[]; itemBytes: number } | { ok: false; message: string } {
  try {
    const { dtype, shape } = n;
    const match = typeof dtype === 'string' ? /^[<>=|]?f(2|4|8)$/.exec(dtype) : null;
    if (!match) return { ok: false, message: `Expected float16, float32 or float64 values, but got the HDF5 type ${JSON.stringify(dtype)}` };
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      return { ok: false, message: `Expected a shape of whole sizes, but the header says ${JSON.stringify(shape)}` };
    }
    return { ok: true, shape: [...shape], itemBytes: Number(match[1]) };
  } catch (e) {
    return { ok: false, message: `unreadable dataset header (${message(e)})` };
  }
}

/** Largest chunk (in values) of a dataset smaller than it: h5py's chunks for a small resizable dataset. */
const SMALL_CHUNK_VALUES = 1024 * 1024;

/**
 * What reading `n` may inflate: a chunked dataset's chunk in bytes (a chunk holds at most the
 * dataset's values, or SMALL_CHUNK_VALUES) and its number of chunks; a contiguous one, nothing.
 */
function inflateLimit(n: Dataset, shape: number[], itemBytes: number): { ok: true; value: InflateLimit } | { ok: false; message: string } {
  // jsfive keeps the chunk shape on its private data object (read from the layout message).
  const chunks = (n as unknown as { _dataobjects?: { chunks?: unknown } })._dataobjects?.chunks;
  if (chunks === null || chunks === undefined) return { ok: true, value: { chunkBytes: 0, chunks: 0 } };
  const sides = Array.from(chunks as ArrayLike<unknown>);
  const whole = sides.length === shape.length && sides.every((c) => Number.isSafeInteger(c) && (c as number) >= 1);
  const values = whole ? elementCount(sides as number[]) : Infinity;
  if (values > Math.max(elementCount(shape), SMALL_CHUNK_VALUES)) {
    return { ok: false, message: `Expected chunks of at most the dataset's ${elementCount(shape)} values, but the header says chunks of ${JSON.stringify(sides)} (not read)` };
  }
  const count = shape.reduce((a, d, i) => a * Math.ceil(d / (sides[i] as number)), 1);
  return { ok: true, value: { chunkBytes: values * itemBytes, chunks: count } };
}

function reader(lib: Jsfive, file: InstanceType<Jsfive['File']>): Hdf5Reader {
  const at = (path: string): Node | null => {
    const p = path.replace(/^\/+|\/+$/g, '');
    if (p === '') return file;
    try {
      return file.get(p);
    } catch { // jsfive throws a string when a path is absent, and errors on damaged bytes
      return null;
    }
  };
  const isGroup = (n: Node | null): n is InstanceType<Jsfive['Group']> => n instanceof lib.Group;
  return {
    children(path) {
      const n = at(path);
      try {
        return isGroup(n) ? n.keys : null;
      } catch {
        return null; // a damaged group's links
      }
    },
    attributes(path) {
      const n = at(path);
      if (n === null) return null;
      try {
        return cleanAttributes(n.attrs);
      } catch (e) {
        return { __error__: message(e) };
      }
    },
    isDataset(path) {
      try {
        return at(path) instanceof lib.Dataset;
      } catch {
        return false;
      }
    },
    describe(path) {
      const n = at(path);
      if (!(n instanceof lib.Dataset)) return { ok: false, message: `no dataset at '${path}'` };
      const info = floatInfo(n);
      return info.ok ? { ok: true, shape: info.shape } : info;
    },
    floats(path, maxElements) {
      const n = at(path);
      if (!(n instanceof lib.Dataset)) return { ok: false, message: `no dataset at '${path}'` };
      const info = floatInfo(n);
      if (!info.ok) return info;
      const { shape, itemBytes } = info;
      const size = elementCount(shape);
      if (size > maxElements) return { ok: false, message: `Expected at most ${maxElements} values, but its shape ${shapeText(shape)} holds ${size} (not read)` };
      try {
        const limit = inflateLimit(n, shape, itemBytes);
        if (!limit.ok) return limit;
        const values = withInflateLimit(limit.value, () => n.value as ArrayLike<number>);
        if (values.length !== size) return { ok: false, message: `Expected ${size} values for shape ${shapeText(shape)}, but read ${values.length}` };
        return { ok: true, shape: [...shape], data: Float32Array.from(values) };
      } catch (e) {
        return { ok: false, message: `unreadable dataset (${message(e)})` };
      }
    },
  };
}

/**
 * Opens HDF5 bytes (loading jsfive now). `label` names the file in messages. Bytes that are not
 * HDF5, or an HDF5 layout jsfive cannot read, are one clear error value.
 */
export async function openHdf5(bytes: Uint8Array, label: string): Promise<Result<Hdf5Reader>> {
  if (!isHdf5(bytes)) {
    return fail({ code: 'parse-error', message: `${label} is not an HDF5 file: Expected it to start with the HDF5 signature (\\x89HDF), but it does not.` });
  }
  const lib = await import('jsfive');
  // jsfive's own gzip filter inflates without a bound: read compressed chunks with ours.
  lib.Filters.set(GZIP_FILTER_ID, boundedGzipFilter);
  // jsfive reads an ArrayBuffer from offset 0: give it exactly these bytes.
  const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes.buffer as ArrayBuffer
    : bytes.slice().buffer;
  try {
    return ok(reader(lib, new lib.File(buffer, label)));
  } catch (e) {
    return fail({ code: 'parse-error', message: `${label}: cannot read this HDF5 file (${message(e)}).` });
  }
}
