/**
 * Every preset built with tfjs: FlopLab's params, trainable params and output shapes must equal
 * what tfjs reports, and its MACs must equal MACs derived independently from the tfjs kernels.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeModel } from '../core/analyze';
import { PRESETS } from '../core/presets';
import { buildOrThrow } from './test-helpers';

const product = (shape: readonly (number | null)[]) => shape.reduce<number>((a, b) => a * (b ?? 1), 1);

/** MACs of one tfjs layer from its kernel shapes (COUNTING.md table); weight-free layers: 0. */
function tfLayerMacs(layer: tf.layers.Layer): number {
  const out = layer.outputShape as (number | null)[];
  const spatial = out.length === 4 ? product(out.slice(1, 3)) : 1;
  const kernels = layer.getWeights().filter((_, i) => !layer.weights[i].originalName.endsWith('/bias'));
  switch (layer.getClassName()) {
    case 'Conv2D': case 'DepthwiseConv2D': case 'SeparableConv2D': case 'Dense':
      // Each kernel element is used once per output position (pointwise: per position too).
      return kernels.reduce((sum, k) => sum + product(k.shape) * spatial, 0);
    case 'Conv2DTranspose': {
      const input = layer.inputSpec?.[0]?.shape ?? (layer.input as tf.SymbolicTensor).shape;
      return kernels.reduce((sum, k) => sum + product(k.shape) * product(input.slice(1, 3)), 0);
    }
    default:
      return 0;
  }
}

const sizeOf = (weights: tf.LayerVariable[]) => weights.reduce((sum, w) => sum + product(w.shape), 0);

describe('presets built with tfjs', () => {
  let tensorsBefore = 0;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    tensorsBefore = tf.memory().numTensors;
  });
  afterAll(() => {
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('%s: params, trainable params, shapes and MACs equal tfjs', (_id, preset) => {
    const graph = preset.build();
    const analysis = analyzeModel(graph);
    if (!analysis.ok) throw new Error(analysis.errors.map((e) => e.message).join('\n'));
    const report = analysis.report;
    // Zero kernels: counts and shapes need no values, and VGG-16's 138 M random weights take seconds.
    const model = buildOrThrow(graph, { weights: 'zeros' });
    try {
      expect(report.totals.params).toBe(model.countParams());
      expect(report.totals.trainableParams).toBe(sizeOf(model.trainableWeights));
      expect(report.totals.nonTrainableParams).toBe(sizeOf(model.nonTrainableWeights));
      expect(report.layers.length).toBe(model.layers.length);
      let tfMacs = 0;
      for (const cost of report.layers) {
        const layer = model.getLayer(cost.name);
        expect({ name: cost.name, shape: cost.outputShape }).toEqual({ name: cost.name, shape: (layer.outputShape as number[]).slice(1) });
        expect({ name: cost.name, params: cost.params }).toEqual({ name: cost.name, params: layer.countParams() });
        expect({ name: cost.name, macs: cost.macs }).toEqual({ name: cost.name, macs: tfLayerMacs(layer) });
        tfMacs += tfLayerMacs(layer);
      }
      expect(report.totals.macs).toBe(tfMacs);
    } finally {
      model.dispose();
    }
  });
});
