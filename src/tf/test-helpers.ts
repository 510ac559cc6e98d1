/** Test-only helpers for code that needs a real tfjs model. */
import type * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import type { ModelGraph } from '../core/model';
import { buildTfModel, type BuildOptions } from './build-model';
import { digitsForGraph, readDigitsFile, type DigitsTensors } from './digits-data';

/** buildTfModel for graphs a test knows to be valid: the model, or a thrown error naming why not. */
export function buildOrThrow(graph: ModelGraph, options?: BuildOptions): tf.LayersModel {
  const built = buildTfModel(graph, options);
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}

/** The checkout's digits (public/data/digits.bin) laid out for `graph`, or a thrown error naming why not. */
export async function digitsOrThrow(graph: ModelGraph): Promise<DigitsTensors> {
  const digits = await readDigitsFile(join(import.meta.dirname, '../../public/data/digits.bin'));
  if (!digits.ok) throw new Error(digits.error.message);
  const data = digitsForGraph(graph, digits.value);
  if (!data.ok) throw new Error(data.error.message);
  return data.value;
}
