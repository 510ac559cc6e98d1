/**
 * Times the training loop (src/tf/train.ts) on LeNet-300-100 and prints the per-epoch history:
 *
 *   npx tsx scripts/measure-training.ts [--backend cpu|wasm] [--epochs 3] [--limit 8000]
 *
 * Adam, learning rate 1e-3, batch 64, seed 1 (weights and shuffle). Runs in Node from the repo root.
 */
import * as tf from '@tensorflow/tfjs';
import { parseArgs } from 'node:util';
import { digitsFit } from '../src/core/digits/fit';
import { findPreset } from '../src/core/presets';
import { buildTfModel } from '../src/tf/build-model';
import { digitsTensors, disposeDigitsTensors, readDigitsFile } from '../src/tf/digits-data';
import { trainModel } from '../src/tf/train';

const { values } = parseArgs({ options: { backend: { type: 'string', default: 'cpu' }, epochs: { type: 'string', default: '3' }, limit: { type: 'string', default: '8000' }, preset: { type: 'string', default: 'lenet-300-100' } } });
if (values.backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
if (!(await tf.setBackend(values.backend))) throw new Error(`backend ${values.backend} failed to start`);
await tf.ready();

const graph = findPreset(values.preset)!.build();
const fit = digitsFit(graph);
const digits = await readDigitsFile();
if (!fit.ok || !digits.ok) throw new Error('digits do not load or fit');
const model = buildTfModel(graph, { seed: 1 });
if (!model.ok) throw new Error(model.error.message);
const data = digitsTensors(digits.value, fit.value);
let last = performance.now();
const result = await trainModel(model.value, data, {
  epochs: Number(values.epochs), batchSize: 64, learningRate: 1e-3, optimizer: 'adam', seed: 1, trainLimit: Number(values.limit),
}, (p) => {
  if (p.type !== 'epoch') return;
  const now = performance.now();
  const r = p.record;
  console.log(`epoch ${r.epoch}: ${((now - last) / 1000).toFixed(1)} s (incl. test eval), loss ${r.loss.toFixed(4)}, train ${(r.trainAccuracy * 100).toFixed(2)} %, test ${(r.accuracy * 100).toFixed(2)} %`);
  last = now;
});
if (!result.ok) throw new Error(result.error.message);
console.log(`backend ${tf.getBackend()}, ${values.preset}, ${values.limit} training digits`);
disposeDigitsTensors(data);
model.value.dispose();
