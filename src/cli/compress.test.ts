import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { smallConvNet } from '../core/compress/test-models';
import { exportLayersModel, namedWeightsOf, topologyOf } from '../tf/export-model';
import { readWeightsFromDir } from '../tf/weights-files';
import { buildOrThrow } from '../tf/test-helpers';
import { runCompress, type CompressJson } from './compress';

const run = promisify(execFile);
let dir: string;
let modelPath: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'floplab-compress-'));
  const built = buildOrThrow(smallConvNet(), { seed: 4 });
  const exported = exportLayersModel(topologyOf(built), namedWeightsOf(built));
  built.dispose();
  modelPath = join(dir, 'model.json');
  await writeFile(modelPath, JSON.stringify(exported.modelJson));
  for (const f of exported.weightFiles) await writeFile(join(dir, f.name), f.data);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function captureIo() {
  const io = { outText: '', errText: '', out: (t: string) => { io.outText += t; }, err: (t: string) => { io.errText += t; } };
  return io;
}

describe('floplab compress', () => {
  it('end to end through main.ts: --prune 0.5 --kmeans 16 --bits 8 --json writes a model whose kernels obey the flags', async () => {
    const out = join(dir, 'out-e2e');
    const { stdout } = await run('node_modules/.bin/tsx', ['src/cli/main.ts', 'compress', modelPath, '--prune', '0.5', '--kmeans', '16', '--bits', '8', '--out', out, '--json']);
    const summary = JSON.parse(stdout) as CompressJson;
    expect(Object.keys(summary)).toEqual(['before', 'after', 'ratio', 'stages', 'layers']);
    expect(summary.stages.map((s) => s.name)).toEqual(['original', 'prune', 'share', 'quantize']);
    expect(summary.ratio).toBeCloseTo(summary.before.bytes / summary.after.bytes, 10);
    expect(summary.after.fileBytes).toBeLessThan(summary.before.bytes / 3);
    expect(Object.keys(summary.layers[0])).toEqual(['name', 'sparsity', 'clusters', 'bits', 'mse', 'sqnrDb']);
    const weights = await readWeightsFromDir(join(out, 'model.json'));
    if (!weights.ok) throw new Error(weights.error.message);
    for (const w of weights.value.filter((x) => x.name.endsWith('/kernel'))) {
      expect(w.data.filter((v) => v === 0).length / w.data.length).toBeGreaterThanOrEqual(0.5);
      expect(new Set(w.data).size).toBeLessThanOrEqual(17);
    }
    const manifest = JSON.parse(await readFile(join(out, 'model.json'), 'utf8')).weightsManifest[0].weights;
    expect(manifest.find((e: { name: string }) => e.name === 'conv1/kernel').quantization.dtype).toBe('uint8');
  });

  it('--structured writes a model with fewer filters that still loads', async () => {
    const out = join(dir, 'out-structured');
    const io = captureIo();
    expect(await runCompress([modelPath, '--prune', '0.5', '--structured', '--out', out, '--json'], io)).toBe(0);
    const model = await tf.loadLayersModel({
      load: async () => {
        const json = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
        const data = await readFile(join(out, json.weightsManifest[0].paths[0]));
        return { modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) };
      },
    });
    expect(model.getLayer('conv1').getWeights()[0].shape).toEqual([3, 3, 3, 4]);
    expect(model.outputs[0].shape).toEqual([null, 3]);
    model.dispose();
  });

  it('prints a readable report without --json', async () => {
    const io = captureIo();
    expect(await runCompress([modelPath, '--bits', '4', '--per-channel', '--out', join(dir, 'out-text')], io)).toBe(0);
    expect(io.outText).toMatch(/Ratio:/);
    expect(io.outText).toMatch(/per-channel/);
  });

  it.each([
    [['--prune', '1', '--out', 'x'], /--prune: Expected a sparsity in \[0, 1\)/],
    [['--kmeans', '1', '--out', 'x'], /--kmeans: Expected an integer k from 2 to 256/],
    [['--bits', '17', '--out', 'x'], /--bits/],
    [['--kmeans', '8'], /--out/],
    [['--global', '--out', 'x'], /needs --prune/],
  ])('rejects %j with one line and exit 2', async (flags, message) => {
    const io = captureIo();
    expect(await runCompress([modelPath, ...flags], io)).toBe(2);
    expect(io.errText).toMatch(message);
    expect(io.errText.trim().split('\n')).toHaveLength(1);
  });

  it('rejects a model without weights', async () => {
    const topologyOnly = join(dir, 'topology.json');
    const json = JSON.parse(await readFile(modelPath, 'utf8'));
    await writeFile(topologyOnly, JSON.stringify({ modelTopology: json.modelTopology }));
    const io = captureIo();
    expect(await runCompress([topologyOnly, '--prune', '0.5', '--out', join(dir, 'none')], io)).toBe(2);
    expect(io.errText).toMatch(/no weights/);
  });
});
