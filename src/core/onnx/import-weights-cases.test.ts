/**
 * importOnnx on small graphs written in code, for weights that are not plain float32
 * initializers (float16, Constant nodes), bounds and biases of unusual shapes, and parameters
 * that must equal the file's own float initializers. Expected counts are worked by hand in the
 * comments.
 */
import { create } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { AttributeProto_AttributeType as AT, AttributeProtoSchema, TensorProtoSchema, type TensorProto } from './gen/onnx_pb';
import { onnxKerasWeights } from './keras-weights';
import { importOnnx } from './import-onnx';
import { analysed, attr, int64s, model, node, tensorInfo, weight, imported } from './test-graphs';


/** A float initializer of `values` (raw float32). */
function floats(name: string, values: number[], dims = [values.length]): TensorProto {
  return create(TensorProtoSchema, { name, dims: dims.map(BigInt), dataType: 1, rawData: new Uint8Array(Float32Array.from(values).buffer) });
}

describe('Clip bounds', () => {
  it('does not read a Clip whose max is not one number as an unbounded ReLU', () => {
    const imp = imported(model({ nodes: [node('Clip', ['x', 'lo', 'hi'], ['y'], [], 'c')], initializers: [floats('lo', [0], []), floats('hi', [6, 7])] }));
    expect(imp.graph.layers[1]).toMatchObject({ type: 'Unknown', className: 'Clip' });
    expect(imp.warnings[0]).toBe("Layer 'c' (Clip): its max ('hi') is not a constant scalar, so it is not read as a ReLU.");
    const relu6 = imported(model({ nodes: [node('Clip', ['x', 'lo', 'hi'], ['y'])], initializers: [floats('lo', [0], []), floats('hi', [6], [])] }));
    expect(relu6.graph.layers[1]).toMatchObject({ type: 'ReLU', maxValue: 6 });
    const unbounded = imported(model({ nodes: [node('Clip', ['x', 'lo'], ['y'])], initializers: [floats('lo', [0], [])] }));
    expect(unbounded.graph.layers[1]).toMatchObject({ type: 'ReLU', maxValue: null });
  });
});

/** float16 bits of small integers 0…2047 (exact in half precision): sign 0, exponent, mantissa. */
function half(v: number): number {
  if (v === 0) return 0;
  const e = Math.floor(Math.log2(v));
  return ((e + 15) << 10) | Math.round((v / 2 ** e - 1) * 1024);
}

/** A float16 initializer holding 0, 1, 2, … (raw_data, little-endian). */
function weight16(name: string, dims: number[]): TensorProto {
  const n = dims.reduce((a, b) => a * b, 1);
  const bits = Uint16Array.from({ length: n }, (_, i) => half(i));
  return create(TensorProtoSchema, { name, dims: dims.map(BigInt), dataType: 10, rawData: new Uint8Array(bits.buffer) });
}

const conv3 = (w: string, extra: ReturnType<typeof attr>[] = []) =>
  node('Conv', ['x', w], ['y'], [attr('kernel_shape', [3, 3]), ...extra], 'c');

describe('weights that are not float32 initializers', () => {
  it('counts a float16 Conv weight (4·3·3·3 = 108 params, 108·6·6 MACs) and gives its values as float32', () => {
    const m = model({ nodes: [conv3('w')], initializers: [weight16('w', [4, 3, 3, 3])] });
    const imp = imported(m);
    const report = analysed(imp);
    expect([report.totals.params, report.totals.macs]).toEqual([108, 108 * 36]);
    const [kernel] = onnxKerasWeights(m, imp);
    // keras[i][j][c][o] = onnx[o][c][i][j] = ((o·3 + c)·3 + i)·3 + j, the value stored there.
    for (const [i, j, c, o] of [[0, 0, 0, 0], [2, 1, 2, 3], [1, 2, 0, 1]]) {
      expect(kernel.data[((i * 3 + j) * 3 + c) * 4 + o]).toBe(((o * 3 + c) * 3 + i) * 3 + j);
    }
  });

  it('counts a float16 MatMul weight as a Dense (8 → 4: 32 params)', () => {
    const imp = imported(model({ nodes: [node('MatMul', ['x', 'w'], ['y'], [], 'mm')], initializers: [weight16('w', [8, 4])], inputs: [tensorInfo('x', [1, 8])] }));
    expect(imp.graph.layers[1]).toMatchObject({ type: 'Dense', units: 4 });
    expect(analysed(imp).totals.params).toBe(32);
  });

  it('reads a Conv weight held in a Constant node (108 params) and gives its values', () => {
    const value = create(AttributeProtoSchema, { name: 'value', type: AT.TENSOR, t: weight('', [4, 3, 3, 3]) });
    const m = model({ nodes: [node('Constant', [], ['w'], [value]), conv3('w')] });
    const imp = imported(m);
    expect(analysed(imp).totals.params).toBe(108);
    expect(imp.weights.map((w) => w.initializer)).toEqual(['w']);
    expect(onnxKerasWeights(m, imp)[0].data[1 * 4]).toBe(1 * 9); // keras [0][0][1][0] = onnx [0][1][0][0], element 9
  });
});

describe('biases and pads of other shapes', () => {
  it('counts a Gemm with a broadcast bias C [1] as a Dense without its own bias (8·4 = 32) and a zero-cost Add holding C (1)', () => {
    const imp = imported(model({
      nodes: [node('Gemm', ['x', 'w', 'b'], ['y'], [attr('transB', 1)], 'g')], initializers: [weight('w', [4, 8]), floats('b', [0.5])],
      inputs: [tensorInfo('x', [1, 8])],
    }));
    expect(imp.graph.layers[1]).toMatchObject({ type: 'Dense', units: 4, useBias: false });
    expect(imp.graph.layers[2]).toMatchObject({ type: 'Unknown', name: 'g_c', inputs: ['g'], className: 'Add', params: 1, outputShape: [4] });
    expect(imp.warnings[0]).toMatch(/^Layer 'g_c' \(Add\): the bias C 'b' \[1\] of Gemm 'g' is broadcast/);
    expect(analysed(imp).totals.params).toBe(8 * 4 + 1); // the file's 33 float values
  });

  it('reads Pad at opset 18 with an axes input (H, W pads [1, 2] and [3, 4]: 4×4 → 8×10)', () => {
    const imp = imported(model({
      nodes: [node('Pad', ['x', 'p', '', 'ax'], ['y'], [], 'pad')], initializers: [int64s('p', [1, 2, 3, 4]), int64s('ax', [2, 3])],
      inputs: [tensorInfo('x', [1, 3, 4, 4])], opset: 18,
    }));
    expect(imp.graph.layers[1]).toMatchObject({ type: 'ZeroPadding2D', padding: [[1, 3], [2, 4]] });
  });

  it('says that a Conv with strides and dilations both above 1 is the engine\'s (Keras\'s) rule', () => {
    const r = importOnnx(model({ nodes: [conv3('w', [attr('strides', [2, 2]), attr('dilations', [2, 2])])], initializers: [weight('w', [4, 3, 3, 3])], inputs: [tensorInfo('x', [1, 3, 16, 16])] }), 't.onnx');
    expect(!r.ok && r.error.message).toMatch(/a rule of FlopLab's engine, which follows Keras/);
  });
});

describe('params are the file\'s own float initializers, each once', () => {
  it('counts a BatchNorm whose mean and variance are merged with its beta and gamma (untrained) as the file: 2·C', () => {
    // gamma = var = ones, beta = mean = zeros: the file holds 3 + 3 values.
    const imp = imported(model({
      nodes: [node('BatchNormalization', ['x', 'ones', 'zeros', 'zeros', 'ones'], ['y'], [], 'bn')],
      initializers: [floats('ones', [1, 1, 1]), floats('zeros', [0, 0, 0])],
    }));
    expect(analysed(imp).totals.params).toBe(6);
    expect(imp.weights.map((w) => [w.kerasName, w.initializer])).toEqual([['bn/moving_mean', 'zeros'], ['bn/moving_variance', 'ones']]);
  });

  it('counts a BatchNorm whose mean is another BatchNorm\'s mean once (3·4 file values + 4·4 own)', () => {
    // bn1: g1, b1, m, v (16 values); bn2: g2, b2, m (merged), v2: the file holds 4 more than 3 per channel.
    const imp = imported(model({
      nodes: [
        node('BatchNormalization', ['x', 'g1', 'b1', 'm', 'v'], ['a'], [], 'bn1'),
        node('BatchNormalization', ['a', 'g2', 'b2', 'm', 'v2'], ['y'], [], 'bn2'),
      ],
      initializers: [floats('g1', [1, 2, 3]), floats('b1', [4, 5, 6]), floats('m', [0, 0, 0]), floats('v', [7, 8, 9]),
        floats('g2', [2, 2, 2]), floats('b2', [3, 3, 3]), floats('v2', [5, 5, 5])],
    }));
    expect(analysed(imp).totals.params).toBe(7 * 3);
  });
});
