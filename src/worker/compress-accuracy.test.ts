import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompressionPlan } from '../core/compress/types';
import { layer, stack } from '../core/test-helpers';
import { rememberImportedWeights } from './weight-store';
import { createWorkerApi } from './worker-api';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const mlp = stack([784], layer('Dense', 'hidden', { units: 32, activation: 'relu' }), layer('Dense', 'out', { units: 10, activation: 'softmax' }));
const PRUNE_90: CompressionPlan = { stages: [{ kind: 'prune', sparsity: 0.9 }] };

describe('compress with accuracy (node)', () => {
  it('reports test accuracy before and after each stage for trained digits weights; retraining recovers pruning loss', async () => {
    const api = createWorkerApi();
    rememberImportedWeights(null);
    const trained = await api.train(mlp, { jobId: 't', train: { epochs: 2, batchSize: 32, learningRate: 3e-3, optimizer: 'adam', seed: 1, trainLimit: 2000 } });
    if (trained.status !== 'done') throw new Error(JSON.stringify(trained));
    const plain = await api.compress(mlp, PRUNE_90, 'c0', undefined, { retrainEpochs: 0 });
    const retrained = await api.compress(mlp, PRUNE_90, 'c1', undefined, { retrainEpochs: 1, trainLimit: 2000 });
    if (plain.status !== 'done' || retrained.status !== 'done') throw new Error('compress failed');
    // 'before' is the held model's own test accuracy, whatever the plan.
    expect(plain.accuracy!.before).toBe(trained.accuracy);
    expect(retrained.accuracy!.before).toBe(trained.accuracy);
    expect(plain.accuracy!.stages.map((s) => s.name)).toEqual(['original', 'prune']);
    expect(plain.accuracy!.stages[1].accuracyRetrained).toBeUndefined();
    expect(retrained.accuracy!.stages[1].accuracyRetrained).toBe(retrained.accuracy!.after);
    // Same pruning, same accuracy right after it; retraining then gains it back.
    expect(retrained.accuracy!.stages[1].accuracy).toBe(plain.accuracy!.after);
    expect(retrained.accuracy!.after).toBeGreaterThan(plain.accuracy!.after);
    // The held (unpruned) weights are unchanged by compressing.
    expect(await api.evaluate(mlp, { jobId: 'e' })).toMatchObject({ accuracy: trained.accuracy });
  });

  it('gives no accuracy for random weights (the fidelity stays)', async () => {
    rememberImportedWeights(null);
    const r = await createWorkerApi().compress(mlp, PRUNE_90, 'c2', undefined, { retrainEpochs: 1 });
    if (r.status !== 'done') throw new Error(JSON.stringify(r));
    expect(r.accuracy).toBeNull();
    expect(r.weightsSource).toBe('random');
    expect(r.fidelity).not.toBeNull();
  });
});
