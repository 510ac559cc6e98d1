/**
 * An .onnx file imported on the page: decoded (weights stay views into the file's bytes), mapped
 * onto the engine graph, and the decoded file kept so a compression can be written back as ONNX.
 * Its weights are turned into Keras layout only when a job first needs them (weight-store.ts).
 */
import { importOnnx, onnxKerasWeights } from '../core/onnx/import-onnx';
import { decodeOnnx } from '../core/onnx/read-model';
import { ok, type Result } from '../core/result';
import type { ImportedModel } from './api';
import { rememberImportedWeights } from './weight-store';

export function importOnnxFile(bytes: Uint8Array, fileName: string): Result<ImportedModel> {
  const model = decodeOnnx(bytes, fileName);
  if (!model.ok) return model;
  const imported = importOnnx(model.value, fileName);
  if (!imported.ok) return imported;
  const decoded = model.value;
  const mapped = imported.value;
  rememberImportedWeights(() => onnxKerasWeights(decoded, mapped), { model: decoded, imported: mapped, fileName, fileBytes: bytes.byteLength });
  // onnxKerasWeights gives one tensor per source.
  return ok({ graph: mapped.graph, warnings: mapped.warnings, hasWeights: mapped.weights.length > 0, source: 'onnx' });
}
