/**
 * gzip size of exported files (what a web server would send). Core stays pure: the caller
 * injects the platform's gzip (node:zlib in the CLI, CompressionStream in the browser worker),
 * both native and far faster than a JS deflate on a 17 MB model.
 */

/** The gzip size of one file in bytes, as the platform computes it (sync or async). */
export type GzipSizeFn = (data: Uint8Array) => number | Promise<number>;

/** The compression level every gzip size is reported at (zlib's default, and what the sizes were measured with before). */
export const GZIP_LEVEL = 6;

/** Sum of the gzip sizes of each file, in bytes, with the injected `gzipSize`. */
export async function gzipBytes(files: Uint8Array[], gzipSize: GzipSizeFn): Promise<number> {
  let total = 0;
  for (const f of files) total += await gzipSize(f);
  return total;
}
