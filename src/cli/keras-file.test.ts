import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import expected from '../core/import/keras-file/fixtures/expected.json';
import { readWeightsFromDir } from '../tf/weights-files';
import { runAnalyze } from './analyze';
import { runCompress, type CompressJson } from './compress';

const FIXTURES = join(__dirname, '../core/import/keras-file/fixtures');
const MODEL_JSON_FIXTURES = join(__dirname, '../core/import/fixtures');
type Expected = Record<string, { totalParams: number; weights: Record<string, { shape: number[]; first: number[] }> }>;
const files = expected as Expected;

let dir: string;
beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'floplab-keras-'));
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

function captureIo() {
  const io = { outText: '', errText: '', out: (t: string) => { io.outText += t; }, err: (t: string) => { io.errText += t; } };
  return io;
}

async function analyzeJson(path: string): Promise<{ params: number; layers: { name: string; params: number }[] }> {
  const io = captureIo();
  expect(await runAnalyze([path, '--json'], io), io.errText).toBe(0);
  return JSON.parse(io.outText);
}

describe('floplab analyze <model.keras | model.h5>', () => {
  it.each(Object.keys(files))('%s: params are the sum of the file\'s weight arrays', async (name) => {
    expect((await analyzeJson(join(FIXTURES, name))).params).toBe(files[name].totalParams);
  });

  it('prints the same JSON for a .keras or .h5 as for the model.json of the same Keras export', async () => {
    const fromJson3 = await analyzeJson(join(MODEL_JSON_FIXTURES, 'keras3-functional-residual.json'));
    expect(await analyzeJson(join(FIXTURES, 'residual-keras3.keras'))).toEqual(fromJson3);
    const fromJson2 = await analyzeJson(join(MODEL_JSON_FIXTURES, 'keras2-functional-residual.json'));
    expect(await analyzeJson(join(FIXTURES, 'residual-keras2.h5'))).toEqual(fromJson2);
  });

  it('refuses bytes that are no Keras file: one line, exit 2', async () => {
    const path = join(dir, 'fake.keras');
    await writeFile(path, 'not a model');
    const io = captureIo();
    expect(await runAnalyze([path], io)).toBe(2);
    expect(io.errText).toBe('floplab: fake.keras: Expected a Keras model file (a .keras zip archive or an HDF5 .h5 file), but its first bytes are neither.\n');
  });

  it('names a missing file', async () => {
    const io = captureIo();
    expect(await runAnalyze([join(dir, 'absent.h5')], io)).toBe(2);
    expect(io.errText).toMatch(/Cannot read .*absent\.h5: no such file\./);
  });
});

/** Loads a written model.json + weights with tfjs (as a user would). */
async function loadWritten(out: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel({
    load: async () => {
      const json = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
      const data = await readFile(join(out, json.weightsManifest[0].paths[0]));
      return { modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) };
    },
  });
}

describe('floplab compress <model.keras | model.h5> --out <dir>', () => {
  it.each(['small-cnn.keras', 'small-cnn.h5', 'nested-cnn.keras', 'nested-cnn.h5'])('%s: compresses the file\'s own weights and writes a model.json tfjs loads', async (name) => {
    const out = join(dir, `out-${name}`);
    const io = captureIo();
    expect(await runCompress([join(FIXTURES, name), '--prune', '0.5', '--bits', '8', '--out', out, '--json'], io), io.errText).toBe(0);
    const summary = JSON.parse(io.outText) as CompressJson;
    const want = files[name].weights;
    const floats = Object.values(want).reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
    expect(summary.before.bytes).toBe(floats * 4);
    const written = await readWeightsFromDir(join(out, 'model.json'));
    if (!written.ok) throw new Error(written.error.message);
    expect(written.value.map((w) => w.name).sort()).toEqual(Object.keys(want).sort());
    // Biases and BatchNorm stay float32: exactly the values the fixture script wrote.
    for (const w of written.value.filter((x) => !x.name.endsWith('/kernel'))) {
      expect(Array.from(w.data.subarray(0, want[w.name].first.length)), w.name).toEqual(want[w.name].first);
    }
    for (const w of written.value.filter((x) => x.name.endsWith('/kernel'))) {
      expect(w.data.filter((v) => v === 0).length / w.data.length).toBeGreaterThanOrEqual(0.5);
    }
    const model = await loadWritten(out);
    expect(model.countParams()).toBe(files[name].totalParams);
    model.dispose();
  });

  it('refuses a .keras whose weights do not fit its config, naming the layer and weight', async () => {
    const { unzipSync, zipSync, strToU8 } = await import('fflate');
    const parts = unzipSync(new Uint8Array(await readFile(join(FIXTURES, 'small-cnn.keras'))));
    const config = JSON.parse(new TextDecoder().decode(parts['config.json']));
    config.config.layers[5].config.units = 7;
    parts['config.json'] = strToU8(JSON.stringify(config));
    const path = join(dir, 'mismatch.keras');
    await writeFile(path, zipSync(parts));
    const io = captureIo();
    expect(await runCompress([path, '--bits', '8', '--out', join(dir, 'never')], io)).toBe(2);
    expect(io.errText).toBe("floplab: mismatch.keras: Layer 'dense' (Dense): Expected weight 'kernel' to have shape [64, 7], but the file has [64, 3].\n");
  });

  it('refuses a damaged .h5 in one line', async () => {
    const path = join(dir, 'cut.h5');
    await copyFile(join(FIXTURES, 'small-cnn.h5'), path);
    await writeFile(path, (await readFile(path)).subarray(0, 1000));
    const io = captureIo();
    expect(await runCompress([path, '--bits', '8', '--out', join(dir, 'never')], io)).toBe(2);
    expect(io.errText).toMatch(/^floplab: cut\.h5: .*\n$/);
  });
});
