/**
 * importModelFile: a binary model file given to "Import model" (.onnx, .keras, .h5), read in the
 * worker. Each format's reader (protobuf, HDF5) is loaded by this module, which itself is loaded
 * only when such a file is given. The held weights change only when the import succeeds: a file
 * that fails to load leaves the model on the page, and its weights, as they were.
 */
import { binaryModelKind } from '../core/model-files';
import { fail, type Result } from '../core/result';
import type { ImportedModel, WeightFile } from './api';

export async function importModelFile(file: WeightFile): Promise<Result<ImportedModel>> {
  const kind = binaryModelKind(file.name);
  const bytes = new Uint8Array(file.data);
  if (kind === 'onnx') {
    const { importOnnxFile } = await import('./import-onnx');
    return importOnnxFile(bytes, file.name);
  }
  if (kind === 'keras' || kind === 'h5') {
    const { importKerasFile } = await import('./import-keras-file');
    return importKerasFile(bytes, file.name);
  }
  return fail({ code: 'parse-error', message: `${file.name}: Expected an .onnx, .keras or .h5 file, but got another kind of file.` });
}
