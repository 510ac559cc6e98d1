/**
 * The scaffolding of the CLI commands that run a model on the checkout's digits (evaluate,
 * sensitivity, recipe, train): the model and the digits laid out for it, a callback, and both
 * disposed however the callback ends. A problem reading either is one line on stderr, exit 2.
 * Picking the backend stays with each command: they differ in purpose and in order.
 */
import type * as tf from '@tensorflow/tfjs';
import type { ModelGraph } from '../core/model';
import { disposeDigitsTensors, type DigitsTensors } from '../tf/digits-data';
import { readModelFiles } from '../tf/model-files';
import { type CliIo, reportProblem } from './cli-io';
import { appDigitsFor } from './distill-inputs';

/** What a command does with the model and the digits; returns the exit code. */
export type DigitsModelUse = (model: tf.LayersModel, data: DigitsTensors) => Promise<number>;

/**
 * Owns `model`: lays the checkout's digits out for `graph`, runs `use`, then disposes the digits
 * and the model. Digits that cannot be read or do not fit the model are reported (exit 2).
 */
export async function withDigitsFor(io: CliIo, { graph, model }: { graph: ModelGraph; model: tf.LayersModel }, use: DigitsModelUse): Promise<number> {
  try {
    const data = await appDigitsFor(graph);
    if (!data.ok) return reportProblem(io, data.error.message);
    try {
      return await use(model, data.value);
    } finally {
      disposeDigitsTensors(data.value);
    }
  } finally {
    model.dispose();
  }
}

/**
 * Reads the trained model at `path` (a model.json or a folder holding one), then as
 * withDigitsFor. An unreadable model, or one without weights, is reported (exit 2).
 */
export async function withDigitsModel(io: CliIo, path: string, use: DigitsModelUse): Promise<number> {
  const loaded = await readModelFiles(path);
  if (!loaded.ok) return reportProblem(io, loaded.error.message);
  return withDigitsFor(io, loaded.value, use);
}
