/** Reading a binary model file (.onnx, .keras, .h5) for the CLI, safely. */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { modelFileSizeProblem } from '../core/model-files';
import { fail, ok, type Result } from '../core/result';
import { readOpenFile } from '../tf/weights-files';

const parseError = (message: string) => fail({ code: 'parse-error', message });

/** The bytes of a regular file (opened without blocking: a FIFO cannot hang the CLI), size-checked first. */
export async function readModelBytes(path: string): Promise<Result<Uint8Array>> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as { code?: string }).code;
    return parseError(`Cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code ?? 'unreadable'}.`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return parseError(`Cannot read ${path}: ${stat.isDirectory() ? 'it is a folder' : 'not a regular file'}.`);
    const tooBig = modelFileSizeProblem(path, stat.size);
    if (tooBig) return parseError(tooBig);
    return ok(await readOpenFile(handle, stat.size));
  } catch (e) {
    return parseError(`Cannot read ${path}: ${e instanceof Error ? e.message : String(e)}.`);
  } finally {
    await handle.close();
  }
}
