import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneByMagnitude } from '../core/compress/prune';
import { buildStudentMlp } from '../core/presets/student-mlp';
import { disposeDigitsTensors, type DigitsTensors } from './digits-data';
import { evaluateAccuracy } from './evaluate';
import { namedWeightsOf, setNamedWeights } from './export-model';
import { estimateSweepMs, measureSweepCost, sweepSparsity } from './sparsity-sweep';
import { trainedOrThrow } from './test-helpers';

const graph = buildStudentMlp();
let data: DigitsTensors;
let model: tf.LayersModel;
let trained: ReturnType<typeof namedWeightsOf>;
const retrain = { batchSize: 32, learningRate: 1e-3, optimizer: 'adam' as const, seed: 1, trainLimit: 256 };

beforeAll(async () => {
  ({ data, model } = await trainedOrThrow(graph, 4, { ...retrain, epochs: 2, trainLimit: 1024 }));
  trained = namedWeightsOf(model);
}, 60_000);
afterAll(() => {
  disposeDigitsTensors(data);
  model.dispose();
});

describe('sweepSparsity', { timeout: 60_000 }, () => {
  it('prunes each point from the trained weights (oracle: per-kernel magnitude pruning), retrains, restores, leaks nothing', async () => {
    const tensors = tf.memory().numTensors;
    const fractions: number[] = [];
    const r = await sweepSparsity(model, data, { sparsities: [0, 0.5, 0.9], retrainEpochs: 1, retrain, onProgress: (p) => fractions.push(p.fraction) });
    if (!r.ok) throw new Error(r.error.message);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(namedWeightsOf(model)).toEqual(trained);
    const baseline = await evaluateAccuracy(model, data);
    expect(r.value.baseline).toBe(baseline);
    const [zero, half, ninety] = r.value.points;
    expect(zero).toEqual({ sparsity: 0, accuracy: baseline, accuracyRetrained: baseline });
    for (const [p, s] of [[half, 0.5], [ninety, 0.9]] as const) {
      setNamedWeights(model, trained.map((w) => (w.name.endsWith('kernel') ? { ...w, data: pruneByMagnitude(w.data, s).data } : w)));
      expect(p.accuracy).toBe(await evaluateAccuracy(model, data));
      expect(p.accuracyRetrained).not.toBeNull();
    }
    setNamedWeights(model, trained);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
  });

  it('without retraining reports null, and cancelling gives the weights back', async () => {
    const r = await sweepSparsity(model, data, { sparsities: [0.8], retrainEpochs: 0 });
    expect(r.ok && r.value.points[0].accuracyRetrained).toBeNull();
    const controller = new AbortController();
    const cancelled = await sweepSparsity(model, data, { sparsities: [0.5, 0.9], retrain, signal: controller.signal, onProgress: (p) => { if (p.point === 1) controller.abort(); } });
    expect(cancelled).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(namedWeightsOf(model)).toEqual(trained);
  });

  it('refuses a sparsity of 1 and a fractional epoch count as values', async () => {
    expect(await sweepSparsity(model, data, { sparsities: [0.5, 1] })).toMatchObject({ ok: false, error: { field: 'sparsities' } });
    expect(await sweepSparsity(model, data, { retrainEpochs: 0.5 })).toMatchObject({ ok: false, error: { field: 'retrainEpochs' } });
  });
});

describe('sweep time estimate', () => {
  it('counts evaluations and steps: 8 default points, 7 retrained for 1 epoch of 250 steps', () => {
    // 1 + 2 · 8 + 7 · 1 = 24 evaluations · 10 ms + 7 · 250 steps · 2 ms = 240 + 3,500.
    expect(estimateSweepMs({ msPerStep: 2, msPerEvaluation: 10, stepsPerEpoch: 250 })).toBe(3740);
    expect(estimateSweepMs({ msPerStep: 2, msPerEvaluation: 10, stepsPerEpoch: 250 }, [0, 0.9], 3)).toBe((1 + 4 + 3) * 10 + 3 * 250 * 2);
  });

  it('measures a step and an evaluation on this backend and restores the weights', async () => {
    const cost = await measureSweepCost(model, data, retrain);
    if (!cost.ok) throw new Error(cost.error.message);
    expect(cost.value.msPerEvaluation).toBeGreaterThan(0);
    expect(cost.value.stepsPerEpoch).toBe(8); // 256 / 32
    expect(namedWeightsOf(model)).toEqual(trained);
  }, 60_000);
});
