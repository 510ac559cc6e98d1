import { describe, expect, it } from 'vitest';
import type { WeightTensor } from '../core/compress/types';
import { layer, reportOf, stack } from '../core/test-helpers';
import { checkManifestDtypes, checkWeightsAgainstGraph } from './check-weights';

const w = (name: string, shape: number[], fill = 0.5): WeightTensor =>
  ({ name, shape, data: new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(fill) });

describe('checkWeightsAgainstGraph', () => {
  // Input 4×4×3 → Conv2D 2 filters 3×3 'same' (kernel [3, 3, 3, 2], bias [2]) → PReLU (one alpha
  // per element of 4×4×2 = 32, a layer whose weight shapes only the engine counts).
  const graph = stack([4, 4, 3],
    layer('Conv2D', 'c', { filters: 2, kernelSize: [3, 3], padding: 'same', useBias: true }),
    layer('PReLU', 'p'));
  const report = reportOf(graph);
  const good = () => [w('c/kernel', [3, 3, 3, 2]), w('c/bias', [2]), w('p/alpha', [4, 4, 2])];

  it('accepts the weights tfjs-layers creates, in any order', () => {
    expect(checkWeightsAgainstGraph(graph, report, good())).toEqual({ ok: true });
    expect(checkWeightsAgainstGraph(graph, report, good().reverse())).toEqual({ ok: true });
  });

  it('refuses a missing or duplicated weight', () => {
    expect(checkWeightsAgainstGraph(graph, report, good().slice(1))).toMatchObject({ ok: false, message: expect.stringMatching(/Weight 'c\/kernel': Expected it \(shape \[3, 3, 3, 2\], layer 'c'\), but the manifest does not list it/) });
    expect(checkWeightsAgainstGraph(graph, report, [...good(), w('c/bias', [2])])).toMatchObject({ ok: false, message: expect.stringMatching(/'c\/bias': Expected each weight once/) });
  });

  it('checks a layer it has no shapes for by the engine\'s count (PReLU: 32 alphas)', () => {
    const wrong = [w('c/kernel', [3, 3, 3, 2]), w('c/bias', [2]), w('p/alpha', [4, 4, 3])];
    expect(checkWeightsAgainstGraph(graph, report, wrong)).toMatchObject({
      ok: false, message: "Layer 'p' (PReLU): Expected 32 weight values (as FlopLab counts this layer), but the weights file has 48; FlopLab cannot check this layer's weights.",
    });
  });

  it('refuses a value that is not finite, naming the weight and index', () => {
    const bad = good();
    bad[2].data[7] = NaN;
    expect(checkWeightsAgainstGraph(graph, report, bad)).toMatchObject({ ok: false, message: "Weight 'p/alpha': Expected finite values, but got NaN at index 7." });
  });
});

describe('checkManifestDtypes', () => {
  it('accepts float32 (also quantized) and optimizer entries of any dtype; refuses an int32 layer weight', () => {
    const entry = (name: string, dtype: 'float32' | 'int32', group?: string) => ({ name, shape: [1], dtype, ...(group ? { group } : {}) });
    expect(checkManifestDtypes([{ paths: [], weights: [entry('a', 'float32'), entry('iter', 'int32', 'optimizer')] }])).toEqual({ ok: true });
    expect(checkManifestDtypes([{ paths: [], weights: [entry('a', 'int32')] }])).toEqual({ ok: false, message: "Weight 'a': Expected dtype float32 (a layer weight), but got int32." });
  });
});
