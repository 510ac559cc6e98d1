/** tfjs as the oracle for core/compress/weight-shapes.ts: the names and shapes tfjs-layers creates. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectedWeights } from '../core/compress/weight-shapes';
import { layer, stack } from '../core/test-helpers';
import { namedWeightsOf } from './export-model';
import { buildOrThrow } from './test-helpers';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

describe('expectedWeights', () => {
  it('names and shapes every weight exactly as tfjs-layers builds them, for each layer type it knows', () => {
    const graph = stack([12, 12, 3],
      layer('Conv2D', 'conv', { filters: 4, kernelSize: [3, 2], useBias: true }),
      layer('DepthwiseConv2D', 'dw', { kernelSize: [3, 3], depthMultiplier: 2, useBias: true }),
      layer('SeparableConv2D', 'sep', { filters: 5, kernelSize: [3, 3], depthMultiplier: 3, useBias: true }),
      layer('BatchNormalization', 'bn', { center: true, scale: false }),
      layer('Conv2DTranspose', 'up', { filters: 6, kernelSize: [2, 2], strides: [2, 2], useBias: false }),
      layer('GlobalAveragePooling2D', 'gap'),
      layer('Dense', 'd', { units: 7, useBias: true }));
    const model = buildOrThrow(graph, { seed: 1 });
    const actual = namedWeightsOf(model).map((w) => ({ name: w.name, shape: w.shape }));
    model.dispose();
    const expected = expectedWeights(graph);
    if (!expected.ok) throw new Error(expected.error.message);
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(expected.value.map((w) => ({ name: w.name, shape: w.shape })).sort(byName)).toEqual(actual.sort(byName));
  });
});
