/**
 * Per-layer sensitivity of a trained model (issue 9; the analysis of Han et al. 2015 §4 Fig. 6 and
 * Distiller's): every prunable kernel alone is pruned by magnitude to each sparsity of
 * SENSITIVITY_SPARSITIES, or quantized (affine, per tensor) to each of SENSITIVITY_BITS, and the
 * test accuracy is measured, with no retraining; the kernel is restored before the next layer.
 * The same prune/quantize functions as the compression pipeline (src/core/compress). Cancel is
 * not an error: the report then holds the layers finished so far, and the weights are restored.
 */
import * as tf from '@tensorflow/tfjs';
import { isPrunableTensor, layerOfTensor } from '../core/compress/prunable';
import { pruneByMagnitude } from '../core/compress/prune';
import { quantizeUniform } from '../core/compress/quantize';
import { yieldToEventLoop } from '../core/compress/yield';
import {
  SENSITIVITY_BITS, SENSITIVITY_SPARSITIES, type LayerSensitivity, type PrunePoint, type QuantizePoint,
  type SensitivityKind, type SensitivityReport,
} from '../core/sensitivity/types';
import type { DigitsTensors } from './digits-data';
import { evaluateAccuracy } from './evaluate';

export interface SensitivityProgress {
  /** Points measured so far and in all (layers × points). */
  done: number;
  total: number;
  layer: string;
}

export interface SensitivityRun {
  status: 'done' | 'cancelled';
  report: SensitivityReport;
}

type LayerVariable = tf.LayersModel['weights'][number];

/** The kernel after one point: pruned to `setting` (a sparsity) or quantized to `setting` bits. */
function transformed(kind: SensitivityKind, data: Float32Array, shape: number[], setting: number): Float32Array {
  return kind === 'prune' ? pruneByMagnitude(data, setting).data : quantizeUniform(data, shape, { bits: setting }).values;
}

function writeValues(variable: LayerVariable, values: Float32Array): void {
  const t = tf.tensor(values, variable.shape as number[]);
  variable.write(t);
  t.dispose();
}

/** Names the prunable kernels by their layer ('fc1'), or by the tensor when a layer has several. */
function kernelsOf(model: tf.LayersModel): { name: string; variable: LayerVariable }[] {
  const kernels = model.weights.filter((w) => isPrunableTensor(w.originalName));
  const count = new Map<string, number>();
  for (const k of kernels) count.set(layerOfTensor(k.originalName), (count.get(layerOfTensor(k.originalName)) ?? 0) + 1);
  return kernels.map((variable) => {
    const layer = layerOfTensor(variable.originalName);
    return { name: count.get(layer)! > 1 ? variable.originalName : layer, variable };
  });
}

/**
 * Measures the sensitivity of every prunable layer of `model` (weights are changed during the
 * run and restored at the end, also on cancel). Accuracies are on the test split, as fractions.
 */
export async function analyseSensitivity(
  model: tf.LayersModel, data: DigitsTensors, kind: SensitivityKind,
  onProgress: (p: SensitivityProgress) => void = () => {}, signal?: AbortSignal,
): Promise<SensitivityRun> {
  const settings = kind === 'prune' ? SENSITIVITY_SPARSITIES : SENSITIVITY_BITS;
  const kernels = kernelsOf(model);
  const total = kernels.length * settings.length;
  const baseline = await evaluateAccuracy(model, data);
  const layers: LayerSensitivity<PrunePoint | QuantizePoint>[] = [];
  let status: SensitivityRun['status'] = 'done';
  let done = 0;
  for (const { name, variable } of kernels) {
    const original = Float32Array.from(variable.read().dataSync() as Float32Array);
    const points: (PrunePoint | QuantizePoint)[] = [];
    try {
      for (const setting of settings) {
        if (signal?.aborted) { status = 'cancelled'; break; }
        writeValues(variable, transformed(kind, original, variable.shape as number[], setting));
        const accuracy = await evaluateAccuracy(model, data);
        points.push(kind === 'prune' ? { sparsity: setting, accuracy } : { bits: setting, accuracy });
        onProgress({ done: ++done, total, layer: name });
        await yieldToEventLoop();
      }
    } finally {
      writeValues(variable, original);
    }
    if (status === 'cancelled') break;
    layers.push({ name, points });
  }
  const report = kind === 'prune'
    ? { kind, baseline, layers: layers as LayerSensitivity<PrunePoint>[] }
    : { kind, baseline, layers: layers as LayerSensitivity<QuantizePoint>[] };
  return { status, report };
}
