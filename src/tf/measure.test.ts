import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { median, timePredict } from './measure';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('timePredict', () => {
  const tinyModel = () => tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [8] })] });

  it('times warm-up and timed runs separately and leaks no tensor', async () => {
    const model = tinyModel();
    const before = tf.memory().numTensors;
    const phases: string[] = [];
    const timed = await timePredict(model, { runs: 4, warmup: 2, onRun: (_d, _t, phase) => phases.push(phase) });
    expect(timed.warmupMs).toHaveLength(2);
    expect(timed.timesMs).toHaveLength(4);
    expect(phases).toEqual(['warmup', 'warmup', 'timed', 'timed', 'timed', 'timed']);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('stops after at least 3 timed runs once the time budget is spent', async () => {
    const model = tinyModel();
    const timed = await timePredict(model, { runs: 50, warmup: 0, budgetMs: -1 });
    expect(timed.timesMs).toHaveLength(3);
    model.dispose();
  });

  it('stops at once when the signal is aborted', async () => {
    const model = tinyModel();
    const controller = new AbortController();
    controller.abort();
    const timed = await timePredict(model, { runs: 5, warmup: 1, signal: controller.signal });
    expect(timed).toMatchObject({ cancelled: true, timesMs: [] });
    model.dispose();
  });
});
