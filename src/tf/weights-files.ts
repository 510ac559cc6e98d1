/**
 * Node only (the CLI): reads the weights files a model.json's weightsManifest names, from the
 * model's folder and nowhere else. A manifest is untrusted input: `"paths": ["../../../../dev/zero"]`
 * must not read a device forever, `/proc/self/environ` or `../etc/passwd` must not be read at all.
 * So every path must
 *   - be relative and stay inside the model's folder once resolved (no `..` escape),
 *   - still be inside it after following symlinks (realpath), and
 *   - name a regular file (a FIFO, a device or a folder is refused; opened O_NONBLOCK, so a FIFO
 *     without a writer cannot block the open), and
 * no more bytes are read than the manifest declares (shape × dtype bytes, summed per group):
 * a bigger file is an error, found from its size before reading, and the read itself is bounded.
 */
import { constants } from 'node:fs';
import { open, readFile, realpath, type FileHandle } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fail, ok, type Result } from '../core/result';
import { weightsManifestSchema, type NamedWeight, type WeightsManifestGroup } from '../core/import/weights-manifest';
import { decodeWeights, groupByteLength } from './weights-io';

const readError = (message: string) => fail({ code: 'parse-error', message });

/** Whether `path` (already resolved, absolute) is `dir` itself or below it. */
function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * The real path of manifest path `file` under `dir` (itself a real path), or why it may not be
 * read. `label` names the model.json in messages.
 */
async function safePath(dir: string, file: string, label: string): Promise<Result<string>> {
  const named = `Weights file '${file}' listed in ${label}`;
  if (file.includes('\0')) return readError(`${named}: Expected a file name, but got a path with a NUL character.`);
  if (isAbsolute(file) || /^[a-zA-Z]:[\\/]/.test(file) || file.startsWith('\\')) {
    return readError(`${named}: Expected a path relative to the model's folder, but got an absolute path.`);
  }
  const joined = resolve(dir, file);
  if (!isInside(dir, joined)) return readError(`${named}: Expected a path inside the model's folder, but it leads outside it.`);
  let real: string;
  try {
    real = await realpath(joined);
  } catch (e) {
    const code = (e as { code?: string }).code;
    return readError(`${named} ${code === 'ENOENT' ? 'was not found' : `could not be read (${code ?? 'unknown error'})`} at ${joined}.`);
  }
  if (!isInside(dir, real)) return readError(`${named}: Expected a file inside the model's folder, but it is a link to ${real}.`);
  return ok(real);
}

/**
 * Reads a regular file of at most `maxBytes` bytes: opened without following a last-moment
 * symlink and without blocking, checked with fstat on the open handle, then read with reads
 * bounded by the size checked.
 */
async function readBounded(real: string, maxBytes: number, named: string): Promise<Result<Uint8Array>> {
  let handle;
  try {
    handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (e) {
    return readError(`${named} could not be opened (${(e as { code?: string }).code ?? 'unknown error'}).`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return readError(`${named}: Expected a regular file, but got ${kindOf(stat)}.`);
    if (stat.size > maxBytes) {
      return readError(`${named}: Expected at most ${maxBytes} bytes (what the manifest's weights declare), but the file holds ${stat.size}.`);
    }
    return ok(await readOpenFile(handle, stat.size));
  } finally {
    await handle.close();
  }
}

function kindOf(stat: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'something else';
}

/** The manifest of a model.json on disk (when the caller has not parsed it already). */
async function manifestOf(modelJsonPath: string): Promise<Result<WeightsManifestGroup[]>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(modelJsonPath, 'utf8'));
  } catch (e) {
    return readError(`Cannot read ${modelJsonPath}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = weightsManifestSchema.safeParse((json as { weightsManifest?: unknown } | null)?.weightsManifest);
  if (!parsed.success) return readError(`${modelJsonPath}: Expected a weightsManifest listing the weights files.`);
  return ok(parsed.data);
}

/**
 * Reads the weights files that `manifest` (default: the manifest in the model.json itself)
 * lists, from the folder of `modelJsonPath`, under the rules in the file comment, and decodes
 * them. Every refusal is an error value naming the path.
 */
export async function readWeightsFromDir(modelJsonPath: string, manifest?: WeightsManifestGroup[]): Promise<Result<NamedWeight[]>> {
  const groups = manifest ? ok(manifest) : await manifestOf(modelJsonPath);
  if (!groups.ok) return groups;
  const label = basename(modelJsonPath);
  let dir: string;
  try {
    dir = await realpath(dirname(resolve(modelJsonPath)));
  } catch {
    return readError(`Cannot read the folder of ${modelJsonPath}.`);
  }
  const buffers: ArrayBuffer[] = [];
  for (const group of groups.value) {
    const declared = groupByteLength(group);
    if (!declared.ok) return declared;
    let left = declared.value;
    for (const file of group.paths) {
      const real = await safePath(dir, file, label);
      if (!real.ok) return real;
      const data = await readBounded(real.value, left, `Weights file '${file}' listed in ${label}`);
      if (!data.ok) return data;
      left -= data.value.byteLength;
      buffers.push(data.value.buffer.slice(data.value.byteOffset, data.value.byteOffset + data.value.byteLength) as ArrayBuffer);
    }
  }
  return decodeWeights(groups.value, buffers);
}

/**
 * The first `sizeBytes` bytes of an open file (its size from a stat just before), or fewer if
 * it shrank meanwhile: one read() may return less than asked, so read until full or at the end.
 */
export async function readOpenFile(handle: FileHandle, sizeBytes: number): Promise<Uint8Array> {
  const out = new Uint8Array(sizeBytes);
  let filled = 0;
  while (filled < out.byteLength) {
    const { bytesRead } = await handle.read(out, filled, out.byteLength - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === out.byteLength ? out : out.subarray(0, filled);
}
