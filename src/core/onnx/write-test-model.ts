/**
 * A small ONNX model built in code for the writer's tests (x [1, 2, 4, 4] → y [1, 4]):
 * Conv 3×3 (2 → 3, bias) → Relu → depthwise Conv (group 3, multiplier 2) → Flatten → Gemm
 * (transB = 1, 96 → 5) → MatMul (5 → 4). Its OnnxWeightSources are written by hand, and the Keras
 * tensors are built with explicit index loops (independent of write-layout.ts's transpose).
 * Variants: every tensor in float16, bfloat16 or float64 (as `model.half()` exports it: weights,
 * input and output), and weights held by Constant nodes instead of initializers.
 */
import { create } from '@bufbuild/protobuf';
import { float32ToFloat16Bits } from '../compress/float16';
import type { WeightTensor } from '../compress/types';
import {
  AttributeProto_AttributeType, AttributeProtoSchema, GraphProtoSchema, type ModelProto, ModelProtoSchema, NodeProtoSchema,
  OperatorSetIdProtoSchema, type TensorProto, TensorProto_DataType, TensorProtoSchema, TypeProtoSchema, TypeProto_TensorSchema,
  TensorShapeProtoSchema, TensorShapeProto_DimensionSchema, ValueInfoProtoSchema,
} from './gen/onnx_pb';
import { floatValuesAsF32 } from './tensors';
import type { OnnxWeightSource } from './types';

/** A weight's float type in the test model. */
export type TestStorage = 'float32' | 'float16' | 'bfloat16' | 'float64';

const DATA_TYPE: Record<TestStorage, TensorProto_DataType> = {
  float32: TensorProto_DataType.FLOAT, float16: TensorProto_DataType.FLOAT16, bfloat16: TensorProto_DataType.BFLOAT16, float64: TensorProto_DataType.DOUBLE,
};

const ints = (name: string, values: number[]) => create(AttributeProtoSchema, { name, type: AttributeProto_AttributeType.INTS, ints: values.map(BigInt) });
const int = (name: string, value: number) => create(AttributeProtoSchema, { name, type: AttributeProto_AttributeType.INT, i: BigInt(value) });

function valueInfo(name: string, dims: number[], storage: TestStorage) {
  const shape = create(TensorShapeProtoSchema, { dim: dims.map((d) => create(TensorShapeProto_DimensionSchema, { value: { case: 'dimValue', value: BigInt(d) } })) });
  return create(ValueInfoProtoSchema, {
    name, type: create(TypeProtoSchema, { value: { case: 'tensorType', value: create(TypeProto_TensorSchema, { elemType: DATA_TYPE[storage], shape }) } }),
  });
}

/** The raw_data of values in `storage` (bfloat16 truncated: any bfloat16 values make a test input). */
function rawOf(values: Float32Array, storage: TestStorage): Uint8Array {
  if (storage === 'float16') return new Uint8Array(Uint16Array.from(values, float32ToFloat16Bits).buffer);
  if (storage === 'bfloat16') return new Uint8Array(Uint16Array.from(new Uint32Array(Float32Array.from(values).buffer), (u) => u >>> 16).buffer);
  if (storage === 'float64') return new Uint8Array(Float64Array.from(values).buffer);
  return new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
}

/** A float initializer from values (float32 unless `storage` says otherwise). */
export function floatTensor(name: string, dims: number[], values: Float32Array, storage: TestStorage = 'float32'): TensorProto {
  return create(TensorProtoSchema, { name, dims: dims.map(BigInt), dataType: DATA_TYPE[storage], rawData: rawOf(values, storage) });
}

/** Deterministic pseudo-random weights in (−1, 1). */
function values(n: number, seed: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => Math.sin(seed * 1000 + i * 12.9898) * 0.9);
}

export const TEST_WEIGHT_DIMS: Record<string, number[]> = {
  'conv.weight': [3, 2, 3, 3], 'conv.bias': [3], 'dw.weight': [6, 1, 3, 3], 'fc.weight': [5, 96], 'fc.bias': [5], 'mm.weight': [5, 4],
};

export interface TestModelOptions {
  /** The float type of every weight, the input and the output. */
  storage?: TestStorage;
  /** Weights held by Constant nodes (output = the weight's name), not initializers. */
  constants?: string[];
}

/** The test model with opset `opset` and the given initializer values (default: seeded values). */
export function testOnnxModel(opset = 14, irVersion = 7, override: Record<string, Float32Array> = {}, options: TestModelOptions = {}): ModelProto {
  const storage = options.storage ?? 'float32';
  const constants = new Set(options.constants ?? []);
  const tensors = Object.entries(TEST_WEIGHT_DIMS).map(([name, dims], k) =>
    floatTensor(name, dims, override[name] ?? values(dims.reduce((a, b) => a * b, 1), k + 1), storage));
  const initializer = tensors.filter((t) => !constants.has(t.name));
  const constantNodes = tensors.filter((t) => constants.has(t.name)).map((t) => create(NodeProtoSchema, {
    name: `${t.name}_Constant`, opType: 'Constant', output: [t.name],
    attribute: [create(AttributeProtoSchema, { name: 'value', type: AttributeProto_AttributeType.TENSOR, t: { ...t, name: '' } })],
  }));
  const node = [
    ...constantNodes,
    create(NodeProtoSchema, { name: 'conv', opType: 'Conv', input: ['x', 'conv.weight', 'conv.bias'], output: ['c'], attribute: [ints('kernel_shape', [3, 3]), ints('pads', [1, 1, 1, 1])] }),
    create(NodeProtoSchema, { name: 'relu', opType: 'Relu', input: ['c'], output: ['r'] }),
    create(NodeProtoSchema, { name: 'dw', opType: 'Conv', input: ['r', 'dw.weight'], output: ['d'], attribute: [ints('kernel_shape', [3, 3]), ints('pads', [1, 1, 1, 1]), int('group', 3)] }),
    create(NodeProtoSchema, { name: 'flatten', opType: 'Flatten', input: ['d'], output: ['f'], attribute: [int('axis', 1)] }),
    create(NodeProtoSchema, { name: 'fc', opType: 'Gemm', input: ['f', 'fc.weight', 'fc.bias'], output: ['g'], attribute: [int('transB', 1)] }),
    create(NodeProtoSchema, { name: 'mm', opType: 'MatMul', input: ['g', 'mm.weight'], output: ['y'] }),
  ];
  const graph = create(GraphProtoSchema, { name: 'write-test', node, initializer, input: [valueInfo('x', [1, 2, 4, 4], storage)], output: [valueInfo('y', [1, 4], storage)] });
  return create(ModelProtoSchema, {
    irVersion: BigInt(irVersion), producerName: 'floplab-test', producerVersion: '1', graph,
    opsetImport: [create(OperatorSetIdProtoSchema, { domain: '', version: BigInt(opset) })],
  });
}

/** Sources as an importer would give them (depthwise: [6,1,3,3] read as [C=3, M=2, 3, 3]). */
export const TEST_SOURCES: OnnxWeightSource[] = [
  { kerasName: 'conv/kernel', layer: 'conv', initializer: 'conv.weight', onnxDims: [3, 2, 3, 3], kerasShape: [3, 3, 2, 3], perm: [2, 3, 1, 0] },
  { kerasName: 'conv/bias', layer: 'conv', initializer: 'conv.bias', onnxDims: [3], kerasShape: [3], perm: [0] },
  { kerasName: 'dw/depthwise_kernel', layer: 'dw', initializer: 'dw.weight', onnxDims: [3, 2, 3, 3], kerasShape: [3, 3, 3, 2], perm: [2, 3, 0, 1] },
  { kerasName: 'fc/kernel', layer: 'fc', initializer: 'fc.weight', onnxDims: [5, 96], kerasShape: [96, 5], perm: [1, 0] },
  { kerasName: 'fc/bias', layer: 'fc', initializer: 'fc.bias', onnxDims: [5], kerasShape: [5], perm: [0] },
  { kerasName: 'mm/kernel', layer: 'mm', initializer: 'mm.weight', onnxDims: [5, 4], kerasShape: [5, 4], perm: [0, 1] },
];

/**
 * Keras index ↔ ONNX flat index of each test weight, by explicit loops: keras[kh][kw][ci][co] =
 * conv[co][ci][kh][kw]; depthwise keras[kh][kw][c][m] = dw[c·2 + m][0][kh][kw]; Gemm keras[i][o] = fc[o][i].
 */
export function onnxIndexOfKeras(kerasName: string): number[] {
  const out: number[] = [];
  if (kerasName === 'conv/kernel') {
    for (let kh = 0; kh < 3; kh++) for (let kw = 0; kw < 3; kw++) for (let ci = 0; ci < 2; ci++) for (let co = 0; co < 3; co++) out.push(((co * 2 + ci) * 3 + kh) * 3 + kw);
  } else if (kerasName === 'dw/depthwise_kernel') {
    for (let kh = 0; kh < 3; kh++) for (let kw = 0; kw < 3; kw++) for (let c = 0; c < 3; c++) for (let m = 0; m < 2; m++) out.push((c * 2 + m) * 9 + kh * 3 + kw);
  } else if (kerasName === 'fc/kernel') {
    for (let i = 0; i < 96; i++) for (let o = 0; o < 5; o++) out.push(o * 96 + i);
  } else {
    const n = TEST_SOURCES.find((s) => s.kerasName === kerasName)?.kerasShape.reduce((a, b) => a * b, 1) ?? 0;
    for (let i = 0; i < n; i++) out.push(i);
  }
  return out;
}

/** The values of a float initializer as float32 (raw_data or the typed field; float16, bfloat16, float64 converted). */
export function initializerValues(t: TensorProto): Float32Array {
  return Float32Array.from(floatValuesAsF32(t));
}

/** The model's weights in Keras layout, as onnxKerasWeights would give them (initializers or Constant nodes). */
export function testKerasWeights(model: ModelProto): WeightTensor[] {
  const inits = new Map((model.graph?.initializer ?? []).map((t) => [t.name, initializerValues(t)]));
  for (const n of model.graph?.node ?? []) {
    const t = n.opType === 'Constant' ? n.attribute.find((a) => a.name === 'value')?.t : undefined;
    if (t) inits.set(n.output[0], initializerValues({ ...t, name: n.output[0] }));
  }
  return TEST_SOURCES.map((s) => {
    const onnx = inits.get(s.initializer) as Float32Array;
    const index = onnxIndexOfKeras(s.kerasName);
    return { name: s.kerasName, shape: s.kerasShape, data: Float32Array.from(index, (j) => onnx[j]) };
  });
}

/** Keras-layout values put back at their ONNX positions (the test's oracle for the writer's transpose). */
export function toOnnxOrder(kerasName: string, keras: Float32Array): Float32Array {
  const out = new Float32Array(keras.length);
  onnxIndexOfKeras(kerasName).forEach((j, i) => { out[j] = keras[i]; });
  return out;
}
