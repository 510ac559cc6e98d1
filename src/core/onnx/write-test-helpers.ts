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
import type { CompressionResult } from '../compress/types';
import { type ModelProto, ModelProtoSchema, type TensorProto, TensorProto_DataType } from './gen/onnx_pb';
import { floatTensor, TEST_SOURCES, toOnnxOrder } from './write-test-model';

const bytesOf = (t: TensorProto) => t.rawData.slice();

/** The values of initializer `t` as numbers (float32, int8 or uint8; raw_data or typed fields). */
function numbers(t: TensorProto): Float32Array {
  if (t.dataType === TensorProto_DataType.FLOAT) return t.rawData.length ? new Float32Array(bytesOf(t).buffer) : Float32Array.from(t.floatData);
  if (t.dataType === TensorProto_DataType.INT8) return Float32Array.from(t.rawData.length ? new Int8Array(bytesOf(t).buffer) : t.int32Data);
  if (t.dataType === TensorProto_DataType.UINT8) return Float32Array.from(t.rawData.length ? t.rawData : t.int32Data);
  throw new Error(`unexpected data type ${t.dataType} of ${t.name}`);
}

/**
 * The float weight named `name` as a runtime sees it: the initializer itself, or the output of
 * the DequantizeLinear that produces it, computed here from the ONNX spec: y = (x − zero_point) · scale
 * in float32, per channel along `axis` (default 1) when the scale is 1-D.
 */
export function dequantizedWeight(model: ModelProto, name: string) {
  const graph = model.graph;
  const init = (n: string) => graph?.initializer.find((t) => t.name === n);
  const direct = init(name);
  if (direct) return { storage: 'float32' as const, perChannel: false, dims: direct.dims.map(Number), values: numbers(direct) };
  const node = graph?.node.find((n) => n.opType === 'DequantizeLinear' && n.output[0] === name);
  if (!node) throw new Error(`no initializer or DequantizeLinear gives ${name}`);
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
  return { storage, perChannel, dims, values };
}

/** got equals want to float32 precision (a few ulps), and exactly where want is zero. */
export function expectValuesOf(got: Float32Array, want: Float32Array, label: string): void {
  expect(got.length, label).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (want[i] === 0) expect(got[i], `${label}[${i}]`).toBe(0);
    else expect(Math.abs(got[i] - want[i]), `${label}[${i}]: ${got[i]} vs ${want[i]}`).toBeLessThanOrEqual(2 ** -21 * Math.abs(want[i]));
  }
}

/** The original model with each compressed kernel's float32 values put in place (test oracle layout). */
export function compressedModelWithFloats(model: ModelProto, result: CompressionResult): Uint8Array {
  const graph = model.graph;
  if (!graph) throw new Error('no graph');
  const initializer = graph.initializer.map((t) => {
    const source = TEST_SOURCES.find((s) => s.initializer === t.name);
    const weight = result.weights.find((w) => w.name === source?.kerasName);
    return source && weight ? floatTensor(t.name, t.dims.map(Number), toOnnxOrder(source.kerasName, weight.data)) : t;
  });
  return toBinary(ModelProtoSchema, { ...model, graph: { ...graph, initializer } });
}

/** Runs a one-input, one-output model in onnxruntime-web (wasm backend, one thread) and returns its output. */
export async function runOnnx(bytes: Uint8Array, x: Float32Array, dims: number[]): Promise<Float32Array> {
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  try {
    const out = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', x, dims) });
    return out[session.outputNames[0]].data as Float32Array;
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
