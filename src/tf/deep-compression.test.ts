/**
 * A tiny Deep Compression run (retraining on 64 digits, one epoch per step) on a briefly trained
 * LeNet-300-100: the structure the paper prescribes and the bookkeeping. The full recipe (all
 * 8,000 digits, its accuracy and time) runs in `npm run bench -- accuracy`.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEEP_COMPRESSION_DENSITY } from '../core/compress/deep-compression-recipe';
import { LENET_300_100 } from '../core/presets/lenet';
import { buildStudentMlp } from '../core/presets/student-mlp';
import { reproduceDeepCompression } from './deep-compression';
import { disposeDigitsTensors, type DigitsTensors } from './digits-data';
import { evaluateAccuracy } from './evaluate';
import { loadExportedModel, namedWeightsOf } from './export-model';
import { buildOrThrow, trainedOrThrow } from './test-helpers';

const graph = LENET_300_100.build();
let data: DigitsTensors;
let model: tf.LayersModel;
const tiny = { trainLimit: 64, batchSize: 32 };

beforeAll(async () => {
  ({ data, model } = await trainedOrThrow(graph, 2, { epochs: 1, batchSize: 64, learningRate: 1e-3, optimizer: 'adam', seed: 1, trainLimit: 1024 }));
}, 60_000);
afterAll(() => {
  disposeDigitsTensors(data);
  model.dispose();
});

describe('reproduceDeepCompression (tiny retraining)', { timeout: 90_000 }, () => {
  it("reaches the paper's densities with ≤ 64 shared values per layer; the export loads and scores the final accuracy", async () => {
    const tensors = tf.memory().numTensors;
    const r = await reproduceDeepCompression(model, data, { prePruneEpochs: 1, pruneEpochs: 1, shareEpochs: 1, pruneRetrain: tiny, shareRetrain: tiny });
    if (!r.ok) throw new Error(r.error.message);
    expect(tf.memory().numTensors).toBe(tensors);
    const report = r.value;
    expect(report.stages.map((s) => s.name)).toEqual(['original', 'prune', 'prune', 'share', 'huffman']);
    expect(report.densityByLayer).toEqual(DEEP_COMPRESSION_DENSITY);
    for (const w of namedWeightsOf(model).filter((t) => t.name.endsWith('kernel'))) {
      expect(new Set(w.data.filter((v) => v !== 0)).size).toBeLessThanOrEqual(64);
    }
    expect(report.before.bytes).toBe(266_610 * 4);
    expect(report.ratio).toBe(report.before.bytes / report.after.bytes);
    expect(report.after.bytes).toBe(report.stages.at(-1)!.bytes);
    expect(report.after.accuracy).toBe(report.stages.at(-1)!.accuracy);
    expect(report.stages[0].accuracy).toBe(report.before.accuracy);
    for (let i = 1; i < report.stages.length; i++) expect(report.stages[i].bytes).toBeLessThan(report.stages[i - 1].bytes);
    expect(report.paper.ratio).toBe(40);
    // Oracle: the written files, loaded by tfjs, score the final accuracy.
    const loaded = await loadExportedModel(report.exported);
    expect(await evaluateAccuracy(loaded, data)).toBe(report.after.accuracy);
    expect(report.fileBytes).toBe(report.exported.weightFiles[0].data.byteLength);
    loaded.dispose();
  });

  it('refuses a model without fc1, fc2 and output as a value', async () => {
    const student = buildOrThrow(buildStudentMlp(), { seed: 1 });
    const r = await reproduceDeepCompression(student, data);
    expect(r).toMatchObject({ ok: false, error: { layer: 'fc2', message: expect.stringMatching(/Expected LeNet-300-100/) } });
    student.dispose();
  });
});
