import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyzeModel } from '../analyze';
import type { LayerSpec, ModelGraph } from '../model';
import type { Result } from '../result';
import { parseModelJson, type ImportedModel } from './model-json';
import keras2Residual from './fixtures/keras2-functional-residual.json';
import keras3Residual from './fixtures/keras3-functional-residual.json';

const entry = (class_name: string, config: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  ({ class_name, config, ...extra });
/** A tfjs-layers style model.json of a Sequential model. */
const sequentialJson = (layers: unknown[], name = 'seq') =>
  ({ modelTopology: { class_name: 'Sequential', config: { name, layers }, keras_version: 'tfjs-layers 4.22.0' } });
/** A Keras 2 functional layer entry. */
const k2 = (name: string, class_name: string, config: Record<string, unknown>, inbound: string[]) =>
  ({ name, class_name, config: { name, ...config }, inbound_nodes: inbound.length ? [inbound.map((i) => [i, 0, 0, {}])] : [] });
const functionalJson = (layers: unknown[], inputs: string[], outputs: string[]) => ({
  format: 'layers-model',
  modelTopology: {
    keras_version: '2.15.0', backend: 'tensorflow',
    model_config: { class_name: 'Functional', config: { name: 'f', layers, input_layers: inputs.map((n) => [n, 0, 0]), output_layers: outputs.map((n) => [n, 0, 0]) } },
  },
});

function expectOk(result: Result<ImportedModel>): ImportedModel {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.message}`);
  return result.value;
}
function expectError(result: Result<ImportedModel>) {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}
function totals(graph: ModelGraph) {
  const analysis = analyzeModel(graph);
  if (!analysis.ok) throw new Error(analysis.errors.map((e) => e.message).join('; '));
  return analysis.report;
}
const layer = (graph: ModelGraph, name: string): LayerSpec => {
  const found = graph.layers.find((l) => l.name === name);
  if (!found) throw new Error(`no layer ${name}`);
  return found;
};

// Hand-worked: conv1 3·3·3·16+16 = 448; bn1 4·16 = 64 (32 non-trainable); conv2 3·3·16·16+16 = 2,320;
// dense 16·10+10 = 170 → 3,002 params. MACs: 27·32·32·16 = 442,368; 144·32·32·16 = 2,359,296; 160.
const RESIDUAL = { params: 3002, trainable: 2970, macs: 442_368 + 2_359_296 + 160 };

describe('parseModelJson: converter flavour, functional with a residual Add', () => {
  it('reads the Keras 2 layout (inbound_nodes as lists) with its numbers', () => {
    const { graph, warnings, weightsManifest } = expectOk(parseModelJson(keras2Residual));
    expect(graph.name).toBe('residual_cnn');
    expect(graph.layers.map((l) => l.type)).toEqual([
      'InputLayer', 'Conv2D', 'BatchNormalization', 'Conv2D', 'Add', 'ReLU', 'MaxPooling2D', 'GlobalAveragePooling2D', 'Dense',
    ]);
    expect(layer(graph, 'add').inputs).toEqual(['conv2', 'bn1']);
    expect(layer(graph, 'conv1')).toEqual({
      type: 'Conv2D', name: 'conv1', filters: 16, kernelSize: [3, 3], strides: [1, 1], padding: 'same',
      dilationRate: [1, 1], useBias: true, activation: 'relu', inputs: ['input_1'],
    });
    expect(warnings).toEqual([]);
    expect(weightsManifest?.[0].paths).toEqual(['group1-shard1of1.bin']);
    const report = totals(graph);
    expect(report.totals.params).toBe(RESIDUAL.params);
    expect(report.totals.trainableParams).toBe(RESIDUAL.trainable);
    expect(report.totals.macs).toBe(RESIDUAL.macs);
    expect(report.outputShape).toEqual([10]);
  });

  it('reads the Keras 3 layout (__keras_tensor__ args, batch_shape, dtype policies) to the same model', () => {
    const k3 = expectOk(parseModelJson(keras3Residual));
    const k2graph = expectOk(parseModelJson(keras2Residual)).graph;
    expect(k3.warnings).toEqual([]);
    expect(layer(k3.graph, 'add').inputs).toEqual(['conv2', 'bn1']);
    const rename = (l: LayerSpec) => JSON.stringify(l).replaceAll('input_layer', 'input_1');
    expect(k3.graph.layers.map(rename)).toEqual(k2graph.layers.map(rename));
    expect(totals(k3.graph).totals.macs).toBe(RESIDUAL.macs);
  });
});

describe('parseModelJson: Sequential flavours', () => {
  const conv = { filters: 8, kernel_size: 3, activation: 'relu6', batch_input_shape: [null, 28, 28, 1] };
  it('adds an InputLayer from batch_input_shape and leaves a plain chain unwired', () => {
    const { graph } = expectOk(parseModelJson(sequentialJson([
      entry('Conv2D', { name: 'c1', ...conv }),
      entry('Flatten', { name: 'f' }),
      entry('Dense', { name: 'd', units: 10 }),
    ])));
    expect(graph.layers[0]).toEqual({ type: 'InputLayer', name: 'c1_input', shape: [28, 28, 1] });
    expect(graph.layers.every((l) => l.inputs === undefined)).toBe(true);
    expect(layer(graph, 'c1')).toMatchObject({ kernelSize: [3, 3], padding: 'valid', activation: 'relu6' });
    // 26·26·8 = 5,408 → Dense 10: 54,090 params; conv 3·3·1·8+8 = 80.
    expect(totals(graph).totals.params).toBe(80 + 54_090);
  });

  it('reads the old Keras list config, Keras 3 InputLayer(batch_shape) and a bare topology', () => {
    const list = expectOk(parseModelJson({ modelTopology: { class_name: 'Sequential', config: [entry('Dense', { name: 'd', units: 4, input_shape: [3] })] } }));
    expect(list.graph.layers[0]).toEqual({ type: 'InputLayer', name: 'd_input', shape: [3] });
    const k3 = expectOk(parseModelJson(sequentialJson([
      entry('InputLayer', { name: 'in', batch_shape: [null, 5] }), entry('Dense', { name: 'd', units: 2 }),
    ])));
    expect(k3.graph.layers.map((l) => l.name)).toEqual(['in', 'd']);
    const bare = expectOk(parseModelJson({ class_name: 'Sequential', config: { layers: [entry('Dense', { name: 'd', units: 4, batch_input_shape: [null, 3] })] } }));
    expect(totals(bare.graph).totals.params).toBe(16);
  });

  it('maps Keras hyperparameter forms: pool strides null, padding forms, slopes, reshape, axis', () => {
    const { graph } = expectOk(parseModelJson(sequentialJson([
      entry('InputLayer', { name: 'in', batch_input_shape: [null, 8, 8, 4] }),
      entry('ZeroPadding2D', { name: 'zp1', padding: 1 }),
      entry('ZeroPadding2D', { name: 'zp2', padding: [[0, 1], [2, 3]] }),
      entry('MaxPool2D', { name: 'mp', pool_size: [3, 3], strides: null, padding: 'same' }),
      entry('LeakyReLU', { name: 'lk', negative_slope: 0.1 }),
      entry('LeakyReLU', { name: 'lk2', alpha: 0.2 }),
      entry('ReLU', { name: 'r6', max_value: 6 }),
      entry('DepthwiseConv2D', { name: 'dw', kernel_size: [3, 3], depth_multiplier: 2, use_bias: false }),
      entry('SeparableConv2D', { name: 'sep', filters: 4, kernel_size: 1, dilation_rate: 1 }),
      entry('BatchNormalization', { name: 'bn', axis: -1, epsilon: 1e-5, center: false }),
      entry('Reshape', { name: 'rs', target_shape: [-1] }),
      entry('Dropout', { name: 'dr', rate: 0.5 }),
    ])));
    expect(layer(graph, 'zp1')).toMatchObject({ padding: [[1, 1], [1, 1]] });
    expect(layer(graph, 'zp2')).toMatchObject({ padding: [[0, 1], [2, 3]] });
    expect(layer(graph, 'mp')).toMatchObject({ type: 'MaxPooling2D', poolSize: [3, 3], strides: [3, 3], padding: 'same' });
    expect(layer(graph, 'lk')).toMatchObject({ alpha: 0.1 });
    expect(layer(graph, 'lk2')).toMatchObject({ alpha: 0.2 });
    expect(layer(graph, 'r6')).toMatchObject({ type: 'ReLU', maxValue: 6 });
    expect(layer(graph, 'dw')).toMatchObject({ depthMultiplier: 2, useBias: false, strides: [1, 1] });
    expect(layer(graph, 'bn')).toMatchObject({ epsilon: 1e-5, center: false, scale: true });
    expect(layer(graph, 'rs')).toMatchObject({ targetShape: [-1] });
    expect(layer(graph, 'dr')).toMatchObject({ rate: 0.5 });
  });
});

describe('parseModelJson: global pooling with keepdims (keras.applications MobileNet head)', () => {
  it('becomes the pooling plus a free Reshape to 1×1×C that later layers read from', () => {
    const json = functionalJson([
      k2('in', 'InputLayer', { batch_input_shape: [null, 7, 7, 32] }, []),
      k2('gap', 'GlobalAveragePooling2D', { keepdims: true }, ['in']),
      k2('conv_preds', 'Conv2D', { filters: 10, kernel_size: [1, 1] }, ['gap']),
      k2('flat', 'Reshape', { target_shape: [10] }, ['conv_preds']),
      k2('side', 'Flatten', {}, ['gap']),
    ], ['in'], ['flat', 'side']);
    const { graph, warnings } = expectOk(parseModelJson(json));
    expect(graph.layers.map((l) => l.name)).toEqual(['in', 'gap', 'gap_keepdims', 'conv_preds', 'flat', 'side']);
    expect(layer(graph, 'side').inputs).toEqual(['gap_keepdims']);
    expect(warnings[0]).toMatch(/keepdims/);
    const report = totals(graph);
    expect(report.layers.find((l) => l.name === 'gap_keepdims')?.outputShape).toEqual([1, 1, 32]);
    expect(report.layers.find((l) => l.name === 'conv_preds')?.inputShapes).toEqual([[1, 1, 32]]);
    expect(report.totals.params).toBe(32 * 10 + 10);
    expect(report.layers.find((l) => l.name === 'flat')?.outputShape).toEqual([10]);
  });
});

describe('parseModelJson: BatchNormalization axis', () => {
  const withBn = (inputShape: number[], axis: unknown, before: unknown[] = []) => sequentialJson([
    entry('InputLayer', { name: 'in', batch_input_shape: [null, ...inputShape] }), ...before,
    entry('BatchNormalization', { name: 'bn', axis }),
  ]);
  it('accepts the last axis however Keras writes it (-1, [3], [1] after a Dense)', () => {
    expect(parseModelJson(withBn([8, 8, 4], -1)).ok).toBe(true);
    expect(parseModelJson(withBn([8, 8, 4], [3])).ok).toBe(true);
    const afterDense = expectOk(parseModelJson(withBn([5], [1], [entry('Dense', { name: 'd', units: 6 })])));
    expect(totals(afterDense.graph).totals.params).toBe(36 + 24);
  });
  it('refuses a channels-first axis, naming layer and field', () => {
    const error = expectError(parseModelJson(withBn([4, 8, 8], 1)));
    expect(error).toMatchObject({ layer: 'bn', field: 'axis' });
    expect(error.message).toMatch(/Layer 'bn' \(BatchNormalization\): Expected axis to be the channels axis \(-1 or 3\), but got 1/);
  });
});

describe('parseModelJson: nested models are flattened', () => {
  it('inlines a Sequential inside a Sequential', () => {
    const inner = entry('Sequential', { name: 'block', layers: [entry('Dense', { name: 'd1', units: 4 }), entry('Dense', { name: 'd2', units: 2 })] });
    const { graph } = expectOk(parseModelJson(sequentialJson([entry('Dense', { name: 'd0', units: 3, batch_input_shape: [null, 5] }), inner])));
    expect(graph.layers.map((l) => l.name)).toEqual(['d0_input', 'd0', 'd1', 'd2']);
    expect(totals(graph).totals.params).toBe(18 + 16 + 10);
  });

  it('starts a Sequential from a functional base model that brings its own input (transfer learning)', () => {
    const base = entry('Functional', {
      name: 'base',
      layers: [
        k2('img', 'InputLayer', { batch_input_shape: [null, 8, 8, 3] }, []),
        k2('base_conv', 'Conv2D', { filters: 4, kernel_size: 3, padding: 'same' }, ['img']),
      ],
      input_layers: [['img', 0, 0]], output_layers: [['base_conv', 0, 0]],
    });
    const { graph } = expectOk(parseModelJson(sequentialJson([
      base, entry('GlobalAveragePooling2D', { name: 'gap' }), entry('Dense', { name: 'head', units: 2 }),
    ])));
    expect(graph.layers.map((l) => l.name)).toEqual(['img', 'base_conv', 'gap', 'head']);
    expect(totals(graph).totals.params).toBe(3 * 3 * 3 * 4 + 4 + 4 * 2 + 2);
  });

  it('inlines a Sequential called inside a functional model (Keras 2 node index 1)', () => {
    const backbone = {
      name: 'backbone', class_name: 'Sequential',
      config: { name: 'backbone', layers: [entry('InputLayer', { name: 'bin', batch_input_shape: [null, 4] }), entry('Dense', { name: 'bd', units: 3 })] },
      inbound_nodes: [[['x', 0, 0, {}]]],
    };
    const json = functionalJson([
      k2('x', 'InputLayer', { batch_input_shape: [null, 4] }, []),
      backbone,
      { ...k2('head', 'Dense', { units: 2 }, []), inbound_nodes: [[['backbone', 1, 0, {}]]] },
    ], ['x'], ['head']);
    const { graph } = expectOk(parseModelJson(json));
    expect(graph.layers.map((l) => l.name)).toEqual(['x', 'bd', 'head']);
    expect(totals(graph).totals.params).toBe(15 + 8);
  });
});

describe('parseModelJson: unknown layers and activations', () => {
  it('counts an unknown single-input layer as zero cost with its input shape, with a warning', () => {
    const { graph, warnings } = expectOk(parseModelJson(sequentialJson([
      entry('Dense', { name: 'd', units: 6, batch_input_shape: [null, 3] }),
      entry('Lambda', { name: 'scale', function: 'lambda x: x * 2' }),
      entry('Dense', { name: 'out', units: 2, activation: 'mish' }),
    ])));
    expect(layer(graph, 'scale')).toMatchObject({ type: 'Unknown', className: 'Lambda', outputShape: [6] });
    expect(layer(graph, 'out')).toMatchObject({ activation: 'linear' });
    expect(warnings.some((w) => w.includes("'scale'") && w.includes('Lambda'))).toBe(true);
    expect(warnings.some((w) => w.includes("'mish'"))).toBe(true);
    expect(totals(graph).totals.params).toBe(24 + 14);
  });

  it('uses the shape Keras 3 recorded for an unknown multi-input layer', () => {
    const tensor = (n: string, shape: number[]) => ({ class_name: '__keras_tensor__', config: { shape: [null, ...shape], keras_history: [n, 0, 0] } });
    const json = functionalJson([
      k2('a', 'InputLayer', { batch_shape: [null, 4] }, []),
      k2('b', 'InputLayer', { batch_shape: [null, 4] }, []),
      { name: 'mul', class_name: 'Multiply', config: { name: 'mul' }, inbound_nodes: [{ args: [[tensor('a', [4]), tensor('b', [4])]], kwargs: {} }] },
      { name: 'd', class_name: 'Dense', config: { name: 'd', units: 1 }, inbound_nodes: [{ args: [tensor('mul', [4])], kwargs: {} }] },
    ], ['a', 'b'], ['d']);
    const { graph } = expectOk(parseModelJson(json));
    expect(layer(graph, 'mul')).toMatchObject({ type: 'Unknown', outputShape: [4], inputs: ['a', 'b'] });
  });

  it('takes an unknown layer\'s output shape from the next layer\'s Keras 3 build_config', () => {
    const { graph } = expectOk(parseModelJson(sequentialJson([
      entry('InputLayer', { name: 'in', batch_shape: [null, 8] }),
      entry('MyProjection', { name: 'proj' }),
      { ...entry('Dense', { name: 'd', units: 2 }), build_config: { input_shape: [null, 5] } },
    ])));
    expect(layer(graph, 'proj')).toMatchObject({ type: 'Unknown', outputShape: [5] });
    expect(totals(graph).totals.params).toBe(12);
  });

  it('counts an unknown element-wise merge (Multiply) of same-shaped inputs with that shape', () => {
    const json = functionalJson([
      k2('a', 'InputLayer', { batch_input_shape: [null, 4] }, []),
      k2('b', 'InputLayer', { batch_input_shape: [null, 4] }, []),
      k2('mul', 'Multiply', {}, ['a', 'b']),
      k2('d', 'Dense', { units: 3 }, ['mul']),
    ], ['a', 'b'], ['d']);
    const { graph, warnings } = expectOk(parseModelJson(json));
    expect(layer(graph, 'mul')).toMatchObject({ type: 'Unknown', className: 'Multiply', outputShape: [4] });
    expect(warnings.join(' ')).toContain('element-wise merge');
    expect(totals(graph).totals.params).toBe(15);
  });

  it.each([
    ['a custom layer with two inputs', 'MyCombine', ['a', 'b'], /'mix' \(MyCombine\): this layer class is not supported: FlopLab cannot infer its output shape from 2 inputs/],
    ['a shape-changing class', 'UpSampling2D', ['a'], /'mix' \(UpSampling2D\): this layer class is not supported: it changes the shape/],
  ])('refuses %s whose shape cannot be known, naming it', (_label, className, inbound, message) => {
    const json = functionalJson([
      k2('a', 'InputLayer', { batch_input_shape: [null, 4, 4, 2] }, []),
      k2('b', 'InputLayer', { batch_input_shape: [null, 4, 4, 2] }, []),
      k2('mix', className, {}, inbound),
    ], ['a', 'b'], ['mix']);
    const error = expectError(parseModelJson(json));
    expect(error).toMatchObject({ code: 'unknown-layer', layer: 'mix' });
    expect(error.message).toMatch(message);
  });
});

describe('parseModelJson: errors are values naming where', () => {
  const cases: [string, unknown, RegExp][] = [
    ['null', null, /Expected a model\.json object/],
    ['a list', [1, 2], /a list/],
    ['an empty object', {}, /Not a TensorFlow\.js Layers model\.json/],
    ['a graph model', { format: 'graph-model', modelTopology: { node: [] } }, /graph-model/],
    ['layers not a list', { modelTopology: { class_name: 'Sequential', config: { layers: 3 } } }, /modelTopology\.config/],
    ['a class_name number', sequentialJson([{ class_name: 7, config: {} }]), /modelTopology\.config\.layers\.0\.class_name/],
    ['an unknown model class', { modelTopology: { class_name: 'Graph', config: { layers: [] } } }, /'Graph'/],
    ['no input shape', sequentialJson([entry('Dense', { name: 'd', units: 2 })]), /no input shape/],
    ['a bad kernel_size', sequentialJson([entry('Conv2D', { name: 'c', filters: 2, kernel_size: 'big', batch_input_shape: [null, 4, 4, 1] })]),
      /Layer 'c' \(Conv2D\): Expected kernel_size .* but got "big"/],
    ['a missing filters', sequentialJson([entry('Conv2D', { name: 'c', kernel_size: 3, batch_input_shape: [null, 4, 4, 1] })]), /Expected filters to be set/],
    ['channels_first', sequentialJson([entry('Conv2D', { name: 'c', filters: 2, kernel_size: 3, data_format: 'channels_first', batch_input_shape: [null, 1, 4, 4] })]),
      /Layer 'c' \(Conv2D\): Expected data_format to be 'channels_last'/],
    ['a shared layer', functionalJson([k2('x', 'InputLayer', { batch_input_shape: [null, 2] }, []),
      { ...k2('d', 'Dense', { units: 2 }, []), inbound_nodes: [[['x', 0, 0, {}]], [['x', 0, 0, {}]]] }], ['x'], ['d']), /shared/],
    ['malformed inbound_nodes', functionalJson([k2('x', 'InputLayer', { batch_input_shape: [null, 2] }, []),
      { ...k2('d', 'Dense', { units: 2 }, []), inbound_nodes: [[42]] }], ['x'], ['d']), /layer 'd'/],
    ['a bad weightsManifest', { ...sequentialJson([entry('Dense', { name: 'd', units: 2, batch_input_shape: [null, 2] })]), weightsManifest: [{ paths: 'x' }] },
      /weightsManifest\.0\.paths/],
    ['duplicate names', sequentialJson([entry('Dense', { name: 'd', units: 2, batch_input_shape: [null, 2] }), entry('Dense', { name: 'd', units: 2 })]), /'d' appears more than once/],
  ];
  it.each(cases)('%s', (_label, json, message) => {
    const error = expectError(parseModelJson(json));
    expect(error.message).toMatch(message);
  });

  it('never throws on random JSON or on a mutated real model.json', () => {
    fc.assert(fc.property(fc.jsonValue(), (json) => {
      parseModelJson(json);
      parseModelJson({ modelTopology: json });
      parseModelJson({ modelTopology: { class_name: 'Sequential', config: json } });
    }), { numRuns: 300 });
    const layers = (keras2Residual.modelTopology.model_config.config.layers as unknown[]);
    fc.assert(fc.property(fc.nat(layers.length - 1), fc.string(), fc.jsonValue(), (index, key, value) => {
      const copy = structuredClone(keras2Residual) as typeof keras2Residual;
      const target = copy.modelTopology.model_config.config.layers[index] as Record<string, unknown>;
      const config = target.config as Record<string, unknown>;
      const keys = Object.keys(config);
      config[keys[key.length % keys.length] ?? key] = value;
      const result = parseModelJson(copy);
      if (result.ok) analyzeModel(result.value.graph); // the engine takes whatever the import lets through
    }), { numRuns: 300 });
  });
});
