import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { findPreset } from '../core/presets';
import { createWorkerApi } from './worker-api';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('measureLatency (node: wasm backend)', () => {
  it('times LeNet-5 and reports a median, the backend and every run, leaking no tensor', async () => {
    const api = createWorkerApi();
    const before = tf.memory().numTensors;
    const progress: number[] = [];
    const result = await api.measureLatency(findPreset('lenet-5')!.build(), { jobId: 'm1', runs: 5, warmup: 1 }, (p) => progress.push(p.fraction));
    expect(result.status).toBe('done');
    if (result.status !== 'done') return;
    expect(result.backend).toBe('wasm');
    expect(result.runs).toBe(5);
    expect(result.timesMs).toHaveLength(5);
    const sorted = [...result.timesMs].sort((a, b) => a - b);
    expect(result.medianMs).toBe(sorted[2]);
    expect(progress.at(-1)).toBeCloseTo(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('resolves with { cancelled: true } when cancelled, leaking no tensor', async () => {
    const api = createWorkerApi();
    const before = tf.memory().numTensors;
    const job = api.measureLatency(findPreset('lenet-5')!.build(), { jobId: 'm2', runs: 1000, warmup: 1 }, (p) => {
      if (p.fraction > 0.05) void api.cancel('m2');
    });
    await expect(job).resolves.toMatchObject({ status: 'cancelled', cancelled: true });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses VGG-16 with its size, without building it', async () => {
    const result = await createWorkerApi().measureLatency(findPreset('vgg-16')!.build(), { jobId: 'm3' });
    expect(result).toMatchObject({ status: 'refused' });
    if (result.status === 'refused') expect(result.reason).toContain('553.4 MB');
  });

  it('reports a broken graph as a failed job naming the layer', async () => {
    const graph = findPreset('lenet-5')!.build();
    const conv = graph.layers.find((l) => l.type === 'Conv2D')!;
    if (conv.type === 'Conv2D') conv.kernelSize = [99, 99];
    const result = await createWorkerApi().measureLatency(graph, { jobId: 'm4' });
    expect(result.status).toBe('failed');
    if (result.status === 'failed') expect(result.error.message).toContain(conv.name);
  });
});

describe('calibrate (node: wasm backend)', () => {
  it('measures a positive GFLOPS and bandwidth, leaking no tensor', async () => {
    const before = tf.memory().numTensors;
    const result = await createWorkerApi().calibrate('c1');
    expect(result.status).toBe('done');
    if (result.status !== 'done') return;
    expect(result.peakGflops).toBeGreaterThan(0);
    expect(result.bandwidthGBs).toBeGreaterThan(0);
    expect(result.backend).toBe('wasm');
    expect(result.matmulSize).toBe(512);
    expect(tf.memory().numTensors).toBe(before);
  }, 30_000);
});
