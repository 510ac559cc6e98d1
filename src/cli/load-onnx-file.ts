/**
 * An ONNX model file for the CLI's `analyze`: read (size-checked, no FIFO), decoded
 * (core/onnx/read-model.ts) and mapped onto the engine graph (core/onnx/import-onnx.ts).
 * Loaded by load-model.ts only for a `.onnx` path, so other models never load protobuf code.
 */
import { basename } from 'node:path';
import { importOnnx } from '../core/onnx/import-onnx';
import { decodeOnnx } from '../core/onnx/read-model';
import { ok, type Result } from '../core/result';
import { readModelBytes } from './read-model-bytes';
import type { LoadedModel } from './load-model';

/** Reads and maps the .onnx at `path`; every failure is one message naming the file, node or field. */
export async function loadOnnxModel(path: string): Promise<Result<LoadedModel>> {
  const bytes = await readModelBytes(path);
  if (!bytes.ok) return bytes;
  const name = basename(path);
  const model = decodeOnnx(bytes.value, name);
  if (!model.ok) return model;
  const imported = importOnnx(model.value, name);
  if (!imported.ok) {
    const { message } = imported.error;
    return { ok: false, error: { ...imported.error, message: message.startsWith(name) ? message : `${name}: ${message}` } };
  }
  const { graph, warnings } = imported.value;
  return ok({ graph, warnings, weightsManifest: null, format: 'onnx', path, modelTopology: null });
}
