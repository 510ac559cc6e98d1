import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompressionPlan } from '../core/compress/types';
import { findPreset } from '../core/presets';
import type { CompressDone, WorkerApi } from './api';
import { createWorkerApi } from './worker-api';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const DEEP_COMPRESSION: CompressionPlan = {
  stages: [
    { kind: 'prune', sparsity: 0.5 },
    { kind: 'share', k: 16, init: 'linear' },
    { kind: 'quantize', bits: 8 },
    { kind: 'huffman' },
  ],
};

async function compressDone(api: WorkerApi, plan: CompressionPlan, graph = findPreset('lenet-5')!.build()): Promise<CompressDone> {
  const result = await api.compress(graph, plan, `job-${Math.random()}`);
  if (result.status !== 'done') throw new Error(JSON.stringify(result));
  return result;
}

/** Loads exported files with tfjs (the path tf.loadLayersModel takes for an HTTP load). */
async function loadExport(files: { name: string; data: ArrayBuffer }[]): Promise<tf.LayersModel> {
  const json = JSON.parse(new TextDecoder().decode(files[0].data));
  const weightData = files[1].data;
  const weightSpecs = json.weightsManifest.flatMap((g: { weights: unknown[] }) => g.weights);
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData }));
}

describe('compress (node, cpu backend)', () => {
  it('prunes, shares and quantizes LeNet-5: smaller storage, fewer effective FLOPs, dense FLOPs unchanged, no tensor leaked', async () => {
    const before = tf.memory().numTensors;
    const progress: string[] = [];
    const api = createWorkerApi();
    const result = await api.compress(findPreset('lenet-5')!.build(), DEEP_COMPRESSION, 'c1', (p) => progress.push(p.message));
    expect(result.status).toBe('done');
    if (result.status !== 'done') return;
    expect(result.weightsSource).toBe('random');
    expect(result.after.weightBytes).toBeLessThan(result.before.weightBytes / 8);
    expect(result.totals.ratio).toBeCloseTo(result.before.weightBytes / result.after.weightBytes);
    expect(result.after.denseFlops).toBe(result.before.flops);
    expect(result.after.effectiveFlops).toBeLessThan(result.before.flops * 0.6);
    expect(result.stages.map((s) => s.name)).toEqual(['original', 'prune', 'share', 'quantize', 'huffman']);
    // 50 % pruning and 16 shared values move LeNet-5's outputs, but not beyond recognition.
    expect(result.fidelity?.relativeError).toBeGreaterThan(0);
    expect(result.fidelity?.relativeError).toBeLessThan(0.5);
    expect(result.latency?.beforeMs).toBeGreaterThan(0);
    expect(progress).toContain('Done');
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('fidelity: a plan that changes no weight gives relative error 0 and top-1 agreement 1; a heavy one measurably less', async () => {
    const api = createWorkerApi();
    const same = await compressDone(api, { stages: [] });
    expect(same.fidelity).toMatchObject({ relativeError: 0, top1Agreement: 1 });
    // Huffman coding is lossless: the same weights, only stored smaller.
    const lossless = await compressDone(api, { stages: [{ kind: 'huffman' }] });
    expect(lossless.fidelity).toMatchObject({ relativeError: 0, top1Agreement: 1 });
    const heavy = await compressDone(api, { stages: [{ kind: 'prune', sparsity: 0.95 }, { kind: 'quantize', bits: 2 }] });
    // 95 % pruning and 2-bit weights (seeded LeNet-5 here: relative error 0.126, top-1 agreement 0.25).
    expect(heavy.fidelity!.relativeError).toBeGreaterThan(0.05);
    expect(heavy.fidelity!.top1Agreement).toBeLessThan(1);
  }, 60_000);

  it('exports files tfjs loads, whose kernels keep the sparsity and the shared values', async () => {
    const result = await compressDone(createWorkerApi(), DEEP_COMPRESSION);
    const files = result.export!.files;
    expect(files.map((f) => f.name)).toEqual(['model.json', 'group1-shard1of1.bin']);
    expect(result.export!.fileBytes).toBe(files.reduce((s, f) => s + f.data.byteLength, 0));
    const model = await loadExport(files);
    try {
      const kernel = model.getLayer(result.perLayer[0].name).getWeights()[0].dataSync();
      const zeros = kernel.filter((v) => v === 0).length;
      expect(zeros / kernel.length).toBeGreaterThanOrEqual(0.5);
      expect(new Set(kernel).size).toBeLessThanOrEqual(17);
    } finally {
      model.dispose();
    }
  }, 60_000);

  it('structured pruning shrinks the graph, so dense FLOPs drop too', async () => {
    const result = await compressDone(createWorkerApi(), { stages: [{ kind: 'prune', sparsity: 0.5, structured: true }] });
    expect(result.after.denseFlops).toBeLessThan(result.before.flops);
    expect(result.after.params).toBeLessThan(result.before.params);
    const original = findPreset('lenet-5')!.build();
    expect(JSON.stringify(result.graph)).not.toBe(JSON.stringify(original));
  }, 60_000);

  it('re-imports its own export and compresses the imported weights', async () => {
    const api = createWorkerApi();
    const first = await compressDone(api, DEEP_COMPRESSION);
    const [modelJson, weights] = first.export!.files;
    const imported = await api.importModel(JSON.parse(new TextDecoder().decode(modelJson.data)), [weights]);
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    expect(imported.value.hasWeights).toBe(true);
    const second = await compressDone(api, { stages: [{ kind: 'quantize', bits: 8 }] }, imported.value.graph);
    expect(second.weightsSource).toBe('imported');
    // The imported kernels are already ≥ 50 % zeros.
    expect(second.perLayer[0].sparsity).toBeGreaterThanOrEqual(0.5);
  }, 60_000);

  it('resolves with { cancelled: true } when cancelled mid-pipeline, leaking no tensor', async () => {
    const before = tf.memory().numTensors;
    const api = createWorkerApi();
    const job = api.compress(findPreset('lenet-5')!.build(), DEEP_COMPRESSION, 'c9', (p) => {
      if (p.fraction > 0.1) void api.cancel('c9');
    });
    await expect(job).resolves.toMatchObject({ status: 'cancelled', cancelled: true });
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('reports an impossible plan as a failed job with the pipeline\'s message', async () => {
    const result = await createWorkerApi().compress(findPreset('lenet-5')!.build(), { stages: [{ kind: 'share', k: 1 }] }, 'c10');
    expect(result.status).toBe('failed');
    if (result.status === 'failed') expect(result.error.message).toMatch(/k/);
  });
});
