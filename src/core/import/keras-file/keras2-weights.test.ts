import { describe, expect, it } from 'vitest';
import type { ModelGraph } from '../../model';
import { chunkedAttribute, readKeras2Weights } from './keras2-weights';
import { toSnakeCase } from './keras3-weights';
import { fakeHdf5 } from './test-hdf5';

/** Groups with attributes, datasets as [shape, values]. */
const fakeH5 = (attributes: Record<string, Record<string, unknown>>, datasets: Record<string, [number[], number[]]>) => fakeHdf5(datasets, attributes);

const graph: ModelGraph = {
  name: 'm',
  layers: [
    { type: 'InputLayer', name: 'in', shape: [4] },
    { type: 'Dense', name: 'fc', units: 2, useBias: true, activation: 'linear' },
    { type: 'PReLU', name: 'act', sharedAxes: null },
  ],
};

describe('readKeras2Weights', () => {
  it('reads Keras 3 legacy names (variable paths, no :0) and layer_names split into chunks', () => {
    const h5 = fakeH5({
      model_weights: { layer_names0: ['in'], layer_names1: ['fc', 'act'] },
      'model_weights/in': { weight_names: [] },
      'model_weights/fc': { weight_names: ['sequential/fc/kernel', 'sequential/fc/bias'] },
      'model_weights/act': { weight_names0: ['act/alpha'] },
    }, {
      'model_weights/fc/sequential/fc/kernel': [[4, 2], [1, 2, 3, 4, 5, 6, 7, 8]],
      'model_weights/fc/sequential/fc/bias': [[2], [0.5, -0.5]],
      'model_weights/act/act/alpha': [[2], [0.25, 0.75]],
    });
    const r = readKeras2Weights(h5, graph);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.weights.map((w) => [w.name, w.shape, Array.from(w.data)])).toEqual([
      ['fc/kernel', [4, 2], [1, 2, 3, 4, 5, 6, 7, 8]], ['fc/bias', [2], [0.5, -0.5]], ['act/alpha', [2], [0.25, 0.75]],
    ]);
  });

  it('names a layer whose weight_names lists a dataset the file lacks', () => {
    const h5 = fakeH5({ model_weights: { layer_names: ['fc'] }, 'model_weights/fc': { weight_names: ['fc/kernel:0'] } }, {});
    const r = readKeras2Weights(h5, graph);
    expect(r.ok ? '' : r.error.message).toBe("Layer 'fc': weight_names lists 'fc/kernel:0', but no dataset model_weights/fc/fc/kernel:0 is in the file.");
  });

  it('does not read arrays a layer FlopLab counts without weights keeps (a seed), and says so', () => {
    const withDrop: ModelGraph = { name: 'm', layers: [graph.layers[0], { type: 'Dropout', name: 'drop', rate: 0.5 }] };
    const h5 = fakeH5({ model_weights: { layer_names: ['drop'] }, 'model_weights/drop': { weight_names: ['drop/seed:0'] } },
      { 'model_weights/drop/drop/seed:0': [[2], [1, 2]] });
    const r = readKeras2Weights(h5, withDrop);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.weights).toEqual([]);
    expect(r.value.warnings).toEqual(["Layer 'drop' (Dropout): its 1 stored arrays are not read (FlopLab does not use them)."]);
  });

  it('refuses a file without layer_names', () => {
    const r = readKeras2Weights(fakeH5({ model_weights: {} }, {}), graph);
    expect(r.ok ? '' : r.error.message).toBe('model_weights has no layer_names attribute: Expected a Keras .h5 model file.');
  });
});

describe('chunkedAttribute', () => {
  it('joins name0, name1, … in order and prefers the whole attribute', () => {
    expect(chunkedAttribute({ n1: ['c'], n0: ['a', 'b'] }, 'n')).toEqual(['a', 'b', 'c']);
    expect(chunkedAttribute({ n: ['x'], n0: ['a'] }, 'n')).toEqual(['x']);
    expect(chunkedAttribute({}, 'n')).toBeNull();
  });
});

describe('toSnakeCase (keras/src/utils/naming.py; values from Python running the same regexes)', () => {
  it.each([
    ['Conv2D', 'conv2d'], ['BatchNormalization', 'batch_normalization'], ['MaxPooling2D', 'max_pooling2d'],
    ['DepthwiseConv2D', 'depthwise_conv2d'], ['ReLU', 're_lu'], ['InputLayer', 'input_layer'],
    ['GlobalAveragePooling2D', 'global_average_pooling2d'], ['Conv2DTranspose', 'conv2d_transpose'],
    ['PReLU', 'p_re_lu'], ['SeparableConv2D', 'separable_conv2d'],
  ])('%s → %s', (name, snake) => expect(toSnakeCase(name)).toBe(snake));
});
