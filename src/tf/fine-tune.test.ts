import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterWeights } from '../core/compress/kmeans';
import { retrainConstraints } from '../core/compress/retrain-constraints';
import type { WeightTensor } from '../core/compress/types';
import { layer, stack } from '../core/test-helpers';
import { disposeDigitsTensors, type DigitsTensors } from './digits-data';
import { namedWeightsOf, setNamedWeights } from './export-model';
import { buildOrThrow, digitsOrThrow } from './test-helpers';
import { trainModel } from './train';

const graph = stack([784], layer('Dense', 'fc1', { units: 32, activation: 'relu' }), layer('Dense', 'out', { units: 10, activation: 'softmax' }));
let data: DigitsTensors;

beforeAll(async () => {
  await tf.setBackend('cpu');
  data = await digitsOrThrow(graph);
});
afterAll(() => disposeDigitsTensors(data));

const run = { epochs: 2, batchSize: 32, learningRate: 0.05, optimizer: 'sgd' as const, seed: 2, trainLimit: 320 };

/** Zeroes the `fraction` smallest-magnitude weights of every kernel (hand-rolled, not the code under test). */
function pruneKernels(weights: WeightTensor[], fraction: number): WeightTensor[] {
  return weights.map((w) => {
    if (!w.name.endsWith('/kernel')) return w;
    const cut = [...w.data].map(Math.abs).sort((a, b) => a - b)[Math.floor(fraction * w.data.length)];
    return { ...w, data: w.data.map((v) => (Math.abs(v) < cut ? 0 : v)) };
  });
}

const kernels = (model: tf.LayersModel) => namedWeightsOf(model).filter((w) => w.name.endsWith('/kernel'));

describe('constrained retraining', () => {
  it('keeps pruned weights exactly zero through SGD with momentum and Adam, while the rest train', async () => {
    for (const optimizer of ['sgd', 'adam'] as const) {
      const model = buildOrThrow(graph, { seed: 1 });
      const pruned = pruneKernels(namedWeightsOf(model), 0.8);
      setNamedWeights(model, pruned);
      const before = tf.memory().numTensors;
      const result = await trainModel(model, data, { ...run, optimizer, learningRate: optimizer === 'adam' ? 1e-3 : 0.05, constraints: retrainConstraints(pruned) });
      expect(result.ok).toBe(true);
      expect(tf.memory().numTensors).toBe(before);
      for (const after of kernels(model)) {
        const original = pruned.find((w) => w.name === after.name)!;
        let moved = 0;
        original.data.forEach((v, i) => {
          if (v === 0) expect(Object.is(after.data[i], 0)).toBe(true);
          else if (after.data[i] !== v) moved++;
        });
        expect(moved).toBeGreaterThan(0.5 * original.data.filter((v) => v !== 0).length);
      }
      model.dispose();
    }
  });

  it('trains k-means centroids: assignments fixed, at most k distinct nonzero values, centroids moved', async () => {
    const k = 4;
    const model = buildOrThrow(graph, { seed: 1 });
    const shared = pruneKernels(namedWeightsOf(model), 0.5).map((w) =>
      w.name.endsWith('/kernel') ? { ...w, data: clusterWeights(w.data, { k }).shared } : w);
    setNamedWeights(model, shared);
    const before = tf.memory().numTensors;
    const result = await trainModel(model, data, { ...run, constraints: retrainConstraints(shared) });
    expect(tf.memory().numTensors).toBe(before);
    if (!result.ok) throw new Error(result.error.message);
    for (const after of kernels(model)) {
      const original = shared.find((w) => w.name === after.name)!;
      const oldValues = [...new Set(original.data)].filter((v) => v !== 0).sort((a, b) => a - b);
      const newValues = [...new Set(after.data)].filter((v) => v !== 0).sort((a, b) => a - b);
      expect(newValues.length).toBeLessThanOrEqual(k);
      expect(newValues).not.toEqual(oldValues);
      // Same clusters: weights that shared a value still share one, zeros stay zero.
      const mapping = new Map<number, number>();
      original.data.forEach((v, i) => {
        if (v === 0) { expect(Object.is(after.data[i], 0)).toBe(true); return; }
        if (!mapping.has(v)) mapping.set(v, after.data[i]);
        expect(after.data[i]).toBe(mapping.get(v));
      });
      expect([...result.value.codebooks[after.name]].sort((a, b) => a - b)).toEqual(newValues);
    }
    model.dispose();
  });

  it('moves a centroid by the summed gradient of its weights (one SGD step, hand-checked)', async () => {
    // One weight cluster: out = softmax(x·W) with W all equal to c. With SGD (momentum 0.9, first
    // step = plain SGD), c' = c − lr · Σ_i ∂L/∂W_i; we compare against tf.grad of the unconstrained model.
    const tiny = stack([784], layer('Dense', 'out', { units: 10, activation: 'softmax', useBias: false }));
    const model = buildOrThrow(tiny, { seed: 1 });
    const w: WeightTensor = { name: 'out/kernel', shape: [784, 10], data: new Float32Array(7840).fill(0.01) };
    setNamedWeights(model, [w]);
    const picked = tf.tensor1d(Int32Array.from(data.split.train.subarray(0, 4)), 'int32');
    const x = tf.gather(data.images, picked);
    const y = tf.oneHot(tf.gather(data.labels, picked) as tf.Tensor1D, 10);
    const kernel = model.trainableWeights[0].read() as tf.Variable;
    const g = tf.variableGrads(() => tf.neg(tf.mean(tf.sum(tf.mul(y, tf.log(model.apply(x) as tf.Tensor)), 1))) as tf.Scalar, [kernel]);
    const sum = g.grads[kernel.name].sum().dataSync()[0];
    tf.dispose([picked, x, y, g.value, ...Object.values(g.grads)]);
    const result = await trainModel(model, data, { ...run, epochs: 1, batchSize: 4, trainLimit: 4, seed: 1, learningRate: 0.1, constraints: retrainConstraints([w]) });
    if (!result.ok) throw new Error(result.error.message);
    // trainLimit 4 with a seeded order: the batch holds the same 4 digits, in some order.
    expect(result.value.codebooks['out/kernel'][0]).toBeCloseTo(0.01 - 0.1 * sum, 5);
    model.dispose();
  });
});
