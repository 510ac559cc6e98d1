/**
 * Round trip through real TensorFlow.js: models built with tf.layers, saved as model.json
 * artifacts, imported by parseModelJson; FlopLab's params must equal model.countParams() and
 * every output shape must equal tfjs's.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeModel } from '../core/analyze';
import { parseModelJson } from '../core/import/model-json';
import { findPreset } from '../core/presets';
import keras2Residual from '../core/import/fixtures/keras2-functional-residual.json';
import { decodeWeights } from './weights-io';
import { buildOrThrow } from './test-helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** What `model.save` writes: model.json (topology + manifest) and one weights buffer. */
async function saveArtifacts(model: tf.LayersModel) {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  if (!artifacts?.weightSpecs || !artifacts.weightData) throw new Error('no artifacts');
  const modelJson = {
    format: 'layers-model', generatedBy: 'TensorFlow.js tfjs-layers v4.22.0', convertedBy: null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: ['./weights.bin'], weights: artifacts.weightSpecs }],
  };
  // Through text, as a file would be.
  return { modelJson: JSON.parse(JSON.stringify(modelJson)) as unknown, weightData: tf.io.CompositeArrayBuffer.join(artifacts.weightData) };
}

function smallCnn(): tf.LayersModel {
  const m = tf.sequential({ name: 'small_cnn' });
  m.add(tf.layers.zeroPadding2d({ inputShape: [28, 28, 1], padding: 2, name: 'pad' }));
  m.add(tf.layers.conv2d({ filters: 6, kernelSize: 5, activation: 'relu', name: 'c1' }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2, name: 'p1' }));
  m.add(tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same', name: 'dw' }));
  m.add(tf.layers.separableConv2d({ filters: 16, kernelSize: 3, strides: 2, name: 'sep' }));
  m.add(tf.layers.batchNormalization({ name: 'bn' }));
  m.add(tf.layers.reLU({ maxValue: 6, name: 'r6' }));
  m.add(tf.layers.conv2dTranspose({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', name: 'up' }));
  m.add(tf.layers.averagePooling2d({ poolSize: 2, strides: 1, name: 'ap' }));
  m.add(tf.layers.leakyReLU({ alpha: 0.1, name: 'lk' }));
  m.add(tf.layers.flatten({ name: 'flat' }));
  m.add(tf.layers.dropout({ rate: 0.25, name: 'drop' }));
  m.add(tf.layers.dense({ units: 10, activation: 'softmax', name: 'out' }));
  return m;
}

function residualBranches(): tf.LayersModel {
  const input = tf.input({ shape: [16, 16, 3], name: 'img' });
  const a = tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', useBias: false, name: 'a' }).apply(input) as tf.SymbolicTensor;
  const aBn = tf.layers.batchNormalization({ name: 'a_bn' }).apply(a) as tf.SymbolicTensor;
  const b = tf.layers.conv2d({ filters: 8, kernelSize: 1, name: 'b' }).apply(input) as tf.SymbolicTensor;
  const sum = tf.layers.add({ name: 'sum' }).apply([aBn, b]) as tf.SymbolicTensor;
  const act = tf.layers.activation({ activation: 'relu', name: 'act' }).apply(sum) as tf.SymbolicTensor;
  const cat = tf.layers.concatenate({ axis: -1, name: 'cat' }).apply([act, input]) as tf.SymbolicTensor;
  const gap = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(cat) as tf.SymbolicTensor;
  const gmp = tf.layers.globalMaxPooling2d({ name: 'gmp' }).apply(cat) as tf.SymbolicTensor;
  const both = tf.layers.concatenate({ name: 'both' }).apply([gap, gmp]) as tf.SymbolicTensor;
  const reshaped = tf.layers.reshape({ targetShape: [2, 11], name: 'rs' }).apply(both) as tf.SymbolicTensor;
  const flat = tf.layers.flatten({ name: 'f' }).apply(reshaped) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 3, name: 'out' }).apply(flat) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out, name: 'branches' });
}

/** Transfer learning: a functional base model as the first layer of a Sequential. */
function nestedBase(): tf.LayersModel {
  const input = tf.input({ shape: [12, 12, 3], name: 'base_in' });
  const conv = tf.layers.conv2d({ filters: 4, kernelSize: 3, name: 'base_conv' }).apply(input) as tf.SymbolicTensor;
  const base = tf.model({ inputs: input, outputs: conv, name: 'base' });
  const m = tf.sequential({ name: 'fine_tuned' });
  m.add(base);
  m.add(tf.layers.globalMaxPooling2d({ name: 'pool' }));
  m.add(tf.layers.dense({ units: 5, name: 'head' }));
  return m;
}

const models: [string, () => tf.LayersModel][] = [
  ['a Sequential CNN', smallCnn], ['a functional model with Add and Concatenate', residualBranches],
];
const built: tf.LayersModel[] = [];
afterAll(() => built.forEach((m) => m.dispose()));

describe('model.json written by tfjs-layers', () => {
  it.each(models)('%s: params equal countParams() and every output shape equals tfjs', async (_label, build) => {
    const model = build();
    built.push(model);
    const { modelJson, weightData } = await saveArtifacts(model);
    const before = tf.memory().numTensors;
    const imported = parseModelJson(modelJson);
    if (!imported.ok) throw new Error(imported.error.message);
    expect(imported.value.warnings).toEqual([]);
    const analysis = analyzeModel(imported.value.graph);
    if (!analysis.ok) throw new Error(analysis.errors[0].message);
    expect(analysis.report.totals.params).toBe(model.countParams());
    for (const layer of model.layers) {
      const cost = analysis.report.layers.find((l) => l.name === layer.name);
      expect(cost?.outputShape, layer.name).toEqual((layer.outputShape as number[]).slice(1));
    }
    // The weights decode to exactly what the model holds, in the manifest's names.
    const manifest = imported.value.weightsManifest;
    if (!manifest) throw new Error('no manifest');
    const weights = decodeWeights(manifest, [weightData]);
    if (!weights.ok) throw new Error(weights.error.message);
    const held = new Map(model.weights.map((w) => [w.originalName, w.read().dataSync() as Float32Array]));
    expect(weights.value.map((w) => w.name).sort()).toEqual([...held.keys()].sort());
    for (const w of weights.value) expect(w.data).toEqual(held.get(w.name));
    expect(weights.value.reduce((n, w) => n + w.data.length, 0)).toBe(model.countParams());
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('a nested model written by tfjs-layers', () => {
  it('is flattened with the parameter count tfjs reports', async () => {
    const model = nestedBase();
    built.push(model);
    const { modelJson } = await saveArtifacts(model);
    const imported = parseModelJson(modelJson);
    if (!imported.ok) throw new Error(imported.error.message);
    expect(imported.value.graph.layers.map((l) => l.name)).toEqual(['base_in', 'base_conv', 'pool', 'head']);
    const analysis = analyzeModel(imported.value.graph);
    if (!analysis.ok) throw new Error(analysis.errors[0].message);
    expect(analysis.report.totals.params).toBe(model.countParams());
  });
});

describe('the hand-written converter fixture', () => {
  it('is a model tfjs itself loads, with the parameter count FlopLab finds', async () => {
    const specs = keras2Residual.weightsManifest[0].weights as tf.io.WeightsManifestEntry[];
    const count = specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
    const model = await tf.loadLayersModel(tf.io.fromMemory({
      modelTopology: keras2Residual.modelTopology as unknown as tf.io.ModelJSON['modelTopology'],
      weightSpecs: specs, weightData: new Float32Array(count).buffer,
    }));
    built.push(model);
    const imported = parseModelJson(keras2Residual);
    if (!imported.ok) throw new Error(imported.error.message);
    const analysis = analyzeModel(imported.value.graph);
    if (!analysis.ok) throw new Error(analysis.errors[0].message);
    expect(analysis.report.totals.params).toBe(model.countParams());
    expect(count).toBe(model.countParams());
  });
});

describe('presets exported by tfjs and imported back', () => {
  // The big ones (VGG-16, AlexNet, ResNet-50) are left out: their tfjs weights cost seconds here.
  const ids = ['lenet-5', 'resnet-18', 'mobilenet-v1', 'mobilenet-v2', 'normal-vs-separable-separable'];
  it.each(ids)('%s: the imported graph has the preset\'s names, shapes, params and MACs', (id) => {
    const graph = findPreset(id)?.build();
    if (!graph) throw new Error(`no preset ${id}`);
    const model = buildOrThrow(graph, { weights: 'zeros' });
    const topology = JSON.parse(JSON.stringify(model.toJSON(null, false)));
    model.dispose();
    const imported = parseModelJson({ modelTopology: topology });
    if (!imported.ok) throw new Error(imported.error.message);
    const original = analyzeModel(graph);
    const roundTrip = analyzeModel(imported.value.graph);
    if (!original.ok || !roundTrip.ok) throw new Error('analysis failed');
    const summary = (r: typeof original.report) => ({
      totals: r.totals,
      // tfjs serialises in its own topological order; compare per layer by name.
      layers: r.layers.map((l) => [l.name, l.className, l.outputShape.join('x'), l.params, l.macs]).sort(),
    });
    expect(summary(roundTrip.report)).toEqual(summary(original.report));
  });
});
