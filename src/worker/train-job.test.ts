import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { layer, stack } from '../core/test-helpers';
import type { TrainJobOptions, TrainJobProgress } from './digits-api';
import { rememberImportedWeights } from './weight-store';
import { createWorkerApi } from './worker-api';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** 784 → 10 softmax: trains in a blink on a few hundred digits. */
const tiny = stack([784], layer('Dense', 'out', { units: 10, activation: 'softmax' }));
const opts = (jobId: string, patch: Partial<TrainJobOptions['train']> = {}): TrainJobOptions => ({
  jobId, train: { epochs: 1, batchSize: 32, learningRate: 0.01, optimizer: 'adam', seed: 1, trainLimit: 256, ...patch },
});

describe('train / evaluate jobs (node, cpu backend)', () => {
  it('trains with batch and epoch progress, keeps the weights for evaluate, and leaks no tensor', async () => {
    rememberImportedWeights(null);
    const api = createWorkerApi();
    // Warm-up: tfjs keeps a few tensors of its own on first use (the digits source is cached too).
    await api.evaluate(tiny, { jobId: 'warm' });
    const before = tf.memory().numTensors;
    const seen: TrainJobProgress[] = [];
    const result = await api.train(tiny, opts('t1'), (p) => seen.push(p));
    expect(tf.memory().numTensors).toBe(before);
    if (result.status !== 'done') throw new Error(JSON.stringify(result));
    expect(result.startedFrom).toBe('random');
    expect(result.trainDigits).toBe(256);
    expect(result.history).toHaveLength(1);
    expect(seen.filter((p) => p.batch)).toHaveLength(256 / 32);
    expect(seen.filter((p) => p.record).map((p) => p.record!.accuracy)).toEqual([result.accuracy]);
    // Fractions rise to 1; batch positions are epochs done so far.
    expect(seen.at(-1)!.fraction).toBeCloseTo(1, 9);
    expect(seen.filter((p) => p.batch).at(-1)!.batch!.epoch).toBeCloseTo(1, 9);
    expect(result.accuracy).toBeGreaterThan(0.5); // chance is 0.1
    const evaluated = await api.evaluate(tiny, { jobId: 'e1' });
    expect(evaluated).toMatchObject({ status: 'done', accuracy: result.accuracy, examples: 2000, split: 'test' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('continues from the held weights, or starts again from scratch when asked', async () => {
    const api = createWorkerApi();
    const first = await api.train(tiny, opts('t2'));
    const again = await api.train(tiny, opts('t3'));
    const scratch = await api.train(tiny, { ...opts('t4'), fromScratch: true });
    expect([first.status, again.status, scratch.status]).toEqual(['done', 'done', 'done']);
    if (again.status === 'done') expect(again.startedFrom).toBe('trained');
    if (scratch.status === 'done') expect(scratch.startedFrom).toBe('random');
  });

  it('a cancelled run answers cancelled and leaves the held weights untouched', async () => {
    const api = createWorkerApi();
    rememberImportedWeights(null);
    await api.train(tiny, opts('t5'));
    const held = await api.evaluate(tiny, { jobId: 'e2' });
    const run = api.train(tiny, opts('t6', { epochs: 5, trainLimit: 4000 }), (p) => {
      if (p.batch && p.batch.epoch > 0.05) void api.cancel('t6');
    });
    expect(await run).toEqual({ status: 'cancelled', cancelled: true });
    expect(await api.evaluate(tiny, { jobId: 'e3' })).toEqual(held);
  });

  it('evaluate says no-weights when nothing is held for the graph, and the digits-do-not-fit sentence for other models', async () => {
    const api = createWorkerApi();
    rememberImportedWeights(null);
    expect(await api.evaluate(tiny, { jobId: 'e4' })).toEqual({ status: 'no-weights', cancelled: false });
    const twelve = stack([784], layer('Dense', 'out', { units: 12, activation: 'softmax' }));
    const r = await api.train(twelve, opts('t7'));
    expect(r).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/^The digits do not fit this model: Expected output layer 'out'/) } });
  });

  it('exports the held weights as model.json + weights that import back to the same accuracy', async () => {
    const api = createWorkerApi();
    rememberImportedWeights(null);
    expect(await api.exportWeights(tiny)).toEqual({ status: 'no-weights', cancelled: false });
    const trained = await api.train(tiny, opts('t8'));
    if (trained.status !== 'done') throw new Error('training failed');
    const exported = await api.exportWeights(tiny);
    if (exported.status !== 'done') throw new Error(JSON.stringify(exported));
    expect(exported.files.map((f) => f.name)).toEqual(['model.json', 'group1-shard1of1.bin']);
    rememberImportedWeights(null);
    const json = JSON.parse(new TextDecoder().decode(exported.files[0].data)) as unknown;
    const imported = await api.importModel(json, exported.files.slice(1));
    expect(imported).toMatchObject({ ok: true, value: { hasWeights: true } });
    if (!imported.ok) return;
    expect(await api.evaluate(imported.value.graph, { jobId: 'e5' })).toMatchObject({ status: 'done', accuracy: trained.accuracy });
  });
});
