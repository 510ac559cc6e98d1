/** importModel: parse a model.json, decode its weights files, keep the weights in the worker. */
import { parseModelJson } from '../core/import/model-json';
import { ok, type Result } from '../core/result';
import { decodeWeights, orderWeightFiles } from '../tf/weights-io';
import type { ImportedModel, WeightFile } from './api';
import { rememberImportedWeights } from './weight-store';

/**
 * Parses `modelJson`; a broken file is an error value. Weights that are missing or unreadable
 * are not: the topology still loads (with a warning) and compression falls back to random weights.
 */
export function importModelJson(modelJson: unknown, weightFiles: WeightFile[]): Result<ImportedModel> {
  const parsed = parseModelJson(modelJson);
  if (!parsed.ok) return parsed;
  const { graph, weightsManifest } = parsed.value;
  const warnings = [...parsed.value.warnings];
  rememberImportedWeights(null);
  if (weightsManifest === null || weightsManifest.length === 0) {
    return ok({ graph, warnings, hasWeights: false });
  }
  if (weightFiles.length === 0) {
    warnings.push('No weights files were given with model.json: the compression lab uses seeded random weights.');
    return ok({ graph, warnings, hasWeights: false });
  }
  const ordered = orderWeightFiles(weightsManifest, weightFiles);
  const decoded = ordered.ok ? decodeWeights(weightsManifest, ordered.value) : ordered;
  if (!decoded.ok) {
    warnings.push(`${decoded.error.message} The compression lab uses seeded random weights.`);
    return ok({ graph, warnings, hasWeights: false });
  }
  rememberImportedWeights(decoded.value);
  return ok({ graph, warnings, hasWeights: true });
}
