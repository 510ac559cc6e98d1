/**
 * A Keras `.keras` (Keras 3 zip) or `.h5` (legacy HDF5) file imported on the page: its topology
 * through the model.json importer, its weights (tfjs names) kept in the worker for the
 * compression lab, as import-job.ts does for a model.json with its weights files. The HDF5 reader
 * (jsfive) is loaded only now.
 */
import { readKerasFile } from '../core/import/keras-file/read-keras-file';
import { ok, type Result } from '../core/result';
import type { ImportedModel } from './api';
import { rememberImportedWeights } from './weight-store';

/**
 * Reads `bytes` (the file named `fileName`). A file that is not a Keras model, or whose config
 * cannot be read, is an error value and the held weights stay as they were. Weights that do not
 * fit the config are not: the model loads with a warning and the compression lab uses seeded
 * random weights.
 */
export async function importKerasFile(bytes: Uint8Array, fileName: string): Promise<Result<ImportedModel>> {
  const read = await readKerasFile(bytes, fileName);
  if (!read.ok) return read;
  const { graph, weights } = read.value;
  const warnings = [...read.value.warnings];
  if (!weights || !weights.ok || weights.value.length === 0) {
    if (weights && !weights.ok) warnings.push(`${weights.error.message} The compression lab uses seeded random weights.`);
    rememberImportedWeights(null);
    return ok({ graph, warnings, hasWeights: false, source: 'keras' });
  }
  rememberImportedWeights(weights.value);
  return ok({ graph, warnings, hasWeights: true, source: 'keras' });
}
