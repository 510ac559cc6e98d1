import { describe, expect, it } from 'vitest';
import type { ModelGraph } from '../../model';
import { readKeras3Weights } from './keras3-weights';
import { fakeHdf5 } from './test-hdf5';

const graph: ModelGraph = {
  name: 'm',
  layers: [
    { type: 'InputLayer', name: 'in', shape: [4, 4, 2] },
    { type: 'DepthwiseConv2D', name: 'dw', kernelSize: [1, 1], strides: [1, 1], padding: 'valid', depthMultiplier: 1, dilationRate: [1, 1], useBias: true, activation: 'linear' },
    { type: 'Dropout', name: 'drop', rate: 0.5 },
    { type: 'Conv2D', name: 'pw', filters: 1, kernelSize: [1, 1], strides: [1, 1], padding: 'valid', dilationRate: [1, 1], useBias: false, activation: 'linear' },
  ],
};
const entry = (class_name: string, name: string) => ({ class_name, config: { name } });
const topology = { class_name: 'Sequential', config: { name: 'm', layers: [entry('InputLayer', 'in'), entry('DepthwiseConv2D', 'dw'), entry('Dropout', 'drop'), entry('Conv2D', 'pw')] } };
/** The weights of `graph` as a .keras file stores them, its layer groups under `layersGroup` (no vars for the Dropout). */
const storedUnder = (layersGroup: string) => fakeHdf5({
  [`${layersGroup}/depthwise_conv2d/vars/0`]: [[1, 1, 2, 1], [0.5, 2]],
  [`${layersGroup}/depthwise_conv2d/vars/1`]: [[2], [1, -1]],
  [`${layersGroup}/conv2d/vars/0`]: [[1, 1, 2, 1], [3, 4]],
});

describe('readKeras3Weights', () => {
  it('reads a newer Keras layout (no vars group for weightless layers) and names a depthwise kernel as tfjs does', () => {
    const r = readKeras3Weights(storedUnder('layers'), topology, graph);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.weights.map((w) => [w.name, Array.from(w.data)])).toEqual([
      ['dw/depthwise_kernel', [0.5, 2]], ['dw/bias', [1, -1]], ['pw/kernel', [3, 4]],
    ]);
  });

  it('reads Keras 2.13–2.15 .keras files (_layer_checkpoint_dependencies for layers)', () => {
    const r = readKeras3Weights(storedUnder('_layer_checkpoint_dependencies'), topology, graph);
    expect(r.ok && r.value.weights.map((w) => w.name)).toEqual(['dw/depthwise_kernel', 'dw/bias', 'pw/kernel']);
  });

  it('counts classes apart: the second Conv2D of a model is conv2d_1 whatever the layer is named', () => {
    const two: ModelGraph = { name: 'm', layers: [graph.layers[0], { ...graph.layers[3], name: 'a' }, { ...graph.layers[3], name: 'b' }] };
    const top = { class_name: 'Sequential', config: { layers: [entry('InputLayer', 'in'), entry('Conv2D', 'a'), entry('Conv2D', 'b')] } };
    const h5 = fakeHdf5({ 'layers/conv2d/vars/0': [[1, 1, 2, 1], [1, 2]], 'layers/conv2d_1/vars/0': [[1, 1, 1, 1], [7]] });
    const r = readKeras3Weights(h5, top, two);
    expect(r.ok && r.value.weights.map((w) => [w.name, Array.from(w.data)])).toEqual([['a/kernel', [1, 2]], ['b/kernel', [7]]]);
  });

  it('a layer whose vars are missing is named with the path that was looked up', () => {
    const h5 = fakeHdf5({ 'layers/conv2d/vars/0': [[1, 1, 2, 1], [3, 4]] });
    const r = readKeras3Weights(h5, topology, graph);
    expect(r.ok ? '' : r.error.message).toBe("Layer 'dw' (DepthwiseConv2D): Expected 2 weight arrays (depthwise_kernel, bias) in the file, but got none: nothing is stored at layers/depthwise_conv2d/vars (the file does not match its config.json).");
  });
});
