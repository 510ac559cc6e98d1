/** Test-only helpers for code that needs a real tfjs model. */
import type * as tf from '@tensorflow/tfjs';
import type { ModelGraph } from '../core/model';
import { buildTfModel, type BuildOptions } from './build-model';

/** buildTfModel for graphs a test knows to be valid: the model, or a thrown error naming why not. */
export function buildOrThrow(graph: ModelGraph, options?: BuildOptions): tf.LayersModel {
  const built = buildTfModel(graph, options);
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}
