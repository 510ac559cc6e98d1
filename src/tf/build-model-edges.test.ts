/**
 * Numbers at the edges (issue 7) with tfjs as the oracle: each model is built with tfjs and its
 * countParams, trainable / non-trainable weights and output shapes must equal FlopLab's analysis.
 * The hand-worked figures are in src/core/count/edges.test.ts.
 */
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../core/analyze';
import type { CostReport } from '../core/cost-types';
import type { ModelGraph } from '../core/model';
import { layer, stack } from '../core/test-helpers';
import { buildTfModel } from './build-model';
import { buildOrThrow, cpuBackendWithoutLeaks } from './test-helpers';

const product = (shape: readonly (number | null)[]) => shape.reduce<number>((a, b) => a * (b ?? 1), 1);
const sizeOf = (weights: tf.LayerVariable[]) => weights.reduce((sum, w) => sum + product(w.shape), 0);

function reportOf(graph: ModelGraph): CostReport {
  const r = analyzeModel(graph);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.report;
}

/** Builds `graph` with tfjs and checks totals and every layer's params and output shape; returns the report. */
function expectTfAgrees(graph: ModelGraph): CostReport {
  const report = reportOf(graph);
  const model = buildOrThrow(graph, { weights: 'zeros' });
  try {
    expect(report.totals.params).toBe(model.countParams());
    expect(report.totals.trainableParams).toBe(sizeOf(model.trainableWeights));
    expect(report.totals.nonTrainableParams).toBe(sizeOf(model.nonTrainableWeights));
    for (const cost of report.layers) {
      const l = model.getLayer(cost.name);
      expect({ name: cost.name, shape: cost.outputShape, params: cost.params })
        .toEqual({ name: cost.name, shape: (l.outputShape as number[]).slice(1), params: l.countParams() });
    }
  } finally {
    model.dispose();
  }
  return report;
}

describe('issue 7 edge cases agree with tfjs', () => {
  cpuBackendWithoutLeaks();

  it('frozen Conv2D + BatchNorm: trainable 725, non-trainable 128', () => {
    const graph = stack([8, 8, 3],
      layer('Conv2D', 'conv', { filters: 4, trainable: false }),
      layer('BatchNormalization', 'bn', { trainable: false }),
      layer('Flatten', 'flat'),
      layer('Dense', 'dense', { units: 5 }));
    const t = expectTfAgrees(graph).totals;
    expect([t.trainableParams, t.nonTrainableParams]).toEqual([725, 128]);
    const model = buildOrThrow(graph, { weights: 'zeros' });
    expect(model.getLayer('conv').trainable).toBe(false);
    expect(model.getLayer('dense').trainable).toBe(true);
    model.dispose();
  });

  it('Dense on 10×32: 10×16, 528 params; MACs = kernel size × leading positions = 5,120', () => {
    const graph = stack([10, 32], layer('Dense', 'd', { units: 16 }));
    const report = expectTfAgrees(graph);
    const model = buildOrThrow(graph, { weights: 'zeros' });
    const d = model.getLayer('d');
    const kernel = d.weights.find((w) => w.originalName.endsWith('/kernel'))!;
    const leading = product((d.outputShape as number[]).slice(1, -1));
    expect(report.layers[1].macs).toBe(product(kernel.shape) * leading);
    expect(report.layers[1].macs).toBe(5120);
    model.dispose();
  });

  it('Dense after GlobalAveragePooling2D(keepdims=True) and on H×W×C', () => {
    expectTfAgrees(stack([7, 7, 64], layer('GlobalAveragePooling2D', 'gap'),
      layer('Reshape', 'gap_keepdims', { targetShape: [1, 1, -1] }), layer('Dense', 'd', { units: 10 })));
    expectTfAgrees(stack([4, 5, 8], layer('Dense', 'd', { units: 3, activation: 'relu' })));
  });

  it('PReLU and LayerNormalization weights', () => {
    expectTfAgrees(stack([8, 8, 3], layer('PReLU', 'p'), layer('PReLU', 'p2', { sharedAxes: [1, 2] }),
      layer('LayerNormalization', 'ln'), layer('LayerNormalization', 'ln2', { axis: 1, center: false })));
    expectTfAgrees(stack([10, 32], layer('LayerNormalization', 'ln', { trainable: false })));
  });

  it('a model output that feeds another layer is built as an output', () => {
    const model = buildOrThrow(stack([64, 64, 1], layer('ReLU', 'a', { modelOutput: true }), layer('ReLU', 'b'), layer('ReLU', 'd')));
    expect(model.outputs.map((o) => o.sourceLayer.name)).toEqual(['a', 'd']);
    model.dispose();
  });

  it('random ranks and axes: Dense, PReLU and LayerNormalization agree with tfjs', () => {
    const shape = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 });
    fc.assert(fc.property(shape, fc.integer({ min: 1, max: 6 }), fc.boolean(), fc.nat(), fc.nat(), fc.boolean(),
      (input, units, useBias, sharedSeed, axisSeed, frozen) => {
        const rank = input.length;
        const sharedAxes = [...new Set(Array.from({ length: sharedSeed % (rank + 1) }, (_, i) => ((sharedSeed >> i) % rank) + 1))];
        const axis = (axisSeed % rank) + 1;
        expectTfAgrees(stack(input,
          layer('PReLU', 'p', { sharedAxes: sharedAxes.length > 0 ? sharedAxes : null }),
          layer('LayerNormalization', 'ln', { axis, ...(frozen ? { trainable: false } : {}) }),
          layer('Dense', 'd', { units, useBias })));
      }), { numRuns: 25 });
  });

  it('refuses Normalization (tfjs has none) with a message naming the layer', () => {
    const r = buildTfModel(stack([8, 8, 3], layer('Normalization', 'norm')));
    expect(r.ok ? null : r.error).toMatchObject({ code: 'unknown-layer', layer: 'norm' });
    expect(r.ok ? '' : r.error.message).toMatch(/TensorFlow\.js has no Normalization layer/);
  });
});
