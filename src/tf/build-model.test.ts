import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { analyzeModel } from '../core/analyze';
import type { LayerSpec, ModelGraph } from '../core/model';
import { findPreset } from '../core/presets';
import { buildTfModel } from './build-model';
import { buildOrThrow } from './test-helpers';

const build = (graph: ModelGraph, seed?: number): tf.LayersModel => buildOrThrow(graph, { seed });

/** Every weight as [name, values], for comparing two builds. */
function weightsOf(model: tf.LayersModel): [string, number[]][] {
  return model.weights.map((w) => [w.originalName, Array.from(w.read().dataSync())]);
}

const conv = (name: string, extra: Partial<Extract<LayerSpec, { type: 'Conv2D' }>> = {}): LayerSpec => ({
  type: 'Conv2D', name, filters: 4, kernelSize: [3, 3], strides: [1, 1], padding: 'same',
  dilationRate: [1, 1], useBias: true, activation: 'relu', ...extra,
});

/** One graph with every layer type FlopLab knows, branching and merging. */
const EVERY_TYPE: ModelGraph = {
  name: 'every type',
  layers: [
    { type: 'InputLayer', name: 'in', shape: [16, 16, 3] },
    conv('conv', { activation: 'leaky_relu' }),
    { type: 'DepthwiseConv2D', name: 'dw', kernelSize: [3, 3], strides: [1, 1], padding: 'same', depthMultiplier: 2, dilationRate: [1, 1], useBias: false, activation: 'relu6' },
    { type: 'SeparableConv2D', name: 'sep', filters: 4, kernelSize: [3, 3], strides: [1, 1], padding: 'same', depthMultiplier: 1, dilationRate: [2, 2], useBias: true, activation: 'hard_sigmoid' },
    { type: 'BatchNormalization', name: 'bn', epsilon: 1e-3, center: true, scale: true },
    { type: 'ReLU', name: 'relu6', maxValue: 6 },
    { type: 'Add', name: 'add', inputs: ['conv', 'relu6'] },
    { type: 'Conv2DTranspose', name: 'up', filters: 2, kernelSize: [2, 2], strides: [2, 2], padding: 'valid', useBias: true, activation: 'linear' },
    { type: 'ZeroPadding2D', name: 'pad', padding: [[0, 1], [1, 0]] },
    { type: 'MaxPooling2D', name: 'max', poolSize: [3, 3], strides: [3, 3], padding: 'valid' },
    { type: 'AveragePooling2D', name: 'avg', poolSize: [3, 3], strides: [3, 3], padding: 'valid', inputs: ['pad'] },
    { type: 'Concatenate', name: 'cat', axis: -1, inputs: ['max', 'avg'] },
    { type: 'LeakyReLU', name: 'leaky', alpha: 0.1 },
    { type: 'GlobalMaxPooling2D', name: 'gmax' },
    { type: 'GlobalAveragePooling2D', name: 'gavg', inputs: ['leaky'] },
    { type: 'Concatenate', name: 'pooled', axis: -1, inputs: ['gmax', 'gavg'] },
    { type: 'Reshape', name: 'grid', targetShape: [2, 2, 2] },
    { type: 'Flatten', name: 'flat' },
    { type: 'Dropout', name: 'drop', rate: 0.5 },
    { type: 'Dense', name: 'dense', units: 3, useBias: true, activation: 'linear' },
    { type: 'Activation', name: 'act', activation: 'tanh' },
    { type: 'Softmax', name: 'probs' },
  ],
};

describe('buildTfModel', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  let tensorsBefore = 0;
  beforeEach(() => { tensorsBefore = tf.memory().numTensors; });
  afterEach(() => { expect(tf.memory().numTensors).toBe(tensorsBefore); });

  it('gives identical weights for the same seed and different ones for another seed', () => {
    const graph = findPreset('lenet-5')!.build();
    const [a, b, c] = [build(graph, 7), build(graph, 7), build(graph, 8)];
    const [wa, wb, wc] = [weightsOf(a), weightsOf(b), weightsOf(c)];
    expect(wb).toEqual(wa);
    const kernel = (w: [string, number[]][]) => w.find(([n]) => n === 'c1/kernel')![1];
    expect(kernel(wc)).not.toEqual(kernel(wa));
    // Layers get different seeds too: no two kernels of one build start from the same numbers.
    expect(kernel(wa).slice(0, 5)).not.toEqual(wa.find(([n]) => n === 'c3/kernel')![1].slice(0, 5));
    [a, b, c].forEach((m) => m.dispose());
  });

  it('names layers and weights as the graph does', () => {
    const model = build(findPreset('mobilenet-v1')!.build());
    try {
      expect(model.layers.map((l) => l.name).slice(0, 4)).toEqual(['input_1', 'conv1', 'conv1_bn', 'conv1_relu']);
      expect(model.weights.map((w) => w.originalName)).toEqual(expect.arrayContaining([
        'conv1/kernel', 'conv1_bn/gamma', 'conv1_bn/beta', 'conv1_bn/moving_mean', 'conv1_bn/moving_variance',
        'conv_dw_1/depthwise_kernel', 'conv_preds/kernel', 'conv_preds/bias',
      ]));
    } finally {
      model.dispose();
    }
  });

  it('builds every layer type, with branches, and runs it', () => {
    const model = build(EVERY_TYPE, 3);
    try {
      expect(model.getLayer('up').outputShape).toEqual([null, 32, 32, 2]);
      expect(model.getLayer('cat').outputShape).toEqual([null, 11, 11, 4]);
      expect(model.getLayer('dw').countParams()).toBe(3 * 3 * 4 * 2);
      // 'leaky_relu' as an activation has no tfjs identifier: it becomes a LeakyReLU layer after the conv.
      expect(model.getLayer('conv_leaky_relu').getClassName()).toBe('LeakyReLU');
      const sums = tf.tidy(() => (model.predict(tf.ones([2, 16, 16, 3])) as tf.Tensor).sum(-1).arraySync());
      expect(sums).toEqual([expect.closeTo(1, 5), expect.closeTo(1, 5)]);
    } finally {
      model.dispose();
    }
  });

  it('agrees with the engine on every layer type: output shapes and params per layer', () => {
    const analysis = analyzeModel(EVERY_TYPE);
    if (!analysis.ok) throw new Error(analysis.errors.map((e) => e.message).join('\n'));
    const model = build(EVERY_TYPE);
    try {
      for (const cost of analysis.report.layers) {
        const layer = model.getLayer(cost.name);
        expect([cost.name, cost.outputShape, cost.params]).toEqual([cost.name, (layer.outputShape as number[]).slice(1), layer.countParams()]);
      }
      expect(analysis.report.totals.params).toBe(model.countParams());
    } finally {
      model.dispose();
    }
  });

  it('runs a preset end to end with seeded weights: softmax rows sum to 1', () => {
    const model = build(findPreset('lenet-5')!.build(), 1);
    const sums = tf.tidy(() => (model.predict(tf.randomUniform([1, 32, 32, 1], 0, 1, 'float32', 5)) as tf.Tensor).sum().dataSync()[0]);
    expect(sums).toBeCloseTo(1, 5);
    model.dispose();
  });

  it('leaves the graph it was given unchanged (tfjs edits a Reshape target in place)', () => {
    const graph: ModelGraph = {
      name: 'reshape',
      layers: [
        { type: 'InputLayer', name: 'in', shape: [2, 3, 4] },
        { type: 'Reshape', name: 'flat', targetShape: [-1] },
      ],
    };
    const before = structuredClone(graph);
    build(graph).dispose();
    expect(graph).toEqual(before);
  });

  it('rejects an Unknown layer with an error value naming it', () => {
    const result = buildTfModel({
      name: 'm',
      layers: [
        { type: 'InputLayer', name: 'in', shape: [8] },
        { type: 'Unknown', name: 'mystery', className: 'MyLayer', outputShape: [8] },
      ],
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-layer', layer: 'mystery' } });
    if (!result.ok) expect(result.error.message).toContain("'MyLayer'");
  });

  it('refuses a dilated DepthwiseConv2D, which tfjs would build without its dilation', () => {
    const graph: ModelGraph = {
      name: 'dilated depthwise',
      layers: [
        { type: 'InputLayer', name: 'in', shape: [9, 9, 2] },
        { type: 'DepthwiseConv2D', name: 'dw', kernelSize: [3, 3], strides: [1, 1], padding: 'valid', depthMultiplier: 1, dilationRate: [2, 2], useBias: true, activation: 'linear' },
      ],
    };
    const result = buildTfModel(graph);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ layer: 'dw', field: 'dilationRate' });
  });

  it('concatenates along the Keras axis -2 (tfjs would use the last axis for any negative one)', () => {
    const graph: ModelGraph = {
      name: 'concat -2',
      layers: [
        { type: 'InputLayer', name: 'in', shape: [2, 3, 4] },
        { type: 'Concatenate', name: 'cat', axis: -2, inputs: ['in', 'in'] },
      ],
    };
    const model = build(graph);
    const x = tf.ones([1, 2, 3, 4]);
    const y = model.predict(x) as tf.Tensor;
    // Keras: axis -2 of (batch, 2, 3, 4) is the width axis: (1, 2, 6, 4).
    expect(y.shape).toEqual([1, 2, 6, 4]);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('reports wiring problems as values', () => {
    const result = buildTfModel({ name: 'm', layers: [{ type: 'InputLayer', name: 'in', shape: [8] }, { type: 'Add', name: 'add', inputs: ['in', 'nope'] }] });
    expect(result).toMatchObject({ ok: false, error: { code: 'missing-input', layer: 'add' } });
  });

  it('turns a configuration tfjs rejects into an error value naming the layer, freeing what was built', () => {
    const result = buildTfModel({
      name: 'm',
      layers: [
        { type: 'InputLayer', name: 'in', shape: [6, 6, 1] },
        conv('ok_conv'),
        { type: 'Dense', name: 'fc', units: 2, useBias: true, activation: 'linear' },
        { type: 'Add', name: 'bad_add', inputs: ['ok_conv', 'fc'] },
      ],
    });
    expect(result).toMatchObject({ ok: false, error: { layer: 'bad_add' } });
    if (!result.ok) expect(result.error.message).toMatch(/^Layer 'bad_add': /);
  });
});
