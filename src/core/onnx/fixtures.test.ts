/**
 * The committed ONNX fixtures (src/core/onnx/fixtures/, written by scripts/onnx-fixtures.py with
 * PyTorch) decode, and their expected.json agrees with the files: the script counted the float
 * initializers with the `onnx` python package; here they are counted again from the decoded
 * ModelProto. Needs no torch. onnxruntime (the dev dependency onnxruntime-web, wasm in Node) runs
 * each file on the script's probe input and must give PyTorch's output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { type ModelProto, TensorProto_DataType } from './gen/onnx_pb';
import { decodeOnnx } from './read-model';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const NAMES = ['custom-net', 'resnet-basic-block', 'mobilenetv2-block', 'mobilenetv2-block-bn'] as const;

interface Expected {
  file: string;
  opset: number;
  initializerParams: number;
  torchParams: number;
  torchBuffers: number;
  opTypes: string[];
  nodeCount: number;
  onnxInputShape: number[];
  probe: { outputAbsSum: number; outputStride: number; outputSample: number[] };
}

const FLOATS = new Set<number>([TensorProto_DataType.FLOAT, TensorProto_DataType.FLOAT16, TensorProto_DataType.DOUBLE, TensorProto_DataType.BFLOAT16]);

/** Float elements of the initializers some node reads, each initializer once. */
function floatInitializerElements(model: ModelProto): number {
  const graph = model.graph!;
  const used = new Set(graph.node.flatMap((n) => n.input));
  let total = 0;
  for (const t of graph.initializer) {
    if (used.has(t.name) && FLOATS.has(t.dataType)) total += t.dims.reduce((p, d) => p * Number(d), 1);
  }
  return total;
}

function load(name: string): { model: ModelProto; expected: Expected } {
  const bytes = new Uint8Array(readFileSync(join(FIXTURES, `${name}.onnx`)));
  const decoded = decodeOnnx(bytes, `${name}.onnx`);
  if (!decoded.ok) throw new Error(decoded.error.message);
  const expected = JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8')) as Expected;
  return { model: decoded.value, expected };
}

describe('ONNX fixtures exported by PyTorch', () => {
  it.each(NAMES)('%s decodes, and its float initializers match the count made with the onnx package', (name) => {
    const { model, expected } = load(name);
    expect(expected.file).toBe(`${name}.onnx`);
    expect(floatInitializerElements(model)).toBe(expected.initializerParams);
    expect(model.graph!.node).toHaveLength(expected.nodeCount);
    expect([...new Set(model.graph!.node.map((n) => n.opType))].sort()).toEqual(expected.opTypes);
    expect(model.opsetImport.find((o) => o.domain === '')?.version).toBe(BigInt(expected.opset));
  });

  it('an eval-mode export folds BatchNorm: the file holds fewer weights than the module, the PRESERVE export all of them', () => {
    const folded = load('mobilenetv2-block');
    const kept = load('mobilenetv2-block-bn');
    expect(folded.expected.opTypes).not.toContain('BatchNormalization');
    expect(kept.expected.opTypes).toContain('BatchNormalization');
    // Folded: each conv gains a bias of Cout; the BatchNorms' 4·C values are gone.
    expect(folded.expected.initializerParams).toBeLessThan(folded.expected.torchParams + folded.expected.torchBuffers);
    expect(kept.expected.initializerParams).toBe(kept.expected.torchParams + kept.expected.torchBuffers);
  });

  it('the custom net covers every op the importer maps', () => {
    const { expected } = load('custom-net');
    for (const op of ['Conv', 'ConvTranspose', 'Gemm', 'MatMul', 'Add', 'Relu', 'Clip', 'LeakyRelu', 'Sigmoid', 'Tanh',
      'HardSigmoid', 'HardSwish', 'Softmax', 'MaxPool', 'AveragePool', 'GlobalAveragePool', 'BatchNormalization',
      'Flatten', 'Concat', 'Pad', 'ReduceMean', 'Identity', 'Reshape', 'Shape', 'Slice']) {
      expect(expected.opTypes).toContain(op);
    }
  });

  it.each(NAMES)('%s runs in onnxruntime and gives PyTorch\'s output on the probe x[i] = sin(i / 10)', async (name) => {
    const { expected } = load(name);
    ort.env.wasm.numThreads = 1;
    const session = await ort.InferenceSession.create(readFileSync(join(FIXTURES, `${name}.onnx`)));
    const size = expected.onnxInputShape.reduce((p, d) => p * d, 1);
    const x = Float32Array.from({ length: size }, (_, i) => Math.sin(i / 10));
    const out = await session.run({ input: new ort.Tensor('float32', x, expected.onnxInputShape) });
    const y = out.output!.data as Float32Array;
    await session.release();
    expected.probe.outputSample.forEach((v, i) => expect(y[i * expected.probe.outputStride]).toBeCloseTo(v, 5));
    const absSum = y.reduce((p, v) => p + Math.abs(v), 0);
    expect(Math.abs(absSum - expected.probe.outputAbsSum)).toBeLessThan(1e-5 * Math.max(1, expected.probe.outputAbsSum));
  });
});
