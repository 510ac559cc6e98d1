import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../core/compress/pipeline';
import type { CompressionPlan } from '../core/compress/types';
import { buildStudentMlp } from '../core/presets/student-mlp';
import { compressWithAccuracy, type CompressAccuracyProgress } from './compress-retrain';
import { disposeDigitsTensors, type DigitsTensors } from './digits-data';
import { evaluateAccuracy } from './evaluate';
import { namedWeightsOf, setNamedWeights } from './export-model';
import { trainedOrThrow } from './test-helpers';

const graph = buildStudentMlp();
let data: DigitsTensors;
let model: tf.LayersModel;
let trained: ReturnType<typeof namedWeightsOf>;
const quick = { batchSize: 32, learningRate: 1e-3, optimizer: 'adam' as const, seed: 1, trainLimit: 256 };

beforeAll(async () => {
  ({ data, model } = await trainedOrThrow(graph, 3, { ...quick, epochs: 2, trainLimit: 1024 }));
  trained = namedWeightsOf(model);
}, 60_000);
afterAll(() => {
  disposeDigitsTensors(data);
  model.dispose();
});

const kernels = (m: tf.LayersModel) => namedWeightsOf(m).filter((w) => w.name.endsWith('kernel'));
const deep: CompressionPlan = { stages: [{ kind: 'prune', sparsity: 0.8 }, { kind: 'share', k: 8 }, { kind: 'huffman' }] };

describe('compressWithAccuracy', { timeout: 60_000 }, () => {
  it('without retraining: sizes and weights are exactly runPipeline’s, accuracies those of its weights', async () => {
    setNamedWeights(model, trained);
    const before = await evaluateAccuracy(model, data);
    const r = await compressWithAccuracy(model, data, deep, { retrainEpochs: 0 });
    if (!r.ok) throw new Error(r.error.message);
    const whole = await runPipeline(trained, deep);
    if (!whole.ok) throw new Error(whole.error.message);
    expect(r.value.stages.map((s) => [s.name, s.bytes])).toEqual(whole.value.stages.map((s) => [s.name, s.bytes]));
    expect(r.value.compression.weights).toEqual(whole.value.weights);
    expect(r.value.before.accuracy).toBe(before);
    expect(r.value.stages.every((s) => s.accuracyRetrained === undefined)).toBe(true);
    // The model holds the final weights: its accuracy is the pipeline weights' accuracy.
    expect(namedWeightsOf(model)).toEqual(whole.value.weights);
    expect(r.value.after.accuracy).toBe(await evaluateAccuracy(model, data));
    expect(r.value.ratio).toBe(r.value.before.bytes / r.value.after.bytes);
  });

  it('retraining keeps the pruned weights at 0 and at most k shared values, and leaks no tensor', async () => {
    setNamedWeights(model, trained);
    const tensors = tf.memory().numTensors;
    const seen: CompressAccuracyProgress[] = [];
    const r = await compressWithAccuracy(model, data, deep, { retrainEpochs: 1, retrain: quick, onProgress: (p) => seen.push(p) });
    expect(tf.memory().numTensors).toBe(tensors);
    if (!r.ok) throw new Error(r.error.message);
    const [, pruned, shared, huffman] = r.value.stages;
    expect(pruned.retraining).toHaveLength(1);
    expect(shared.retraining).toHaveLength(1);
    expect(huffman.accuracyRetrained).toBeUndefined();
    expect(r.value.after.accuracy).toBe(shared.accuracyRetrained);
    expect(r.value.after.accuracy).toBe(await evaluateAccuracy(model, data));
    const prunedAt = new Map(trained.filter((w) => w.name.endsWith('kernel')).map((w) => {
      const order = Float32Array.from(w.data, Math.abs).sort();
      return [w.name, order[Math.floor(0.8 * w.data.length) - 1]];
    }));
    for (const w of kernels(model)) {
      const zeros = w.data.filter((v) => v === 0).length;
      expect(zeros / w.data.length).toBeGreaterThanOrEqual(0.8 - 1 / w.data.length);
      expect(new Set(w.data.filter((v) => v !== 0)).size).toBeLessThanOrEqual(8);
      // A weight pruned at the prune stage (|w| at most the threshold) is still 0 at the end.
      const original = trained.find((t) => t.name === w.name)!.data;
      const threshold = prunedAt.get(w.name)!;
      for (let i = 0; i < w.data.length; i++) if (Math.abs(original[i]) < threshold) expect(w.data[i]).toBe(0);
    }
    expect(seen.some((p) => p.step === 'retrain' && p.kind === 'share')).toBe(true);
    const fractions = seen.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions[fractions.length - 1]).toBe(1);
  });

  it('cancelling is a value and gives the model its trained weights back', async () => {
    setNamedWeights(model, trained);
    const controller = new AbortController();
    const tensors = tf.memory().numTensors;
    const r = await compressWithAccuracy(model, data, deep, {
      retrainEpochs: 1, retrain: quick, signal: controller.signal,
      onProgress: (p) => { if (p.step === 'retrain') controller.abort(); },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(namedWeightsOf(model)).toEqual(trained);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('refuses a bad number of retraining epochs and bad settings as values', async () => {
    expect(await compressWithAccuracy(model, data, deep, { retrainEpochs: 1.5 })).toMatchObject({ ok: false, error: { field: 'retrainEpochs' } });
    setNamedWeights(model, trained);
    const bad = await compressWithAccuracy(model, data, deep, { retrainEpochs: 1, retrain: { learningRate: -1 } });
    expect(bad).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Expected learningRate/) } });
    expect(namedWeightsOf(model)).toEqual(trained);
  });
});
