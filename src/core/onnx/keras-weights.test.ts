/**
 * The weight sources of an ONNX import against the engine's own list of Keras weights
 * (compress/weight-shapes.ts), and onnxKerasWeights' values against index formulas written out
 * by hand per layout (not the transpose the code uses).
 */
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../analyze';
import { expectedWeights } from '../compress/weight-shapes';
import { weightTensorShapes } from '../count/weight-tensor-shapes';
import type { TensorProto } from './gen/onnx_pb';
import { FIXTURE_NAMES, importFixture } from './fixture-files';
import { importOnnx, onnxKerasWeights } from './import-onnx';
import { model, node, tensorInfo, weight } from './test-graphs';
import { TEST_SOURCES, testOnnxModel } from './write-test-model';

/** Element i of a float32 initializer, read straight from its bytes. */
function at(t: TensorProto, i: number): number {
  if (t.rawData.length === 0) return t.floatData[i];
  return new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength).getFloat32(i * 4, true);
}

describe('ONNX weight sources', () => {
  for (const name of FIXTURE_NAMES) {
    it(`${name}: one per Keras weight of the engine graph, same names and shapes as weight-shapes.ts`, () => {
      const { imp } = importFixture(name);
      const engine = expectedWeights(imp.graph);
      if (!engine.ok) throw new Error(engine.error.message);
      expect(imp.weights.map((w) => [w.kerasName, w.kerasShape])).toEqual(engine.value.map((w) => [w.name, w.shape]));
      for (const w of imp.weights) expect(w.kerasShape).toEqual(w.perm.map((p) => w.onnxDims[p]));
      // And every weight of every layer type (PReLU, LayerNormalization too), as the engine lists them.
      const report = analyzeModel(imp.graph);
      if (!report.ok) throw new Error(report.errors[0].message);
      const inputOf = new Map(report.report.layers.map((l) => [l.name, l.inputShapes[0] ?? []]));
      const all = imp.graph.layers.filter((l) => l.sharesWeightsOf === undefined)
        .flatMap((l) => weightTensorShapes(l, inputOf.get(l.name)!).map((w) => `${l.name}/${w.suffix}`));
      expect(imp.weights.map((w) => w.kerasName)).toEqual(all);
    });
  }

  it('PReLU (slope [C, 1, 1] and [C, H, W]) and LayerNormalization: every weight the engine\'s weight-tensor-shapes.ts lists has a source', () => {
    const m = model({
      nodes: [
        node('PRelu', ['x', 'per_c'], ['a'], [], 'prelu_c'), node('PRelu', ['a', 'per_chw'], ['b'], [], 'prelu_chw'),
        node('Flatten', ['b'], ['f']), node('LayerNormalization', ['f', 'ln_g', 'ln_b'], ['y'], [], 'ln'),
      ],
      initializers: [weight('per_c', [3, 1, 1]), weight('per_chw', [3, 2, 4]), weight('ln_g', [24]), weight('ln_b', [24])],
      inputs: [tensorInfo('x', [1, 3, 2, 4])], opset: 17,
    });
    const imp = importOnnx(m, 'prelu-ln.onnx');
    if (!imp.ok) throw new Error(imp.error.message);
    const report = analyzeModel(imp.value.graph);
    if (!report.ok) throw new Error(report.errors[0].message);
    const inputOf = new Map(report.report.layers.map((l) => [l.name, l.inputShapes[0] ?? []]));
    const engine = imp.value.graph.layers.flatMap((l) => weightTensorShapes(l, inputOf.get(l.name)!).map((w) => [`${l.name}/${w.suffix}`, w.shape]));
    expect(imp.value.weights.map((w) => [w.kerasName, w.kerasShape])).toEqual(engine);
    expect(engine.map(([name]) => name)).toEqual(['prelu_c/alpha', 'prelu_chw/alpha', 'ln/gamma', 'ln/beta']);
    const weights = new Map(onnxKerasWeights(m, imp.value).map((w) => [w.name, w]));
    // weight() holds 0, 1, 2, …: alpha [1, 1, 3] keras[0][0][c] = slope[c]; [2, 4, 3] keras[h][w][c] = slope[c][h][w].
    expect(Array.from(weights.get('prelu_c/alpha')!.data)).toEqual([0, 1, 2]);
    const chw = weights.get('prelu_chw/alpha')!;
    expect(chw.shape).toEqual([2, 4, 3]);
    for (const [h, w, c] of [[0, 0, 0], [1, 3, 2], [0, 2, 1]]) expect(chw.data[(h * 4 + w) * 3 + c]).toBe((c * 2 + h) * 4 + w);
    expect(Array.from(weights.get('ln/beta')!.data)).toEqual(Array.from({ length: 24 }, (_, i) => i));
  });

  it('gives the writer\'s hand-written sources for its test model', () => {
    const imp = importOnnx(testOnnxModel(), 'write-test.onnx');
    if (!imp.ok) throw new Error(imp.error.message);
    expect(imp.value.weights).toEqual(TEST_SOURCES);
  });
});

describe('onnxKerasWeights', () => {
  const { imp, model } = importFixture('custom-net');
  const weights = new Map(onnxKerasWeights(model, imp).map((w) => [w.name, w]));
  const init = new Map(model.graph!.initializer.map((t) => [t.name, t]));

  it('conv kernel: keras[i][j][c][o] = onnx[o][c][i][j] (grouped: c over Cin/g)', () => {
    const k = weights.get('grouped/Conv/kernel')!;
    expect(k.shape).toEqual([3, 3, 2, 16]);
    const w = init.get('grouped.weight')!;
    for (const [i, j, c, o] of [[0, 0, 0, 0], [2, 1, 1, 5], [1, 2, 0, 15]]) {
      expect(k.data[((i * 3 + j) * 2 + c) * 16 + o]).toBe(at(w, ((o * 2 + c) * 3 + i) * 3 + j));
    }
  });

  it('depthwise kernel with multiplier 2: keras[i][j][c][m] = onnx[c·2 + m][0][i][j]', () => {
    const k = weights.get('depthwise/Conv/depthwise_kernel')!;
    expect(k.shape).toEqual([3, 3, 16, 2]);
    const w = init.get('depthwise.weight')!;
    for (const [i, j, c, m] of [[0, 0, 0, 1], [2, 1, 7, 0], [1, 2, 15, 1]]) {
      expect(k.data[((i * 3 + j) * 16 + c) * 2 + m]).toBe(at(w, ((c * 2 + m) * 3 + i) * 3 + j));
    }
  });

  it('transposed conv kernel: keras[i][j][o][c] = onnx[c][o][i][j]', () => {
    const k = weights.get('up/ConvTranspose/kernel')!;
    expect(k.shape).toEqual([4, 4, 8, 16]);
    const w = init.get('up.weight')!;
    for (const [i, j, o, c] of [[0, 0, 0, 0], [3, 1, 7, 15], [2, 3, 4, 9]]) {
      expect(k.data[((i * 4 + j) * 8 + o) * 16 + c]).toBe(at(w, ((c * 8 + o) * 4 + i) * 4 + j));
    }
  });

  it('Gemm (transB) kernel: keras[i][o] = onnx[o][i]; MatMul and biases as stored', () => {
    const fc = weights.get('fc/Gemm/kernel')!;
    expect(fc.shape).toEqual([152, 10]);
    const w = init.get('fc.weight')!;
    for (const [i, o] of [[0, 0], [151, 9], [77, 3]]) expect(fc.data[i * 10 + o]).toBe(at(w, o * 152 + i));
    const tokens = weights.get('tokens/MatMul/kernel')!;
    const mm = model.graph!.node.find((n) => n.name === '/tokens/MatMul')!.input[1];
    for (const i of [0, 100, 324 * 16 - 1]) expect(tokens.data[i]).toBe(at(init.get(mm)!, i));
    const bias = weights.get('tokens/MatMul/bias')!;
    expect(Array.from(bias.data)).toEqual(Array.from({ length: 16 }, (_, i) => at(init.get('tokens.bias')!, i)));
  });

  it('BatchNormalization: gamma, beta, moving mean and variance from scale, B, mean, var', () => {
    for (const [suffix, source] of [['gamma', 'bn.weight'], ['beta', 'bn.bias'], ['moving_mean', 'bn.running_mean'], ['moving_variance', 'bn.running_var']]) {
      const w = weights.get(`bn/BatchNormalization/${suffix}`)!;
      expect(Array.from(w.data)).toEqual(Array.from({ length: 8 }, (_, i) => at(init.get(source)!, i)));
    }
  });

  it('reads float_data as well as raw_data, and unaligned raw_data', () => {
    const m = testOnnxModel();
    const t = m.graph!.initializer.find((x) => x.name === 'conv.weight')!;
    const values = Array.from({ length: t.rawData.length / 4 }, (_, i) => at(t, i));
    const shifted = new Uint8Array(t.rawData.length + 1);
    shifted.set(t.rawData, 1);
    const imp = importOnnx(m, 'x.onnx');
    if (!imp.ok) throw new Error(imp.error.message);
    const before = onnxKerasWeights(m, imp.value)[0].data;
    t.rawData = shifted.subarray(1);
    expect(onnxKerasWeights(m, imp.value)[0].data).toEqual(before);
    t.rawData = new Uint8Array(0);
    t.floatData = values;
    expect(onnxKerasWeights(m, imp.value)[0].data).toEqual(before);
  });
});
