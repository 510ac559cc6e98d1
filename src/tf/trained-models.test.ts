/**
 * The shipped trained presets (public/models, written by npm run train-models): their weights,
 * evaluated again here on the 2,000 test digits, reach exactly the accuracy their record.json
 * states, and the model.json is the preset's architecture (same layers; params per tfjs equal
 * FlopLab's count).
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../core/analyze';
import { PRESETS } from '../core/presets';
import { selectBackend, type BackendName } from './backend';
import { digitsForGraph, disposeDigitsTensors, readDigitsFile } from './digits-data';
import { evaluateAccuracy } from './evaluate';
import { readModelFiles } from './model-files';

const publicDir = join(import.meta.dirname, '../../public');
const trained = PRESETS.filter((p) => p.trained);

describe('trained presets', { timeout: 120_000 }, () => {
  it('has the three issue-8 ids with relative model paths', () => {
    expect(trained.map((p) => p.id).sort()).toEqual(['lenet-300-100-digits', 'lenet-5-digits', 'student-mlp-digits']);
    for (const p of trained) expect(p.trained!.modelPath).toBe(`models/${p.id}/model.json`);
  });

  it.each(trained.map((p) => [p.id, p] as const))('%s: evaluated accuracy equals its record, architecture equals the preset', async (id, preset) => {
    const record = JSON.parse(readFileSync(join(publicDir, 'models', id, 'record.json'), 'utf8')) as { testAccuracy: number; backend: BackendName; id: string };
    expect(record.id).toBe(id);
    expect(preset.trained!.testAccuracy).toBe(record.testAccuracy);
    // The record was measured on the backend that trained it: evaluate there too.
    expect(await selectBackend('inference', { prefer: record.backend })).toBe(record.backend);
    const loaded = await readModelFiles(join(publicDir, preset.trained!.modelPath));
    if (!loaded.ok) throw new Error(loaded.error.message);
    const { model, graph } = loaded.value;
    const digits = await readDigitsFile(join(publicDir, 'data/digits.bin'));
    if (!digits.ok) throw new Error(digits.error.message);
    const data = digitsForGraph(graph, digits.value);
    if (!data.ok) throw new Error(data.error.message);
    const before = tf.memory().numTensors;
    try {
      expect(Math.abs(await evaluateAccuracy(model, data.value) - record.testAccuracy)).toBeLessThanOrEqual(1e-9);
      expect(tf.memory().numTensors).toBe(before);
      const expected = preset.build();
      const shape = (g: typeof graph) => g.layers.map((l) => [l.type, l.name, 'units' in l ? l.units : null, 'activation' in l ? l.activation : null]);
      expect(shape(graph)).toEqual(shape(expected));
      const analysis = analyzeModel(expected);
      if (!analysis.ok) throw new Error(analysis.errors[0].message);
      expect(model.countParams()).toBe(analysis.report.totals.params);
    } finally {
      disposeDigitsTensors(data.value);
      model.dispose();
    }
  });
});
