/**
 * A small read-only view of an HDF5 file (groups, attributes, float datasets) over jsfive, a
 * pure-JS HDF5 reader (no eval, no WebAssembly). jsfive is loaded only when an HDF5 file is
 * opened (a dynamic import), never on the page's first paint.
 */
import { fail, ok, type Result } from '../../result';

/** The 8-byte HDF5 signature "\x89HDF\r\n\x1a\n" (at offset 0 when the file has no user block). */
const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** True when `bytes` start with the HDF5 signature. */
export function isHdf5(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && HDF5_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** A float dataset read as float32 (float64 values are rounded, float16 widened), or why not. */
export type FloatRead = { ok: true; shape: number[]; data: Float32Array } | { ok: false; message: string };

export interface Hdf5Reader {
  /** Names of the members of the group at `path` ('' or '/' = root), or null when no group is there. */
  children(path: string): string[] | null;
  /** The attributes of the group or dataset at `path`, or null when nothing is there. */
  attributes(path: string): Record<string, unknown> | null;
  /** True when a dataset is at `path`. */
  isDataset(path: string): boolean;
  /** The float32 values (row-major) and shape of the dataset at `path`. */
  floats(path: string): FloatRead;
}

type Jsfive = typeof import('jsfive');
type Node = InstanceType<Jsfive['Group']> | InstanceType<Jsfive['Dataset']>;

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
    floats(path) {
      const n = at(path);
      if (!(n instanceof lib.Dataset)) return { ok: false, message: `no dataset at '${path}'` };
      try {
        const { dtype, shape } = n;
        if (typeof dtype !== 'string' || !/^[<>=|]?f(2|4|8)$/.test(dtype)) {
          return { ok: false, message: `Expected float16, float32 or float64 values, but got the HDF5 type ${JSON.stringify(dtype)}` };
        }
        const values = n.value as ArrayLike<number>;
        const size = shape.reduce((a, b) => a * b, 1);
        if (values.length !== size) return { ok: false, message: `Expected ${size} values for shape [${shape.join(', ')}], but read ${values.length}` };
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
