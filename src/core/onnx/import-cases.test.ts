/**
 * importOnnx on small graphs written in code: unknown ops (warned or refused), shared and
 * Identity-wrapped initializers (counted once), malformed tensors and inputs (one message naming
 * the node or input), and the engine padding chosen for pads the engine cannot say directly.
 * Expected counts are worked by hand in the comments.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../analyze';
import { importOnnx } from './import-onnx';
import { decodeOnnx } from './read-model';
import { analysed, attr, floatAttr, int64s, model, node, tensorInfo, weight, imported } from './test-graphs';


const conv = (input: string, w: string, out: string, name = '') =>
  node('Conv', [input, w], [out], [attr('kernel_shape', [3, 3]), attr('pads', [1, 1, 1, 1])], name);

describe('unknown ops', () => {
  it('counts an op with a shape rule (Mul of two tensors, broadcast) as zero cost, named in a warning', () => {
    const imp = imported(model({
      nodes: [node('GlobalAveragePool', ['x'], ['p']), node('Sigmoid', ['p'], ['s']), node('Mul', ['x', 's'], ['y'], [], 'gate')],
    }));
    expect(imp.graph.layers[3]).toMatchObject({ type: 'Unknown', name: 'gate', className: 'Mul', outputShape: [8, 8, 3], inputs: ['x', 'Sigmoid_1'] });
    expect(imp.warnings).toEqual(["Layer 'gate' (Mul): ONNX op not mapped by FlopLab; counted as zero cost with its output shape [1, 3, 8, 8]."]);
    expect(analysed(imp).totals.macs).toBe(0);
  });

  it('reads x · sigmoid(x) as one swish activation (PyTorch\'s SiLU), x · hard_sigmoid(x) as hard swish', () => {
    const silu = imported(model({ nodes: [node('Sigmoid', ['x'], ['s'], [], 'act'), node('Mul', ['s', 'x'], ['y'])] }));
    expect(silu.graph.layers.slice(1)).toEqual([{ type: 'Activation', name: 'act', inputs: ['x'], activation: 'swish' }]);
    expect(silu.warnings).toEqual([]);
    const hard = imported(model({
      nodes: [node('HardSigmoid', ['x'], ['s'], [floatAttr('alpha', 1 / 6)], 'act'), node('Mul', ['x', 's'], ['y'])], opset: 13,
    }));
    expect(hard.graph.layers[1]).toMatchObject({ type: 'Activation', activation: 'hard_swish' });
  });

  it('takes an unknown op\'s shape from value_info, and refuses it without one', () => {
    const nodes = [node('Einsum', ['x'], ['y'], [], 'mystery')];
    const known = imported(model({ nodes, valueInfo: [tensorInfo('y', [1, 6, 4, 4])] }));
    expect(known.graph.layers[1]).toMatchObject({ type: 'Unknown', className: 'Einsum', outputShape: [4, 4, 6] });
    const refused = importOnnx(model({ nodes }), 'test.onnx');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('unknown-layer');
      expect(refused.error.message).toMatch(/^Node 'mystery': FlopLab does not know the ONNX op 'Einsum' and cannot tell the shape of its output 'y'/);
    }
  });
});

describe('initializers', () => {
  it('counts a weight read by two convolutions (one through Identity) once', () => {
    // conv 3→3, 3×3, no bias: 81 params; the second call shares them; MACs 81·64 each.
    const imp = imported(model({
      nodes: [node('Identity', ['w'], ['w_copy']), conv('x', 'w', 'a', 'first'), conv('a', 'w_copy', 'b', 'second')],
      initializers: [weight('w', [3, 3, 3, 3])],
    }));
    expect(imp.graph.layers[2]).toMatchObject({ name: 'second', sharesWeightsOf: 'first' });
    expect(imp.weights.map((w) => [w.kerasName, w.initializer])).toEqual([['first/kernel', 'w']]);
    const report = analysed(imp);
    expect(report.totals.params).toBe(81);
    expect(report.totals.macs).toBe(2 * 81 * 64);
    expect(imp.warnings).toEqual([expect.stringContaining("'second' uses 'first'")]);
  });

  it('counts a bias merged by the exporter (two convs, one bias initializer) once', () => {
    // kernels 4·3·3·3 = 108 and 4·4·3·3 = 144, one bias of 4: 256 params in the file.
    const imp = imported(model({
      nodes: [node('Conv', ['x', 'w1', 'b'], ['a'], [attr('pads', [1, 1, 1, 1])], 'one'), node('Conv', ['a', 'w2', 'b'], ['y'], [attr('pads', [1, 1, 1, 1])], 'two')],
      initializers: [weight('w1', [4, 3, 3, 3]), weight('w2', [4, 4, 3, 3]), weight('b', [4])],
    }));
    expect(imp.graph.layers[2]).toMatchObject({ name: 'two', useBias: false });
    expect(imp.weights.map((w) => w.kerasName)).toEqual(['one/kernel', 'one/bias', 'two/kernel']);
    expect(analysed(imp).totals.params).toBe(256);
    expect(imp.warnings).toEqual([expect.stringContaining("'two' reads the bias of 'one'")]);
  });

  it('follows Identity on a weight to its initializer (PyTorch 1.13 writes them)', () => {
    const imp = imported(model({
      nodes: [node('Identity', ['w'], ['w1']), node('Identity', ['w1'], ['w2']), conv('x', 'w2', 'y', 'c')],
      initializers: [weight('w', [4, 3, 3, 3])],
    }));
    expect(imp.weights).toEqual([{ kerasName: 'c/kernel', layer: 'c', initializer: 'w', onnxDims: [4, 3, 3, 3], kerasShape: [3, 3, 3, 4], perm: [2, 3, 1, 0] }]);
  });

  it('maps PRelu with a per-channel slope [C, 1, 1] to PReLU shared over H and W (C params)', () => {
    const imp = imported(model({ nodes: [node('PRelu', ['x', 'slope'], ['y'], [], 'act')], initializers: [weight('slope', [3, 1, 1])] }));
    expect(imp.graph.layers[1]).toEqual({ type: 'PReLU', name: 'act', inputs: ['x'], sharedAxes: [1, 2] });
    expect(analysed(imp).totals.params).toBe(3);
    expect(imp.warnings).toEqual([]);
    const one = imported(model({ nodes: [node('PRelu', ['x', 'slope'], ['y'])], initializers: [weight('slope', [1])] }));
    expect(one.graph.layers[1]).toMatchObject({ sharedAxes: [1, 2, 3] });
    expect(analysed(one).totals.params).toBe(1);
  });

  it('maps LayerNormalization (opset 17) over the last axis, gamma and beta counted (2·E)', () => {
    const imp = imported(model({
      nodes: [node('LayerNormalization', ['x', 'g', 'b'], ['y'], [attr('axis', -1)], 'ln')],
      inputs: [tensorInfo('x', [1, 5, 16])], initializers: [weight('g', [16]), weight('b', [16])], opset: 17,
    }));
    expect(imp.graph.layers[1]).toMatchObject({ type: 'LayerNormalization', axis: -1, center: true, scale: true });
    expect(analysed(imp).totals.params).toBe(32);
    const over2 = imported(model({
      nodes: [node('LayerNormalization', ['x', 'g'], ['y'], [attr('axis', 1)])],
      inputs: [tensorInfo('x', [1, 5, 16])], initializers: [weight('g', [5, 16])], opset: 17,
    }));
    expect(over2.graph.layers[1]).toMatchObject({ type: 'Unknown', className: 'LayerNormalization' });
  });

  it('reads a MatMul weight written as Transpose of an [out, in] initializer (no constant folding)', () => {
    const imp = imported(model({
      nodes: [node('Flatten', ['x'], ['f']), node('Transpose', ['w'], ['wt'], [attr('perm', [1, 0])]), node('MatMul', ['f', 'wt'], ['y'], [], 'fc')],
      initializers: [weight('w', [5, 192])],
    }));
    expect(imp.graph.layers[2]).toMatchObject({ type: 'Dense', units: 5 });
    expect(imp.weights).toEqual([{ kerasName: 'fc/kernel', layer: 'fc', initializer: 'w', onnxDims: [5, 192], kerasShape: [192, 5], perm: [1, 0] }]);
  });

  it('counts the float initializers an Unknown layer reads as its params (an Add of a constant [1, 3, 1, 1]: 3)', () => {
    const imp = imported(model({ nodes: [node('Add', ['x', 'shift'], ['y'], [], 'add')], initializers: [weight('shift', [1, 3, 1, 1])] }));
    expect(imp.graph.layers[1]).toMatchObject({ type: 'Unknown', className: 'Add', params: 3 });
    expect(analysed(imp).totals.params).toBe(3);
    expect(imp.warnings[0]).toMatch(/the 3 values of the float initializers it reads are counted as its params\.$/);
  });

  it('says which float initializers no layer holds (Clip bounds read as a ReLU6)', () => {
    const bound = (name: string, v: number) => ({ ...weight(name, []), rawData: new Uint8Array(Float32Array.of(v).buffer) });
    const imp = imported(model({ nodes: [node('Clip', ['x', 'lo', 'hi'], ['y'])], initializers: [bound('lo', 0), bound('hi', 6)] }));
    expect(imp.graph.layers[1]).toMatchObject({ type: 'ReLU', maxValue: 6 });
    expect(imp.warnings).toContainEqual(expect.stringMatching(/^2 float initializers \('lo', 'hi'; 2 values\) feed/));
  });

  it('refuses a weight whose raw_data is shorter than its dims, naming layer and tensor', () => {
    const w = weight('w', [4, 3, 3, 3]);
    w.rawData = w.rawData.subarray(0, 100);
    const r = importOnnx(model({ nodes: [conv('x', 'w', 'y', 'c')], initializers: [w] }), 'test.onnx');
    expect(r.ok ? null : r.error.message).toBe("Layer 'c': Expected tensor 'w' (dims [4, 3, 3, 3]) to hold 108 values (432 bytes), but got 100 bytes of raw_data.");
  });
});

describe('inputs and malformed graphs', () => {
  it('takes a dynamic batch as 1 and refuses another dynamic dim, naming the input', () => {
    const nodes = [node('Relu', ['x'], ['y'])];
    expect(imported(model({ nodes, inputs: [tensorInfo('x', ['N', 3, 8, 8])] })).graph.layers[0]).toMatchObject({ shape: [8, 8, 3] });
    const r = importOnnx(model({ nodes, inputs: [tensorInfo('x', ['N', 3, 'height', 8])] }), 'test.onnx');
    expect(r.ok ? null : r.error.message).toMatch(/^Graph input 'x': Expected fixed sizes after the batch dimension, but got \[N, 3, height, 8\] \(dim 2 is dynamic\)/);
  });

  it('follows the batch of 1 where attention moves it ([1, L, E] → [L, 1, E] → [L, heads, d])', () => {
    // x [1, 4, 8] → Transpose → [4, 1, 8] → MatMul 8 → 6: 4·8·6 = 192 MACs → Reshape [4, 2, 3] → MatMul 3 → 5: 8·3·5 = 120.
    const imp = imported(model({
      nodes: [
        node('Transpose', ['x'], ['t'], [attr('perm', [1, 0, 2])]), node('MatMul', ['t', 'w1'], ['q'], [], 'proj'),
        node('Reshape', ['q', 'heads'], ['h']), node('MatMul', ['h', 'w2'], ['y'], [], 'per_head'),
      ],
      inputs: [tensorInfo('x', [1, 4, 8])], initializers: [weight('w1', [8, 6]), weight('w2', [3, 5]), int64s('heads', [4, 2, 3])],
    }));
    const report = analysed(imp);
    expect(report.layers.map((l) => [l.name, l.outputShape, l.macs])).toEqual([
      ['x', [4, 8], 0], ['proj', [4, 6], 192], ['Reshape_2', [4, 2, 3], 0], ['per_head', [4, 2, 5], 120],
    ]);
  });

  it('names the node and field of a malformed attribute or a missing input', () => {
    const badGroup = importOnnx(model({
      nodes: [node('Conv', ['x', 'w'], ['y'], [attr('group', 2)], 'c')], initializers: [weight('w', [4, 3, 3, 3])],
    }), 't.onnx');
    expect(badGroup.ok ? null : badGroup.error.message).toMatch(/^Node 'c' \(Conv\): Expected group to be a divisor of Cin \(3\)/);
    const missing = importOnnx(model({ nodes: [node('Relu', ['nowhere'], ['y'], [], 'r')] }), 't.onnx');
    expect(missing.ok ? null : missing.error.message).toMatch(/^Node 'r' \(Relu\): Expected input 'nowhere' to be a graph input/);
  });

  it('never throws on damaged bytes of a real export: a value either way', () => {
    const bytes = new Uint8Array(readFileSync(join(__dirname, 'fixtures', 'custom-net.onnx')));
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.nat(255)), { minLength: 1, maxLength: 8 }), (flips) => {
      const copy = bytes.slice();
      for (const [at, value] of flips) copy[at] = value;
      const decoded = decodeOnnx(copy, 'x.onnx');
      if (!decoded.ok) return;
      const imp = importOnnx(decoded.value, 'x.onnx');
      if (imp.ok) analyzeModel(imp.value.graph);
    }), { numRuns: 150 });
  });
});

describe('padding the engine cannot say', () => {
  it('puts a ZeroPadding2D before a \'valid\' conv for pads wider than \'same\' (8 + 2·2 − 3 + 1 = 10)', () => {
    const imp = imported(model({
      nodes: [node('Conv', ['x', 'w'], ['y'], [attr('kernel_shape', [3, 3]), attr('pads', [2, 2, 2, 2])], 'wide')],
      initializers: [weight('w', [2, 3, 3, 3])],
    }));
    expect(imp.graph.layers.map((l) => l.type)).toEqual(['InputLayer', 'ZeroPadding2D', 'Conv2D']);
    expect(imp.graph.layers[1]).toMatchObject({ name: 'wide_pad', padding: [[2, 2], [2, 2]] });
    expect(imp.graph.layers[2]).toMatchObject({ padding: 'valid' });
    const report = analysed(imp);
    expect(report.outputShape).toEqual([10, 10, 2]);
    expect(report.totals.macs).toBe(27 * 100 * 2);
  });

  it('reads Clip bounds from attributes before opset 11 and inputs after', () => {
    const old = imported(model({ nodes: [node('Clip', ['x'], ['y'], [floatAttr('min', 0), floatAttr('max', 6)])], opset: 9 }));
    expect(old.graph.layers[1]).toMatchObject({ type: 'ReLU', maxValue: 6 });
    const hardtanh = imported(model({ nodes: [node('Clip', ['x'], ['y'], [floatAttr('min', -1), floatAttr('max', 1)])], opset: 9 }));
    expect(hardtanh.graph.layers[1]).toMatchObject({ type: 'Unknown', className: 'Clip' });
  });

  it('folds a Reshape target computed from Shape → Gather → Unsqueeze → Concat', () => {
    // x [1, 3, 8, 8] → [N, -1] → Flatten-like Reshape to [1, 192]; Gemm 192 → 5 after it.
    const imp = imported(model({
      nodes: [
        node('Shape', ['x'], ['s']), node('Gather', ['s', 'zero'], ['n'], [attr('axis', 0)]),
        node('Unsqueeze', ['n', 'axes'], ['n1']), node('Concat', ['n1', 'minus1'], ['target'], [attr('axis', 0)]),
        node('Reshape', ['x', 'target'], ['flat'], [], 'flat'), node('Gemm', ['flat', 'fc'], ['y'], [attr('transB', 1)], 'fc'),
      ],
      initializers: [int64s('axes', [0]), int64s('minus1', [-1]), weight('fc', [5, 192]),
        int64s('zero', [0], [])],
    }));
    expect(imp.graph.layers.map((l) => l.type)).toEqual(['InputLayer', 'Reshape', 'Dense']);
    expect(imp.graph.layers[1]).toMatchObject({ targetShape: [192] });
    expect(analysed(imp).totals.macs).toBe(192 * 5);
  });
});
