import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelGraph } from '../core/model';
import { findPreset } from '../core/presets';
import { backendOrder, isSoftwareRenderer, selectBackend, wasmCanTrain } from './backend';
import { buildOrThrow } from './test-helpers';

const dense: ModelGraph = {
  name: 'dense',
  layers: [
    { type: 'InputLayer', name: 'in', shape: [12] },
    { type: 'Dense', name: 'd1', units: 16, useBias: true, activation: 'relu' },
    { type: 'Dense', name: 'd2', units: 5, useBias: true, activation: 'softmax' },
  ],
};

const conv: ModelGraph = {
  name: 'conv',
  layers: [
    { type: 'InputLayer', name: 'in', shape: [10, 10, 3] },
    {
      type: 'Conv2D', name: 'c', filters: 4, kernelSize: [3, 3], strides: [1, 1], padding: 'same',
      dilationRate: [1, 1], useBias: true, activation: 'relu',
    },
    {
      type: 'DepthwiseConv2D', name: 'dw', kernelSize: [3, 3], strides: [2, 2], padding: 'valid',
      depthMultiplier: 2, dilationRate: [1, 1], useBias: false, activation: 'relu6',
    },
    { type: 'GlobalAveragePooling2D', name: 'gap' },
    { type: 'Dense', name: 'out', units: 3, useBias: true, activation: 'softmax' },
  ],
};

afterAll(async () => {
  await tf.setBackend('cpu');
});

/** Predictions of `graph` (seeded weights, seeded input) on the given backend. */
async function predictOn(backend: string, graph: ModelGraph, batch = 2): Promise<Float32Array> {
  expect(await tf.setBackend(backend)).toBe(true);
  const model = buildOrThrow(graph, { seed: 3 });
  try {
    const shape = [batch, ...(model.inputs[0].shape.slice(1) as number[])];
    const x = tf.randomUniform(shape, -1, 1, 'float32', 11);
    const y = model.predict(x) as tf.Tensor;
    const values = (await y.data()) as Float32Array;
    tf.dispose([x, y]);
    return values;
  } finally {
    model.dispose();
  }
}

describe('backend order', () => {
  it('puts webgl first only on a real GPU, wasm before cpu for inference', () => {
    expect(backendOrder('inference', {}, true)).toEqual(['webgl', 'wasm', 'cpu']);
    expect(backendOrder('inference', {}, false)).toEqual(['wasm', 'cpu']);
  });
  it('trains on wasm only when every layer has wasm gradients', () => {
    expect(backendOrder('training', { graph: dense }, false)).toEqual(['wasm', 'cpu']);
    expect(backendOrder('training', { graph: conv }, false)).toEqual(['cpu']);
    expect(backendOrder('training', {}, false)).toEqual(['cpu']);
    expect(backendOrder('training', { graph: conv }, true)).toEqual(['webgl', 'cpu']);
  });
  it('tries a preferred backend first, once', () => {
    expect(backendOrder('inference', { prefer: 'cpu' }, false)).toEqual(['cpu', 'wasm']);
  });
  it('wasmCanTrain refuses every convolution type', () => {
    expect(wasmCanTrain(dense)).toBe(true);
    expect(wasmCanTrain(conv)).toBe(false);
    expect(wasmCanTrain(findPreset('lenet-5')!.build())).toBe(false);
    expect(wasmCanTrain(findPreset('lenet-300-100')!.build())).toBe(true);
  });
  it('recognises software WebGL renderers', () => {
    expect(isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(false);
    expect(isSoftwareRenderer('Apple M2')).toBe(false);
  });
});

describe('selectBackend in Node', () => {
  it('picks wasm for inference and for training a dense model, cpu for training a conv model', async () => {
    expect(await selectBackend('inference')).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(await selectBackend('training', { graph: conv })).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(await selectBackend('training', { graph: dense })).toBe('wasm');
  });

  it('wasm predicts what cpu predicts (within 1e-5) for dense and conv models', async () => {
    await selectBackend('inference');
    for (const graph of [dense, conv]) {
      const onCpu = await predictOn('cpu', graph);
      const onWasm = await predictOn('wasm', graph);
      expect(onWasm.length).toBe(onCpu.length);
      const worst = Math.max(...onCpu.map((v, i) => Math.abs(v - onWasm[i])));
      expect(worst).toBeLessThan(1e-5);
    }
  });

  it('wasm trains a dense model: one SGD step gives the cpu step within 1e-5', async () => {
    await selectBackend('training', { graph: dense });
    const step = async (backend: string) => {
      await tf.setBackend(backend);
      const model = buildOrThrow(dense, { seed: 5 });
      model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
      const x = tf.randomUniform([4, 12], -1, 1, 'float32', 1);
      const y = tf.oneHot(tf.tensor1d([0, 1, 2, 3], 'int32'), 5);
      await model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0 });
      const kernel = (await model.getWeights()[0].data()) as Float32Array;
      tf.dispose([x, y]);
      model.dispose();
      return kernel;
    };
    const onCpu = await step('cpu');
    const onWasm = await step('wasm');
    expect(Math.max(...onCpu.map((v, i) => Math.abs(v - onWasm[i])))).toBeLessThan(1e-5);
  });
});
