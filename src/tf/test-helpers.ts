/** Test-only helpers for code that needs a real tfjs model. */
import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Digits } from '../core/digits/format';
import type { ModelGraph } from '../core/model';
import { selectBackend } from './backend';
import { buildTfModel, type BuildOptions } from './build-model';
import { digitsForGraph, readDigitsFile, type DigitsTensors } from './digits-data';
import { trainModel, type TrainRun } from './train';

/** buildTfModel for graphs a test knows to be valid: the model, or a thrown error naming why not. */
export function buildOrThrow(graph: ModelGraph, options?: BuildOptions): tf.LayersModel {
  const built = buildTfModel(graph, options);
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}

/** The checkout's digits file (public/data/digits.bin) decoded, or a thrown error naming why not. */
export async function digitsFileOrThrow(): Promise<Digits> {
  const digits = await readDigitsFile(join(import.meta.dirname, '../../public/data/digits.bin'));
  if (!digits.ok) throw new Error(digits.error.message);
  return digits.value;
}

/** `digits` (the checkout's digits file unless given) laid out for `graph`, or a thrown error naming why not. */
export async function digitsOrThrow(graph: ModelGraph, digits?: Digits): Promise<DigitsTensors> {
  const data = digitsForGraph(graph, digits ?? await digitsFileOrThrow());
  if (!data.ok) throw new Error(data.error.message);
  return data.value;
}

/**
 * A briefly trained model and its digits: picks the backend the CLI trains `graph` on (wasm for
 * dense models, several times faster than cpu here), builds `graph` with `seed` and trains it
 * with `run`; a thrown error names why not. The caller disposes both.
 */
export async function trainedOrThrow(graph: ModelGraph, seed: number, run: TrainRun): Promise<{ data: DigitsTensors; model: tf.LayersModel }> {
  await selectBackend('training', { graph });
  const data = await digitsOrThrow(graph);
  const model = buildOrThrow(graph, { seed });
  const trained = await trainModel(model, data, run);
  if (!trained.ok) throw new Error(trained.error.message);
  return { data, model };
}

/**
 * Call inside a describe: its tests run on the cpu backend, and after each one
 * tf.memory().numTensors must be what it was before it (a leaked tensor fails that test).
 */
export function cpuBackendWithoutLeaks(): void {
  beforeAll(async () => { await tf.setBackend('cpu'); });
  let tensorsBefore = 0;
  beforeEach(() => { tensorsBefore = tf.memory().numTensors; });
  afterEach(() => { expect(tf.memory().numTensors).toBe(tensorsBefore); });
}
