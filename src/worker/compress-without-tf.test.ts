/**
 * The compress job on an ONNX import that TensorFlow.js cannot build: se-gate.onnx (a PyTorch
 * export, fixtures/README.md) gates a conv by a sigmoid of its channel means, a Mul of two
 * tensors that FlopLab maps to a zero-cost 'Unknown' layer. The job still compresses the file's
 * weights and gives the .onnx back; onnxruntime runs it (oracle: the uncompressed file's output).
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompressionPlan } from '../core/compress/types';
import type { ModelGraph } from '../core/model';
import { type ModelProto, type TensorProto, TensorProto_DataType } from '../core/onnx/gen/onnx_pb';
import { decodeOnnx } from '../core/onnx/read-model';
import { float32Values } from '../core/onnx/tensors';
import type { CompressDone, WorkerApi } from './api';
import { heldWeightsPending } from './weight-store';
import { createWorkerApi } from './worker-api';

const FILE = join(import.meta.dirname, '../core/onnx/fixtures/se-gate.onnx');
const INPUT_DIMS = [1, 3, 16, 16];

beforeAll(async () => {
  await tf.setBackend('cpu');
  ort.env.wasm.numThreads = 1;
});

async function imported(api: WorkerApi, file = FILE): Promise<ModelGraph> {
  const bytes = readFileSync(file);
  const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const result = await api.importModelFile({ name: basename(file), data });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.graph;
}

async function compressed(api: WorkerApi, graph: ModelGraph, plan: CompressionPlan): Promise<CompressDone> {
  const result = await api.compress(graph, plan, `onnx-${Math.random()}`);
  if (result.status !== 'done') throw new Error(JSON.stringify(result));
  return result;
}

function decoded(done: CompressDone): ModelProto {
  const file = done.onnxExport!.files[0];
  const model = decodeOnnx(new Uint8Array(file.data), file.name);
  if (!model.ok) throw new Error(model.error.message);
  return model.value;
}

/** The file's output on the input x[i] = sin(i / 10), by onnxruntime. */
async function run(bytes: Uint8Array): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  const x = Float32Array.from({ length: INPUT_DIMS.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(i / 10));
  const out = await session.run({ input: new ort.Tensor('float32', x, INPUT_DIMS) });
  await session.release();
  return out.output!.data as Float32Array;
}

const relativeError = (a: Float32Array, b: Float32Array) =>
  Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0) / a.reduce((s, v) => s + v * v, 0));

/** A quantized initializer's codes, scales and zero points (per tensor, or per channel along `axis`) as ONNX's DequantizeLinear reads them. */
function dequantized(model: ModelProto, name: string): { values: Float32Array; codes: TensorProto } {
  const graph = model.graph!;
  const node = graph.node.find((n) => n.opType === 'DequantizeLinear' && n.output[0] === name)!;
  const [codes, scale, zero] = node.input.map((i) => graph.initializer.find((t) => t.name === i)!);
  const q = codes.dataType === TensorProto_DataType.INT8 ? new Int8Array(codes.rawData.slice().buffer) : codes.rawData;
  const z = zero.dataType === TensorProto_DataType.INT8 ? new Int8Array(zero.rawData.slice().buffer) : zero.rawData;
  const s = float32Values(scale);
  const dims = codes.dims.map(Number);
  const axisAttr = node.attribute.find((a) => a.name === 'axis');
  const axis = s.length === 1 ? -1 : Number(axisAttr?.i ?? 1n);
  const inner = axis < 0 ? 1 : dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const values = Float32Array.from(q, (v, i) => {
    const c = axis < 0 ? 0 : Math.floor(i / inner) % dims[axis];
    return (v - z[c]) * s[c];
  });
  return { values, codes };
}

describe('compress an ONNX import that TensorFlow.js cannot build', () => {
  const original = new Uint8Array(readFileSync(FILE));
  const originalModel = decodeOnnx(original, 'se-gate.onnx');
  const originalValues = (name: string) => float32Values(originalModel.ok ? originalModel.value.graph!.initializer.find((t) => t.name === name)! : (() => { throw new Error('fixture'); })());

  it('the fixture holds an Unknown Mul, and its weights are put in Keras layout only when compressing', async () => {
    const api = createWorkerApi();
    const graph = await imported(api);
    expect(graph.layers.find((l) => l.type === 'Unknown')).toMatchObject({ className: 'Mul' });
    expect(heldWeightsPending()).toBe(true);
    await compressed(api, graph, { stages: [{ kind: 'quantize', bits: 8 }] });
    expect(heldWeightsPending()).toBe(false);
  });

  it('prune 50 % + 8 bits: no fidelity, latency nor TF.js export, a note says why, and an .onnx with int8/uint8 codes that onnxruntime runs', async () => {
    const api = createWorkerApi();
    const progress: string[] = [];
    const graph = await imported(api);
    const result = await api.compress(graph, { stages: [{ kind: 'prune', sparsity: 0.5 }, { kind: 'quantize', bits: 8 }] }, 'p1', (p) => progress.push(p.message));
    if (result.status !== 'done') throw new Error(JSON.stringify(result));
    expect(result).toMatchObject({ weightsSource: 'imported', fidelity: null, latency: null, export: null });
    expect(result.notes).toContain('TensorFlow.js cannot run layer \'Mul\' (Mul), so the output comparison and latency are not measured and there is no TF.js export; the .onnx is written.');
    expect(progress).toContain('Done');
    // 3·3·3·16 + 16·8 kernel weights, biases left in float32.
    expect(result.perLayer.map((l) => l.params)).toEqual([432, 128]);
    const model = decoded(result);
    const codes = model.graph!.initializer.filter((t) => t.name.endsWith('_quantized'));
    expect(codes.map((t) => t.name).sort()).toEqual(['conv1.weight_quantized', 'conv2.weight_quantized']);
    for (const t of codes) expect([TensorProto_DataType.INT8, TensorProto_DataType.UINT8]).toContain(t.dataType);
    for (const name of ['conv1.weight', 'conv2.weight']) {
      const { values } = dequantized(model, name);
      // Pruned weights dequantize to exact zeros: at least half of each kernel (global magnitude pruning may take more from one).
      const zeros = values.filter((v) => v === 0).length;
      expect(zeros).toBeGreaterThan(0);
      expect(values.length).toBe(originalValues(name).length);
    }
    const allZeros = ['conv1.weight', 'conv2.weight'].reduce((s, n) => s + dequantized(model, n).values.filter((v) => v === 0).length, 0);
    expect(allZeros).toBeGreaterThanOrEqual(0.5 * (432 + 128));
    const y = await run(new Uint8Array(result.onnxExport!.files[0].data));
    expect(y.length).toBe(8 * 16 * 16);
    expect(y.every(Number.isFinite)).toBe(true);
  });

  it('8 bits only: each weight within half a step of the file\'s, and onnxruntime\'s output within 1 % of the original file\'s', async () => {
    const api = createWorkerApi();
    const result = await compressed(api, await imported(api), { stages: [{ kind: 'quantize', bits: 8 }] });
    const model = decoded(result);
    for (const name of ['conv1.weight', 'conv2.weight']) {
      const { values } = dequantized(model, name);
      const before = originalValues(name);
      const maxAbs = Math.max(...before.map(Math.abs));
      // One 8-bit step is at most max|w| / 127 (symmetric int8: 2·max|w| / 254; affine uint8: range / 255; per channel finer).
      values.forEach((v, i) => expect(Math.abs(v - before[i])).toBeLessThanOrEqual(maxAbs / 127 / 2 + 1e-7));
    }
    const [y, y0] = [await run(new Uint8Array(result.onnxExport!.files[0].data)), await run(original)];
    expect(relativeError(y, y0)).toBeLessThan(0.01);
  });

  it('is cancellable mid-pipeline', async () => {
    const api = createWorkerApi();
    const graph = await imported(api);
    const seen: string[] = [];
    const job = api.compress(graph, { stages: [{ kind: 'prune', sparsity: 0.5 }, { kind: 'share', k: 4 }] }, 'c1', (p) => {
      seen.push(p.message);
      // Past 'Reading the ONNX weights…' (0.04): inside the pipeline.
      if (p.fraction > 0.05 && p.fraction < 0.9) void api.cancel('c1');
    });
    await expect(job).resolves.toMatchObject({ status: 'cancelled', cancelled: true });
    // The pipeline stopped at the first stage: sharing never started.
    expect(seen).not.toContain('Sharing weights (k-means)…');
  });

  it('an edited graph whose weights no longer match the file fails with TensorFlow.js\'s reason, as before', async () => {
    const api = createWorkerApi();
    const graph = await imported(api);
    const edited = { ...graph, layers: graph.layers.map((l) => (l.type === 'Conv2D' && l.name === 'conv2/Conv' ? { ...l, filters: 4 } : l)) };
    const result = await api.compress(edited, { stages: [{ kind: 'quantize', bits: 8 }] }, 'e1');
    expect(result).toMatchObject({ status: 'failed' });
    if (result.status === 'failed') expect(result.error.message).toContain('TensorFlow.js has no layer \'Mul\'');
  });

  it('a file TensorFlow.js can build (a ResNet block) keeps fidelity, latency and the TF.js export, and writes the .onnx too', async () => {
    const api = createWorkerApi();
    const graph = await imported(api, join(import.meta.dirname, '../core/onnx/fixtures/resnet-basic-block.onnx'));
    const result = await compressed(api, graph, { stages: [{ kind: 'quantize', bits: 8 }] });
    expect(result.weightsSource).toBe('imported');
    expect(result.fidelity?.relativeError).toBeLessThan(0.05);
    expect(result.latency?.beforeMs).toBeGreaterThan(0);
    expect(result.export?.files.map((f) => f.name)).toContain('model.json');
    expect(decoded(result).graph!.node.filter((n) => n.opType === 'DequantizeLinear')).toHaveLength(3);
    expect(result.notes.join(' ')).not.toContain('TensorFlow.js cannot');
  }, 60_000);
});
