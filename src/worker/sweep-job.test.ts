import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { layer, stack } from '../core/test-helpers';
import type { SweepJobProgress } from './digits-api';
import { rememberImportedWeights } from './weight-store';
import { createWorkerApi } from './worker-api';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const mlp = stack([784], layer('Dense', 'h', { units: 16, activation: 'relu' }), layer('Dense', 'out', { units: 10, activation: 'softmax' }));

describe('sweep job (node)', () => {
  it('sweeps the 8 sparsities of Han et al. Fig. 5 with an estimate first, and leaks no tensor', async () => {
    const api = createWorkerApi();
    rememberImportedWeights(null);
    expect(await api.sweep(mlp, { jobId: 's0', retrainEpochs: 1 })).toEqual({ status: 'no-weights', cancelled: false });
    const trained = await api.train(mlp, { jobId: 't', train: { epochs: 1, batchSize: 32, learningRate: 3e-3, optimizer: 'adam', seed: 1, trainLimit: 1000 } });
    if (trained.status !== 'done') throw new Error('train failed');
    const before = tf.memory().numTensors;
    const seen: SweepJobProgress[] = [];
    const r = await api.sweep(mlp, { jobId: 's1', retrainEpochs: 1, trainLimit: 256 }, (p) => seen.push(p));
    expect(tf.memory().numTensors).toBe(before);
    if (r.status !== 'done') throw new Error(JSON.stringify(r));
    expect(r.points.map((p) => p.sparsity)).toEqual([0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99]);
    expect(r.baseline).toBe(trained.accuracy);
    // Sparsity 0 removes nothing: the trained model's accuracy, unretrained.
    expect(r.points[0].accuracy).toBe(trained.accuracy);
    // The estimate comes before any point is swept.
    const firstEstimate = seen.findIndex((p) => p.estimateMs !== undefined);
    const firstPoint = seen.findIndex((p) => /point 1 of 8/.test(p.message));
    expect(firstEstimate).toBeGreaterThanOrEqual(0);
    expect(firstEstimate).toBeLessThan(firstPoint);
    expect(r.estimateMs).toBeGreaterThan(0);
    // 99 % of the weights gone without retraining is far worse than the trained model.
    expect(r.points[7].accuracy).toBeLessThan(r.baseline - 0.2);
    expect(await api.evaluate(mlp, { jobId: 'e' })).toMatchObject({ accuracy: trained.accuracy });
  });
});
