/**
 * tfjs builds of the engine's newer fields, checked against the engine's counts and against
 * hand-worked or independently built outputs: grouped Conv2D (vs a full conv with a
 * block-diagonal kernel), hard_swish (hand values), keepDims, shared weights.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../core/analyze';
import type { LayerSpec, ModelGraph } from '../core/model';
import { layer, stack } from '../core/test-helpers';
import { buildOrThrow, cpuBackendWithoutLeaks } from './test-helpers';

function engineParams(graph: ModelGraph): number {
  const r = analyzeModel(graph);
  if (!r.ok) throw new Error(r.errors[0].message);
  return r.report.totals.params;
}

function predict(model: tf.LayersModel, x: number[], shape: number[]): number[] {
  return tf.tidy(() => Array.from((model.predict(tf.tensor(x, [1, ...shape])) as tf.Tensor).dataSync()));
}

const values = (n: number, seed: number) => Array.from({ length: n }, (_, i) => Math.sin(seed * 7.1 + i * 1.3));

describe('buildTfModel: engine fields', () => {
  cpuBackendWithoutLeaks();

  it('builds a grouped Conv2D with the Keras kernel, the engine\'s params and a block-diagonal conv\'s output', () => {
    const grouped = stack([5, 5, 4], layer('Conv2D', 'g', { filters: 6, groups: 2, padding: 'same', activation: 'relu' }));
    const model = buildOrThrow(grouped);
    expect(model.outputs[0].shape).toEqual([null, 5, 5, 6]);
    expect(model.weights.map((w) => [w.originalName, w.shape])).toEqual([['g/kernel', [3, 3, 2, 6]], ['g/bias', [6]]]);
    expect(model.countParams()).toBe(114); // 3·3·(4/2)·6 + 6, by hand
    expect(model.countParams()).toBe(engineParams(grouped));

    // The oracle: a plain Conv2D whose kernel is zero outside the two diagonal blocks.
    const kernel = values(3 * 3 * 2 * 6, 1);
    const bias = values(6, 2);
    const full = new Float32Array(3 * 3 * 4 * 6);
    for (let k = 0; k < 9; k++) {
      for (let c = 0; c < 4; c++) {
        for (let o = 0; o < 6; o++) {
          const group = Math.floor(o / 3);
          if (Math.floor(c / 2) === group) full[(k * 4 + c) * 6 + o] = kernel[(k * 2 + (c - 2 * group)) * 6 + o];
        }
      }
    }
    const plain = buildOrThrow(stack([5, 5, 4], layer('Conv2D', 'p', { filters: 6, padding: 'same', activation: 'relu' })));
    tf.tidy(() => {
      model.setWeights([tf.tensor(kernel, [3, 3, 2, 6]), tf.tensor(bias, [6])]);
      plain.setWeights([tf.tensor(full, [3, 3, 4, 6]), tf.tensor(bias, [6])]);
    });
    const x = values(5 * 5 * 4, 3);
    const got = predict(model, x, [5, 5, 4]);
    const want = predict(plain, x, [5, 5, 4]);
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
    expect(got.some((v) => v > 0)).toBe(true);
    model.dispose();
    plain.dispose();
  });

  it('saves and loads back a grouped Conv2D and hard_swish (registered classes)', async () => {
    const graph = stack([4, 4, 4], layer('Conv2D', 'g', { filters: 4, groups: 4, activation: 'hard_swish' }));
    const m = buildOrThrow(graph);
    const back = await tf.models.modelFromJSON({ modelTopology: m.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
    expect(back.layers.map((l) => l.getClassName())).toEqual(['InputLayer', 'FlopLabGroupedConv2D', 'FlopLabHardSwish']);
    expect(back.outputs[0].shape).toEqual([null, 2, 2, 4]);
    expect(back.countParams()).toBe(engineParams(graph)); // 3·3·1·4 + 4 = 40
    m.dispose();
    back.dispose();
  });

  it('computes hard_swish x·relu6(x+3)/6 (hand values), as a layer and fused into a Dense', () => {
    const act = buildOrThrow(stack([7], layer('Activation', 'hs', { activation: 'hard_swish' })));
    const got = predict(act, [-4, -3, -1, 0, 1, 3, 4], [7]);
    [0, 0, -1 / 3, 0, 2 / 3, 3, 4].forEach((v, i) => expect(got[i]).toBeCloseTo(v, 6));
    act.dispose();
    const dense = stack([3], layer('Dense', 'd', { units: 2, activation: 'hard_swish' }));
    const m = buildOrThrow(dense);
    expect(m.layers.map((l) => l.name)).toEqual(['input', 'd', 'd_hard_swish']);
    expect(m.countParams()).toBe(engineParams(dense));
    m.dispose();
  });

  it('keepDims gives 1×1×C, so a 1×1 conv follows (an SE block)', () => {
    const graph = stack([4, 4, 8], layer('GlobalAveragePooling2D', 'gap', { keepDims: true }), layer('Conv2D', 'se', { filters: 2, kernelSize: [1, 1] }));
    const m = buildOrThrow(graph);
    expect(m.outputs[0].shape).toEqual([null, 1, 1, 2]);
    expect(m.countParams()).toBe(18); // 8·2 + 2
    expect(m.countParams()).toBe(engineParams(graph));
    m.dispose();
  });

  it('a shared layer reuses the owner\'s weights: the engine\'s params, and the owner applied twice', () => {
    const graph = stack([2], layer('Dense', 'a', { units: 2 }), layer('Dense', 'b', { units: 2, sharesWeightsOf: 'a' }));
    const m = buildOrThrow(graph);
    expect(m.countParams()).toBe(6); // 2·2 + 2, once
    expect(m.countParams()).toBe(engineParams(graph));
    tf.tidy(() => m.setWeights([tf.tensor([1, 2, 3, 4], [2, 2]), tf.tensor([0.5, -1], [2])]));
    // x = [1, 1]: a(x) = [1+3+0.5, 2+4-1] = [4.5, 5]; a(a(x)) = [4.5+15+0.5, 9+20-1] = [20, 28].
    expect(predict(m, [1, 1], [2])).toEqual([20, 28]);
    m.dispose();
  });

  it('a shared layer that computes differently gets weights of its own', () => {
    const graph: ModelGraph = stack([2], layer('Dense', 'a', { units: 2 }),
      layer('Dense', 'b', { units: 2, activation: 'relu', sharesWeightsOf: 'a' }) as LayerSpec);
    const m = buildOrThrow(graph);
    expect(engineParams(graph)).toBe(6);
    expect(m.countParams()).toBe(12);
    m.dispose();
  });
});
