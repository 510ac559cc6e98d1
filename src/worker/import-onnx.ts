/**
 * An .onnx file imported on the page: decoded (weights stay views into the file's bytes), mapped
 * onto the engine graph, its weights turned into Keras layout for the compression lab, and the
 * decoded file kept so a compression can be written back as ONNX.
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
  const weights = onnxKerasWeights(model.value, imported.value);
  rememberImportedWeights(weights, { model: model.value, imported: imported.value, fileName, fileBytes: bytes.byteLength });
  return ok({ graph: imported.value.graph, warnings: imported.value.warnings, hasWeights: weights.length > 0, source: 'onnx' });
}
