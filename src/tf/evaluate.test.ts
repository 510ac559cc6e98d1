import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layer, stack } from '../core/test-helpers';
import { disposeDigitsTensors, type DigitsTensors } from './digits-data';
import { evaluateAccuracy } from './evaluate';
import { buildOrThrow, digitsOrThrow } from './test-helpers';

// 784 → 10 linear: fast, and its seeded random weights give some accuracy well off 0 and 1.
const graph = stack([784], layer('Dense', 'out', { units: 10, activation: 'linear' }));
let data: DigitsTensors;

beforeAll(async () => {
  await tf.setBackend('cpu');
  data = await digitsOrThrow(graph);
});
afterAll(() => disposeDigitsTensors(data));

describe('evaluateAccuracy', () => {
  it('equals a plain count of arg-max hits over the test split (model.predict on all 2,000 at once) and leaks nothing', async () => {
    const model = buildOrThrow(graph, { seed: 5 });
    const before = tf.memory().numTensors;
    const accuracy = await evaluateAccuracy(model, data, data.split.test, { batchSize: 300 });
    expect(tf.memory().numTensors).toBe(before);
    const labels = data.labels.dataSync();
    const x = tf.gather(data.images, tf.tensor1d(Int32Array.from(data.split.test), 'int32'));
    const scores = (model.predict(x) as tf.Tensor).arraySync() as number[][];
    let hits = 0;
    scores.forEach((row, r) => { if (row.indexOf(Math.max(...row)) === labels[data.split.test[r]]) hits++; });
    expect(accuracy).toBe(hits / 2000);
    x.dispose();
    model.dispose();
  });
});
