/**
 * What every digits job does first: check that the digits fit the graph (the core's sentence
 * when not), load the digits (once per worker), pick the backend for the purpose, build the
 * model and give it the weights the worker holds for it (trained, imported or a trained preset),
 * and upload the digits laid out as the model wants them. `dispose` frees all of it.
 */
import * as tf from '@tensorflow/tfjs';
import { analyzeModel } from '../core/analyze';
import { digitsFit, type PixelScale } from '../core/digits/fit';
import type { ModelGraph } from '../core/model';
import { fail, ok, type FlopLabError, type Result } from '../core/result';
import { selectBackend, type BackendPurpose } from '../tf/backend';
import { buildTfModel } from '../tf/build-model';
import { digitsTensors, disposeDigitsTensors, type DigitsTensors } from '../tf/digits-data';
import { namedWeightsOf, setNamedWeights } from '../tf/export-model';
import { loadDigits } from './digits-source';
import { refuseReason } from './run-limits';
import { WASM_URLS } from './wasm-urls';
import { importedWeightsFor } from './weight-store';

export interface DigitsModel {
  model: tf.LayersModel;
  data: DigitsTensors;
  backend: string;
  /** Whether the model got the worker's weights for this graph, or seeded random ones. */
  weights: 'held' | 'random';
  dispose(): void;
}

export interface DigitsModelOptions {
  purpose: BackendPurpose;
  /** Seed of the random weights when the worker holds none (or `fromScratch`). */
  seed: number;
  pixelScale?: PixelScale;
  /** Ignore the held weights. */
  fromScratch?: boolean;
}

/** True when the worker holds weights matching every tensor of `graph` (names and shapes). */
export function holdsWeightsFor(model: tf.LayersModel): boolean {
  return importedWeightsFor(model.weights.map((w) => ({ name: w.originalName, shape: w.shape as number[] }))) !== null;
}

/**
 * Prepares a digits job. Expected failures (the digits do not fit, the digits file cannot be
 * read, the model is too big for a tab, the graph cannot be built) are error values.
 */
export async function prepareDigitsModel(graph: ModelGraph, options: DigitsModelOptions): Promise<Result<DigitsModel>> {
  const fit = digitsFit(graph);
  if (!fit.ok) return fit;
  const report = analyzeModel(graph);
  if (!report.ok) return fail(report.errors[0]);
  const tooBig = refuseReason(report.report);
  if (tooBig !== null) return fail({ code: 'invalid-value', message: tooBig });
  const digits = await loadDigits();
  if (!digits.ok) return digits;
  const backend = await selectBackend(options.purpose, { graph, wasmUrls: WASM_URLS });
  const built = buildTfModel(graph, { seed: options.seed });
  if (!built.ok) return built;
  const model = built.value;
  const wanted = model.weights.map((w) => ({ name: w.originalName, shape: w.shape as number[] }));
  const held = options.fromScratch ? null : importedWeightsFor(wanted);
  if (held) setNamedWeights(model, held);
  const data = digitsTensors(digits.value, fit.value, options.pixelScale ?? 'unit');
  return ok({
    model, data, backend, weights: held ? 'held' : 'random',
    dispose() {
      model.dispose();
      disposeDigitsTensors(data);
    },
  });
}

/** The model's weights as plain arrays, to keep in the worker after training. */
export function weightsToKeep(model: tf.LayersModel) {
  return namedWeightsOf(model);
}

export const failedJob = (error: FlopLabError) => ({ status: 'failed' as const, cancelled: false as const, error });
