import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DISTILL_SETTINGS } from '../core/distill/settings';
import { layer, stack } from '../core/test-helpers';
import type { DistillJobProgress } from './distill-api';
import { importedWeightsFor, rememberImportedWeights } from './weight-store';
import { createWorkerApi } from './worker-api';

/** Teacher 784 → 10 softmax (trained by the train job below); student 784 → 16 → 10. */
const teacher = stack([784], layer('Dense', 'out', { units: 10, activation: 'softmax' }));
const student = stack([784], layer('Dense', 'hidden', { units: 16, activation: 'relu' }), layer('Dense', 'out', { units: 10, activation: 'softmax' }));
const settings = { ...DEFAULT_DISTILL_SETTINGS, epochs: 1, batchSize: 1000, labels: 100 };
const heldTeacher = () => importedWeightsFor([{ name: 'out/kernel', shape: [784, 10] }, { name: 'out/bias', shape: [10] }]);

beforeAll(async () => {
  await tf.setBackend('cpu');
  const trained = await createWorkerApi().train(teacher, { jobId: 'teach', train: { epochs: 1, batchSize: 64, learningRate: 0.01, optimizer: 'adam', seed: 1, trainLimit: 2000 } });
  if (trained.status !== 'done') throw new Error(JSON.stringify(trained));
}, 120_000);

describe('distill job (node)', () => {
  it('distils the held teacher into two fresh students, reports curves and the gap, returns the student files, leaves the held weights and no tensor', async () => {
    const api = createWorkerApi();
    const held = heldTeacher();
    expect(held).not.toBeNull();
    await api.sensitivity(teacher, { jobId: 'warm', kind: 'quantize' }); // tfjs and digits warm-up
    const before = tf.memory().numTensors;
    const seen: DistillJobProgress[] = [];
    const r = await api.distill(teacher, student, { jobId: 'd1', settings }, (p) => seen.push(p));
    expect(tf.memory().numTensors).toBe(before);
    if (r.status !== 'done') throw new Error(JSON.stringify(r));
    expect(r.teacherAccuracy).toBeGreaterThan(0.7);
    expect(r.history).toHaveLength(1);
    expect(r.distilledAccuracy).toBe(r.history[0].distilledAccuracy);
    expect(r.gapRecovered).toBe(r.teacherAccuracy > r.aloneAccuracy ? (r.distilledAccuracy - r.aloneAccuracy) / (r.teacherAccuracy - r.aloneAccuracy) : null);
    expect(seen.find((p) => p.teacherAccuracy !== undefined)?.teacherAccuracy).toBe(r.teacherAccuracy);
    expect(seen.filter((p) => p.record)).toHaveLength(1);
    expect(r.student.map((f) => f.name)).toEqual(['model.json', 'group1-shard1of1.bin']);
    expect(r.darkKnowledge).toHaveLength(5);
    expect(heldTeacher()).toEqual(held);
  }, 120_000);

  it('answers no-weights for a teacher without held weights, and cancels', async () => {
    const api = createWorkerApi();
    expect(await api.distill(student, teacher, { jobId: 'd2', settings })).toEqual({ status: 'no-weights', cancelled: false });
    const pending = api.distill(teacher, student, { jobId: 'd3', settings }, (p) => { if (p.message.startsWith('Epoch 1 of 1, step 2')) void api.cancel('d3'); });
    expect(await pending).toEqual({ status: 'cancelled', cancelled: true });
  }, 120_000);

  it('refuses bad settings as a failed job naming the field', async () => {
    const r = await createWorkerApi().distill(teacher, student, { jobId: 'd4', settings: { ...settings, alpha: 2 } });
    expect(r).toMatchObject({ status: 'failed', error: { field: 'alpha' } });
  });
});

describe('sensitivity job (node)', () => {
  it('measures every layer of the held weights with progress, and says no-weights otherwise', async () => {
    const api = createWorkerApi();
    const fractions: number[] = [];
    const r = await api.sensitivity(teacher, { jobId: 's1', kind: 'prune' }, (p) => fractions.push(p.fraction));
    if (r.status !== 'done') throw new Error(JSON.stringify(r));
    expect(r.report.kind).toBe('prune');
    expect(r.report.layers.map((l) => l.name)).toEqual(['out']);
    expect(fractions.at(-1)).toBe(1);
    expect(await api.sensitivity(student, { jobId: 's2', kind: 'prune' })).toEqual({ status: 'no-weights', cancelled: false });
    rememberImportedWeights(null);
  }, 120_000);
});
