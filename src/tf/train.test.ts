import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digitsFit } from '../core/digits/fit';
import { findPreset } from '../core/presets';
import { digitsForGraph, digitsTensors, disposeDigitsTensors, type DigitsTensors } from './digits-data';
import { evaluateAccuracy } from './evaluate';
import { buildOrThrow, digitsOrThrow } from './test-helpers';
import { trainModel, type TrainProgress } from './train';

const graph = findPreset('lenet-300-100')!.build();
let data: DigitsTensors;

beforeAll(async () => {
  await tf.setBackend('cpu');
  data = await digitsOrThrow(graph);
});
afterAll(() => disposeDigitsTensors(data));

const short = { epochs: 2, batchSize: 32, learningRate: 1e-3, optimizer: 'adam' as const, seed: 1, trainLimit: 512 };

describe('trainModel', () => {
  it('lays the digits out as the model wants and scales them to 0..1', () => {
    expect(data.images.shape).toEqual([10000, 28, 28, 1]);
    expect(data.images.max().dataSync()[0]).toBe(1);
    const lenet5 = digitsFit(findPreset('lenet-5')!.build());
    if (!lenet5.ok) throw new Error(lenet5.error.message);
    const pixels = new Uint8Array(2 * 28 * 28).fill(255);
    const padded = digitsTensors({ count: 2, rows: 28, cols: 28, labels: Uint8Array.of(1, 2), pixels }, lenet5.value, 'byte');
    const sum = padded.images.sum().dataSync()[0];
    expect(padded.images.shape).toEqual([2, 32, 32, 1]);
    expect(sum).toBe(2 * 28 * 28 * 255); // the 2-pixel frame is zeros, values unscaled
    disposeDigitsTensors(padded);
  });

  it('digitsForGraph says why an ImageNet model does not fit', () => {
    const r = digitsForGraph(findPreset('mobilenet-v1')!.build(), { count: 0, rows: 28, cols: 28, labels: new Uint8Array(0), pixels: new Uint8Array(0) });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^The digits do not fit this model/) } });
  });

  it('learns (test accuracy well above chance), reports epochs and batches, and leaks no tensor', async () => {
    const model = buildOrThrow(graph, { seed: 1 });
    const before = tf.memory().numTensors;
    const seen: TrainProgress[] = [];
    const result = await trainModel(model, data, short, (p) => seen.push(p));
    expect(tf.memory().numTensors).toBe(before);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.status).toBe('done');
    expect(result.value.history.map((h) => h.epoch)).toEqual([1, 2]);
    expect(seen.filter((p) => p.type === 'batch')).toHaveLength(2 * 16);
    const last = result.value.history[1];
    expect(last.accuracy).toBeGreaterThan(0.7);
    expect(last.loss).toBeLessThan(result.value.history[0].loss);
    expect(await evaluateAccuracy(model, data)).toBe(last.accuracy);
    model.dispose();
  });

  it('is reproducible: same seed, same weights, same history', async () => {
    const run = async () => {
      const model = buildOrThrow(graph, { seed: 3 });
      const r = await trainModel(model, data, { ...short, epochs: 1, trainLimit: 128 });
      const w = model.getWeights()[0].dataSync().slice(0, 50);
      model.dispose();
      return { r, w };
    };
    const a = await run();
    const b = await run();
    expect(b.r).toEqual(a.r);
    expect(b.w).toEqual(a.w);
  });

  it('stops between batches when cancelled, returns the finished epochs and leaks no tensor', async () => {
    const model = buildOrThrow(graph, { seed: 1 });
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const result = await trainModel(model, data, { ...short, optimizer: 'sgd', learningRate: 0.01 }, (p) => {
      if (p.type === 'batch' && p.epoch === 2 && p.batch === 3) controller.abort();
    }, controller.signal);
    expect(tf.memory().numTensors).toBe(before);
    expect(result).toMatchObject({ ok: true, value: { status: 'cancelled' } });
    if (result.ok) expect(result.value.history).toHaveLength(1);
    model.dispose();
  });

  it('rejects bad options as a value', async () => {
    const model = buildOrThrow(graph, { seed: 1 });
    const result = await trainModel(model, data, { ...short, batchSize: 0 });
    expect(result).toMatchObject({ ok: false, error: { field: 'batchSize', message: 'Training: Expected batchSize to be an integer from 1 to 8000, but got 0.' } });
    model.dispose();
  });
});
