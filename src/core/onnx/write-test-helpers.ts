/**
 * Test helpers for the ONNX writer (Node only): DequantizeLinear by hand on a decoded model,
 * onnxruntime-web on the wasm backend, and Debian's python3-onnx checker when it is installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toBinary } from '@bufbuild/protobuf';
import * as ort from 'onnxruntime-web';
import { expect } from 'vitest';
import { float16BitsToFloat32, float32ToFloat16Bits } from '../compress/float16';
import type { CompressionResult } from '../compress/types';
import { type ModelProto, ModelProtoSchema, type TensorProto, TensorProto_DataType } from './gen/onnx_pb';
import { floatTensor, initializerValues, TEST_SOURCES, type TestStorage, toOnnxOrder } from './write-test-model';

const bytesOf = (t: TensorProto) => t.rawData.slice();

const STORAGE_OF: Record<number, TestStorage> = {
  [TensorProto_DataType.FLOAT]: 'float32', [TensorProto_DataType.FLOAT16]: 'float16', [TensorProto_DataType.BFLOAT16]: 'bfloat16', [TensorProto_DataType.DOUBLE]: 'float64',
};

/**
 * `v` rounded to the nearest float16 or bfloat16, ties to even, written independently of the
 * writer's bit twiddling: the value's ulp is a power of two, so v / ulp is exact in a double.
 */
export function roundToOracle(v: number, storage: TestStorage): number {
  if (storage === 'float32' || storage === 'float64' || v === 0 || !Number.isFinite(v)) return v;
  const [mantissaBits, minExp, max] = storage === 'float16' ? [10, -14, 65504] : [7, -126, 3.3895313892515355e38];
  const exp = Math.max(Math.floor(Math.log2(Math.abs(v))), minExp);
  const ulp = 2 ** (exp - mantissaBits);
  const q = v / ulp;
  let r = Math.round(q);
  if (Math.abs(q % 1) === 0.5 && r % 2 !== 0) r -= 1; // a tie: Math.round went up to an odd one
  const out = r * ulp;
  return Math.abs(out) > max ? Math.sign(out) * Infinity : out;
}

/** The values of initializer `t` as numbers (any float type, int8 or uint8; raw_data or typed fields). */
function numbers(t: TensorProto): Float32Array {
  if (STORAGE_OF[t.dataType] !== undefined) return initializerValues(t);
  if (t.dataType === TensorProto_DataType.INT8) return Float32Array.from(t.rawData.length ? new Int8Array(bytesOf(t).buffer) : t.int32Data);
  if (t.dataType === TensorProto_DataType.UINT8) return Float32Array.from(t.rawData.length ? t.rawData : t.int32Data);
  throw new Error(`unexpected data type ${t.dataType} of ${t.name}`);
}

/**
 * The float weight named `name` as a runtime sees it: the initializer itself, or the output of
 * the DequantizeLinear that produces it, computed here from the ONNX spec: y = (x − zero_point) · scale
 * in float32, per channel along `axis` (default 1) when the scale is 1-D.
 */
export function dequantizedWeight(model: ModelProto, name: string): {
  storage: 'int8' | 'uint8' | TestStorage; perChannel: boolean; dims: number[]; values: Float32Array; weightType: TestStorage; holder: 'initializer' | 'constant' | 'node';
} {
  const graph = model.graph;
  const init = (n: string) => graph?.initializer.find((t) => t.name === n);
  const constant = graph?.node.find((n) => n.opType === 'Constant' && n.output[0] === name)?.attribute.find((a) => a.name === 'value')?.t;
  const direct = init(name) ?? constant;
  if (direct) {
    const storage = STORAGE_OF[direct.dataType];
    return { storage, weightType: storage, perChannel: false, dims: direct.dims.map(Number), values: numbers(direct), holder: init(name) ? 'initializer' : 'constant' };
  }
  // Cast(DequantizeLinear(…)): the DequantizeLinear's float32 values rounded to the Cast's type.
  const cast = graph?.node.find((n) => n.opType === 'Cast' && n.output[0] === name);
  if (cast) {
    const weightType = STORAGE_OF[Number(cast.attribute.find((a) => a.name === 'to')?.i)];
    const inner = dequantizedWeight(model, cast.input[0]);
    expect(inner.weightType).toBe('float32');
    return { ...inner, weightType, values: inner.values.map((v) => roundToOracle(v, weightType)) };
  }
  const node = graph?.node.find((n) => n.opType === 'DequantizeLinear' && n.output[0] === name);
  if (!node) throw new Error(`no initializer, Constant, Cast or DequantizeLinear gives ${name}`);
  const [x, s, z] = node.input.map((n) => init(n) as TensorProto);
  const codes = numbers(x);
  const scales = numbers(s);
  const zeroPoints = numbers(z);
  expect(z.dataType).toBe(x.dataType);
  const dims = x.dims.map(Number);
  const axisAttr = node.attribute.find((a) => a.name === 'axis');
  const axis = Number(axisAttr?.i ?? 1n);
  const perChannel = s.dims.length === 1;
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const values = Float32Array.from(codes, (q, i) => {
    const c = perChannel ? Math.floor(i / inner) % dims[axis] : 0;
    return Math.fround((q - zeroPoints[c]) * scales[c]);
  });
  const storage = x.dataType === TensorProto_DataType.INT8 ? 'int8' as const : 'uint8' as const;
  expect(s.dataType).toBe(TensorProto_DataType.FLOAT);
  return { storage, perChannel, dims, values, weightType: 'float32', holder: 'node' };
}

/** got equals want to float32 precision (a few ulps), and exactly where want is zero. */
export function expectValuesOf(got: Float32Array, want: Float32Array, label: string): void {
  expect(got.length, label).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (want[i] === 0) expect(got[i], `${label}[${i}]`).toBe(0);
    else expect(Math.abs(got[i] - want[i]), `${label}[${i}]: ${got[i]} vs ${want[i]}`).toBeLessThanOrEqual(2 ** -21 * Math.abs(want[i]));
  }
}

/**
 * The original model with each compressed kernel's values put in place (test oracle layout), in
 * each initializer's own float type; weights held by Constant nodes become initializers.
 */
export function compressedModelWithFloats(model: ModelProto, result: CompressionResult): Uint8Array {
  const graph = model.graph;
  if (!graph) throw new Error('no graph');
  const constants = graph.node.filter((n) => n.opType === 'Constant').map((n) => ({ ...(n.attribute[0].t as TensorProto), name: n.output[0] }));
  const initializer = [...graph.initializer, ...constants].map((t) => {
    const source = TEST_SOURCES.find((s) => s.initializer === t.name);
    const weight = result.weights.find((w) => w.name === source?.kerasName);
    if (!source || !weight) return t;
    const storage = STORAGE_OF[t.dataType];
    const values = toOnnxOrder(source.kerasName, weight.data).map((v) => roundToOracle(v, storage));
    return floatTensor(t.name, t.dims.map(Number), values, storage);
  });
  return toBinary(ModelProtoSchema, { ...model, graph: { ...graph, initializer, node: graph.node.filter((n) => n.opType !== 'Constant') } });
}

/**
 * Runs a one-input, one-output model in onnxruntime-web (wasm backend, one thread) and returns its
 * output; `inputType` float16: x is given as float16 and a float16 output is read back as float32.
 */
export async function runOnnx(bytes: Uint8Array, x: Float32Array, dims: number[], inputType: 'float32' | 'float16' = 'float32'): Promise<Float32Array> {
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  try {
    const input = inputType === 'float16' ? new ort.Tensor('float16', Uint16Array.from(x, float32ToFloat16Bits), dims) : new ort.Tensor('float32', x, dims);
    const out = await session.run({ [session.inputNames[0]]: input });
    const y = out[session.outputNames[0]];
    return y.type === 'float16' ? Float32Array.from(y.data as Uint16Array, float16BitsToFloat32) : y.data as Float32Array;
  } finally {
    await session.release();
  }
}

const PYTHON = '/usr/bin/python3';
const hasOnnx = spawnSync(PYTHON, ['-c', 'import onnx'], { stdio: 'ignore' }).status === 0;

/** Whether the checker test runs here, and the reason shown in its name when it does not. */
export const ONNX_CHECKER = hasOnnx
  ? { skip: false, reason: '' }
  : { skip: true, reason: ` (skipped: ${PYTHON} cannot import onnx; apt-get install python3-onnx)` };

/** onnx.checker.check_model's complaint about `bytes`, or null when it passes. */
export function onnxCheckerProblem(bytes: Uint8Array): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'floplab-onnx-'));
  try {
    const file = join(dir, 'model.onnx');
    writeFileSync(file, bytes);
    const r = spawnSync(PYTHON, ['-c', 'import onnx,sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)', file], { encoding: 'utf8' });
    return r.status === 0 ? null : (r.stderr || `exit ${r.status}`).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
