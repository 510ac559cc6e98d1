import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layer, stack } from '../core/test-helpers';
import { digitsForGraph, disposeDigitsTensors, readDigitsFile, type DigitsTensors } from './digits-data';
import { evaluateAccuracy } from './evaluate';
import { buildOrThrow } from './test-helpers';

// 784 → 10 linear: fast, and its seeded random weights give some accuracy well off 0 and 1.
const graph = stack([784], layer('Dense', 'out', { units: 10, activation: 'linear' }));
let data: DigitsTensors;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const digits = await readDigitsFile(join(import.meta.dirname, '../../public/data/digits.bin'));
  if (!digits.ok) throw new Error(digits.error.message);
  const d = digitsForGraph(graph, digits.value);
  if (!d.ok) throw new Error(d.error.message);
  data = d.value;
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
