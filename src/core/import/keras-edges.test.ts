/**
 * Import of issue 7's edge cases from Keras 2, Keras 3 and tfjs configs: `trainable: false`,
 * PReLU, LayerNormalization, Normalization, Dense after GlobalAveragePooling2D(keepdims=True),
 * and a model output that also feeds another layer. Figures are hand-worked.
 */
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../analyze';
import type { CostReport } from '../cost-types';
import type { ModelGraph } from '../model';
import { parseModelJson } from './model-json';

const sequential = (layers: unknown[]) =>
  ({ modelTopology: { class_name: 'Sequential', config: { name: 'seq', layers }, keras_version: 'tfjs-layers 4.22.0' } });
const entry = (class_name: string, config: Record<string, unknown>) => ({ class_name, config });

/** A Keras 3 functional layer entry fed by `inbound` (keras_history). */
const k3 = (name: string, class_name: string, config: Record<string, unknown>, inbound: string[]) => ({
  module: 'keras.layers', class_name, name, config: { name, trainable: true, ...config },
  inbound_nodes: inbound.length ? [{ args: inbound.map((i) => ({ class_name: '__keras_tensor__', config: { keras_history: [i, 0, 0] } })), kwargs: {} }] : [],
});
const keras3 = (layers: unknown[], outputs: string[]) => ({
  format: 'layers-model',
  modelTopology: {
    keras_version: '3.5.0', backend: 'tensorflow',
    model_config: { class_name: 'Functional', config: { name: 'f', layers, input_layers: [['in', 0, 0]], output_layers: outputs.map((n) => [n, 0, 0]) } },
  },
});

function graphOf(json: unknown): ModelGraph {
  const r = parseModelJson(json);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.graph;
}
function reportOf(graph: ModelGraph): CostReport {
  const r = analyzeModel(graph);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.report;
}

describe('import of the edge cases', () => {
  it('reads trainable: false (tfjs / Keras 2 Sequential): 725 trainable, 128 non-trainable', () => {
    const graph = graphOf(sequential([
      entry('Conv2D', { name: 'conv', trainable: false, batch_input_shape: [null, 8, 8, 3], filters: 4, kernel_size: [3, 3] }),
      entry('BatchNormalization', { name: 'bn', trainable: false, axis: -1 }),
      entry('Flatten', { name: 'flat', trainable: true }),
      entry('Dense', { name: 'dense', trainable: true, units: 5 }),
    ]));
    expect(graph.layers.find((l) => l.name === 'conv')?.trainable).toBe(false);
    expect(graph.layers.find((l) => l.name === 'dense')?.trainable).toBeUndefined();
    const t = reportOf(graph).totals;
    expect([t.params, t.trainableParams, t.nonTrainableParams]).toEqual([853, 725, 128]);
  });

  it('reads PReLU, LayerNormalization and Normalization with their weights', () => {
    const graph = graphOf(sequential([
      entry('InputLayer', { name: 'in', batch_input_shape: [null, 8, 8, 3] }),
      entry('PReLU', { name: 'p', shared_axes: [1, 2] }),                 // 3 alphas
      entry('PReLU', { name: 'p_all', shared_axes: null }),               // 8·8·3 = 192
      entry('LayerNormalization', { name: 'ln', axis: [-1], epsilon: 0.001, center: true, scale: true }), // 2·3 = 6
      entry('LayerNormalization', { name: 'rms', axis: -1, center: true, scale: false, rms_scaling: true }), // gamma only: 3
      entry('Normalization', { name: 'norm', axis: -1, mean: null, variance: null }), // 2·3 + 1 = 7, non-trainable
      entry('Normalization', { name: 'norm_const', axis: -1, mean: [0, 0, 0], variance: [1, 1, 1] }), // constants: 0
    ]));
    const r = reportOf(graph);
    expect(r.layers.map((l) => [l.name, l.params])).toEqual([['in', 0], ['p', 3], ['p_all', 192], ['ln', 6], ['rms', 3], ['norm', 7], ['norm_const', 0]]);
    expect([r.totals.trainableParams, r.totals.nonTrainableParams]).toEqual([204, 7]);
  });

  it('refuses a LayerNormalization over several axes, naming the field', () => {
    const r = parseModelJson(sequential([
      entry('InputLayer', { name: 'in', batch_input_shape: [null, 8, 8, 3] }),
      entry('LayerNormalization', { name: 'ln', axis: [1, 2, 3] }),
    ]));
    expect(r.ok ? null : r.error).toMatchObject({ layer: 'ln', field: 'axis' });
  });

  it('Keras 3: Dense after GlobalAveragePooling2D(keepdims=True), and outputs [a, d] where a feeds b', () => {
    const graph = graphOf(keras3([
      k3('in', 'InputLayer', { batch_shape: [null, 64, 64, 1] }, []),
      k3('a', 'ReLU', {}, ['in']),
      k3('b', 'ReLU', {}, ['a']),
      k3('d', 'ReLU', {}, ['b']),
      k3('gap', 'GlobalAveragePooling2D', { keepdims: true }, ['d']),
      k3('fc', 'Dense', { units: 10 }, ['gap']),
    ], ['a', 'fc']));
    expect(graph.layers.find((l) => l.name === 'a')?.modelOutput).toBe(true);
    const r = reportOf(graph);
    // fc: 1×1×1 → 1×1×10, params 1·10 + 10 = 20, MACs 1 × 1 × 10 = 10.
    expect(r.layers.find((l) => l.name === 'fc')).toMatchObject({ outputShape: [1, 1, 10], params: 20, macs: 10 });
    // 64·64·1·4 = 16,384 B per map; a stays alive to the end: a + b + d while d runs = 49,152 B.
    expect(r.totals.peakActivationBytes).toBe(49_152);
  });

  it('Keras 3: Conv2D(groups=4) and the hard_silu activation', () => {
    const graph = graphOf(keras3([
      k3('in', 'InputLayer', { batch_shape: [null, 8, 8, 16] }, []),
      k3('g', 'Conv2D', { filters: 32, kernel_size: [3, 3], padding: 'same', groups: 4, activation: 'hard_silu' }, ['in']),
    ], ['g']));
    const g = graph.layers.find((l) => l.name === 'g');
    expect(g).toMatchObject({ type: 'Conv2D', groups: 4, activation: 'hard_swish' });
    // params 3·3·(16/4)·32 + 32 = 1,184; MACs 3·3·(16/4) × 8·8·32 = 73,728.
    expect(reportOf(graph).layers.find((l) => l.name === 'g')).toMatchObject({ outputShape: [8, 8, 32], params: 1184, macs: 73_728 });
  });
});
