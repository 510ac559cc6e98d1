/** gzip size of exported files (what a web server would send), via fflate at its default level. */
import { gzipSync } from 'fflate';

/** Sum of the gzip sizes of each file, in bytes. */
export function gzipBytes(files: Uint8Array[]): number {
  return files.reduce((sum, f) => sum + gzipSync(f, { level: 6 }).byteLength, 0);
}
