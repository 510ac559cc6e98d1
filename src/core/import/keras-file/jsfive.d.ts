/** The part of jsfive's API (a pure-JS HDF5 reader, no eval) that FlopLab uses. */
declare module 'jsfive' {
  export class Group {
    readonly name: string;
    readonly keys: string[];
    readonly attrs: Record<string, unknown>;
    /** The group or dataset at `path` (relative, or absolute with a leading '/'); throws a string when absent. */
    get(path: string): Group | Dataset | null;
  }
  export class File extends Group {
    constructor(buffer: ArrayBuffer, filename?: string);
  }
  export class Dataset {
    readonly name: string;
    readonly shape: number[];
    /** numpy-style, e.g. '<f4', '<f8', '|S12', or an array for compound/vlen types. */
    readonly dtype: string | unknown[];
    readonly attrs: Record<string, unknown>;
    /** The values, flattened in row-major order (a plain array of numbers for numeric types). */
    readonly value: ArrayLike<number> | unknown[];
  }
  /** Decompression filters by HDF5 filter id (1 gzip, 2 shuffle, 3 fletcher32): (chunk, itemsize) → chunk. */
  export const Filters: Map<number, (buffer: ArrayBuffer, itemsize: number, clientData?: unknown) => ArrayBuffer>;
}
