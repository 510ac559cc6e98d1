/**
 * Writes MobileNetV1 (the preset, seeded weights) as TensorFlow.js saves a layers model:
 * model.json + one weights file (17 MB), for the CLI timing in bench/cli-process.bench.ts.
 *   node_modules/.bin/tsx bench/make-mobilenet-fixture.ts [dir]   (default: $TMPDIR/floplab-mobilenet-v1)
 */
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPreset } from '../src/core/presets';
import { buildTfModel } from '../src/tf/build-model';
import { exportLayersModel, namedWeightsOf, topologyOf } from '../src/tf/export-model';

export const DEFAULT_MOBILENET_DIR = join(tmpdir(), 'floplab-mobilenet-v1');

/** Builds the preset with seeded weights and saves it under `dir`; returns the model.json path. */
export async function writeMobileNetFixture(dir = DEFAULT_MOBILENET_DIR): Promise<string> {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  const preset = findPreset('mobilenet-v1');
  if (!preset) throw new Error('MobileNetV1 preset missing');
  const built = buildTfModel(preset.build(), { seed: 1 });
  if (!built.ok) throw new Error(built.error.message);
  const exported = exportLayersModel(topologyOf(built.value), namedWeightsOf(built.value));
  built.value.dispose();
  mkdirSync(dir, { recursive: true });
  const modelJson = join(dir, 'model.json');
  writeFileSync(modelJson, JSON.stringify(exported.modelJson));
  for (const f of exported.weightFiles) writeFileSync(join(dir, f.name), f.data);
  return modelJson;
}

if (process.argv[1]?.endsWith('make-mobilenet-fixture.ts')) {
  const path = await writeMobileNetFixture(process.argv[2]);
  process.stdout.write(`wrote ${path}\n`);
}
