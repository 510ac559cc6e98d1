import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneByMagnitude } from '../core/compress/prune';
import { buildStudentMlp } from '../core/presets/student-mlp';
import { disposeDigitsTensors, type DigitsTensors } from './digits-data';
import { evaluateAccuracy } from './evaluate';
import { analyseSensitivity, type SensitivityProgress } from './sensitivity';
import { buildOrThrow, trainedOrThrow } from './test-helpers';

const graph = buildStudentMlp();
let data: DigitsTensors;
let model: tf.LayersModel;

beforeAll(async () => {
  // A short training so that pruning has something to lose.
  ({ data, model } = await trainedOrThrow(graph, 1, { epochs: 1, batchSize: 64, learningRate: 2e-3, optimizer: 'adam', seed: 1, trainLimit: 2000 }));
}, 120_000);
afterAll(() => { disposeDigitsTensors(data); model.dispose(); });

const weights = () => model.getWeights().map((w) => Array.from(w.dataSync()));

describe('analyseSensitivity', () => {
  it('prunes each layer alone at each sparsity, matches a hand-made pruned model, restores the weights, leaks nothing', async () => {
    const before = weights();
    const tensors = tf.memory().numTensors;
    const seen: SensitivityProgress[] = [];
    const run = await analyseSensitivity(model, data, 'prune', (p) => seen.push(p));
    expect(tf.memory().numTensors).toBe(tensors);
    expect(weights()).toEqual(before);
    expect(run.status).toBe('done');
    const { report } = run;
    if (report.kind !== 'prune') throw new Error('kind');
    expect(report.layers.map((l) => l.name)).toEqual(['fc1', 'output']);
    expect(report.layers[0].points.map((p) => p.sparsity)).toEqual([0, 0.25, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99]);
    expect(seen.at(-1)).toEqual({ done: 16, total: 16, layer: 'output' });
    expect(report.layers[0].points[0].accuracy).toBe(report.baseline);
    // Oracle: prune fc1 to 90 % by hand on a copy and evaluate it.
    const copy = buildOrThrow(graph, { weights: 'zeros' });
    copy.setWeights(model.getWeights());
    const kernel = copy.getLayer('fc1').getWeights()[0];
    const pruned = tf.tensor(pruneByMagnitude(kernel.dataSync() as Float32Array, 0.9).data, kernel.shape);
    copy.getLayer('fc1').setWeights([pruned, copy.getLayer('fc1').getWeights()[1]]);
    expect(report.layers[0].points[5].accuracy).toBe(await evaluateAccuracy(copy, data));
    pruned.dispose();
    copy.dispose();
    // 99 % of fc1 gone costs accuracy.
    expect(report.layers[0].points[7].accuracy).toBeLessThan(report.baseline - 0.05);
  });

  it('quantizes each layer alone to 8 … 2 bits, restores the weights, and 8 bits keeps accuracy within 1 pp', async () => {
    const before = weights();
    const run = await analyseSensitivity(model, data, 'quantize');
    expect(weights()).toEqual(before);
    const { report } = run;
    if (report.kind !== 'quantize') throw new Error('kind');
    for (const layer of report.layers) {
      expect(layer.points.map((p) => p.bits)).toEqual([8, 6, 4, 3, 2]);
      expect(Math.abs(layer.points[0].accuracy - report.baseline)).toBeLessThanOrEqual(0.01);
    }
  });

  it('cancel restores the weights and reports the layers finished', async () => {
    const before = weights();
    const controller = new AbortController();
    const run = await analyseSensitivity(model, data, 'prune', (p) => { if (p.done === 3) controller.abort(); }, controller.signal);
    expect(run.status).toBe('cancelled');
    expect(run.report.layers).toEqual([]);
    expect(weights()).toEqual(before);
  });
});
