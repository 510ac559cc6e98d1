import { describe, expect, it } from 'vitest';
import { create } from '@bufbuild/protobuf';
import { runPipeline } from '../compress/pipeline';
import type { CompressionPlan, CompressionResult } from '../compress/types';
import { type ModelProto, ValueInfoProtoSchema } from './gen/onnx_pb';
import { decodeOnnx } from './read-model';
import { writeCompressedOnnx } from './write-compressed';
import { TEST_SOURCES, testKerasWeights, testOnnxModel, toOnnxOrder } from './write-test-model';
import { compressedModelWithFloats, dequantizedWeight, expectValuesOf, onnxCheckerProblem, ONNX_CHECKER, runOnnx } from './write-test-helpers';

async function compress(model: ModelProto, plan: CompressionPlan): Promise<CompressionResult> {
  const r = await runPipeline(testKerasWeights(model), plan);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function writeAndRead(model: ModelProto, result: CompressionResult) {
  const w = writeCompressedOnnx(model, TEST_SOURCES, result);
  if (!w.ok) throw new Error(w.error.message);
  const back = decodeOnnx(w.value.bytes, 'written.onnx');
  if (!back.ok) throw new Error(back.error.message);
  return { written: w.value, back: back.value };
}

const KERNELS = ['conv/kernel', 'dw/depthwise_kernel', 'fc/kernel', 'mm/kernel'];
const initializerOf = (k: string) => TEST_SOURCES.find((s) => s.kerasName === k)?.initializer as string;

type Case = { label: string; plan: CompressionPlan; storage: 'int8' | 'uint8' | 'float32'; perChannel: boolean; note?: RegExp };
const CASES: Case[] = [
  { label: 'prune 0.5 + 8-bit affine → uint8 per tensor', plan: { stages: [{ kind: 'prune', sparsity: 0.5 }, { kind: 'quantize', bits: 8 }] }, storage: 'uint8', perChannel: false },
  { label: '8-bit symmetric → int8 per tensor', plan: { stages: [{ kind: 'quantize', bits: 8, symmetric: true }] }, storage: 'int8', perChannel: false },
  { label: 'prune 0.5 + 4-bit symmetric per-channel → int8 per channel', plan: { stages: [{ kind: 'prune', sparsity: 0.5 }, { kind: 'quantize', bits: 4, symmetric: true, perChannel: true }] }, storage: 'int8', perChannel: true },
  { label: '3-bit affine per-channel → uint8 per channel', plan: { stages: [{ kind: 'quantize', bits: 3, perChannel: true }] }, storage: 'uint8', perChannel: true },
  { label: 'k-means 4 + 8 bits (quantized codebook) → uint8', plan: { stages: [{ kind: 'share', k: 4 }, { kind: 'quantize', bits: 8 }] }, storage: 'uint8', perChannel: false },
  { label: 'prune 0.6 only → float32 with exact zeros', plan: { stages: [{ kind: 'prune', sparsity: 0.6 }] }, storage: 'float32', perChannel: false },
  { label: 'k-means 4 → float32 on the codebook', plan: { stages: [{ kind: 'share', k: 4 }] }, storage: 'float32', perChannel: false, note: /k-means codebook/ },
  { label: '12 bits → float32 on the grid', plan: { stages: [{ kind: 'quantize', bits: 12 }] }, storage: 'float32', perChannel: false, note: /12-bit codes/ },
  { label: 'float16 → float32', plan: { stages: [{ kind: 'quantize', bits: 'float16' }] }, storage: 'float32', perChannel: false, note: /float16/ },
];

describe('writeCompressedOnnx', () => {
  it.each(CASES)('round trip, $label: every kernel dequantizes to the pipeline\'s values (ONNX layout)', async ({ plan, storage, perChannel, note }) => {
    const model = testOnnxModel();
    const result = await compress(model, plan);
    const { written, back } = writeAndRead(model, result);
    for (const k of KERNELS) {
      const name = initializerOf(k);
      const want = toOnnxOrder(k, result.weights.find((w) => w.name === k)?.data as Float32Array);
      const got = dequantizedWeight(back, name);
      expect(got.storage, name).toBe(storage);
      expect(got.perChannel, name).toBe(perChannel);
      expect(got.dims, name).toEqual(model.graph?.initializer.find((t) => t.name === name)?.dims.map(Number));
      expectValuesOf(got.values, want, name);
    }
    expect(written.initializers.map((i) => i.storage)).toEqual(KERNELS.map(() => storage));
    if (note) expect(written.notes.join('\n')).toMatch(note);
    else expect(written.notes).toEqual([]);
    // Biases are untouched, byte for byte; graph inputs, outputs, producer and opset unchanged.
    for (const b of ['conv.bias', 'fc.bias']) {
      expect(back.graph?.initializer.find((t) => t.name === b)?.rawData).toEqual(model.graph?.initializer.find((t) => t.name === b)?.rawData);
    }
    expect(back.graph?.input.map((v) => v.name)).toEqual(['x']);
    expect(back.graph?.output.map((v) => v.name)).toEqual(['y']);
    expect([back.producerName, back.opsetImport.map((o) => Number(o.version))]).toEqual(['floplab-test', [14]]);
    // A replaced initializer is gone (the DequantizeLinear output carries its name).
    const dq = back.graph?.node.filter((n) => n.opType === 'DequantizeLinear') ?? [];
    expect(dq.length).toBe(storage === 'float32' ? 0 : 4);
    for (const n of dq) expect(back.graph?.initializer.some((t) => t.name === n.output[0])).toBe(false);
  });

  it('pruned weights are exact zeros in the written file (8-bit affine: their code is the zero point)', async () => {
    const model = testOnnxModel();
    const result = await compress(model, { stages: [{ kind: 'prune', sparsity: 0.5 }, { kind: 'quantize', bits: 8 }] });
    const { back } = writeAndRead(model, result);
    const got = dequantizedWeight(back, 'fc.weight').values;
    const zeros = got.filter((v) => v === 0).length;
    expect(zeros).toBeGreaterThanOrEqual(0.5 * got.length);
    const want = toOnnxOrder('fc/kernel', result.weights.find((w) => w.name === 'fc/kernel')?.data as Float32Array);
    for (let i = 0; i < got.length; i++) if (want[i] === 0) expect(got[i]).toBe(0);
  });

  it('opset 9 has no DequantizeLinear: quantized kernels are float32 on the grid, with a note', async () => {
    const model = testOnnxModel(9);
    const result = await compress(model, { stages: [{ kind: 'quantize', bits: 8 }] });
    const { written, back } = writeAndRead(model, result);
    expect(written.initializers.every((i) => i.storage === 'float32')).toBe(true);
    expect(written.notes.join('\n')).toMatch(/opset 9 has no DequantizeLinear \(it needs 10\): conv, dw, fc, mm/);
    expect(back.opsetImport.map((o) => Number(o.version))).toEqual([9]);
    for (const k of KERNELS) expectValuesOf(dequantizedWeight(back, initializerOf(k)).values, toOnnxOrder(k, result.weights.find((w) => w.name === k)?.data as Float32Array), k);
  });

  it('opset 12: per-channel is float32 (axis needs 13), per-tensor is QDQ', async () => {
    const model = testOnnxModel(12);
    const perChannel = writeAndRead(model, await compress(model, { stages: [{ kind: 'quantize', bits: 8, perChannel: true }] }));
    expect(perChannel.written.notes.join('\n')).toMatch(/opset 12 has no per-channel DequantizeLinear \(it needs 13\)/);
    expect(perChannel.written.initializers.every((i) => i.storage === 'float32')).toBe(true);
    const perTensor = writeAndRead(model, await compress(model, { stages: [{ kind: 'quantize', bits: 8 }] }));
    expect(perTensor.written.initializers.every((i) => i.storage === 'uint8')).toBe(true);
  });

  it('an affine minimum that is not a whole number of steps from zero falls back to float32 for that tensor', async () => {
    const model = testOnnxModel();
    const result = await compress(model, { stages: [{ kind: 'quantize', bits: 8 }] });
    // Shift fc's grid by 0.3 of a step: value = code · scale + min has no integer zero point now.
    const fcLayer = result.perLayer.find((l) => l.tensor === 'fc/kernel');
    const fcWeight = result.weights.find((w) => w.name === 'fc/kernel');
    if (fcLayer?.encoding.kind !== 'affine' || !fcWeight) throw new Error('expected an affine fc');
    const { scale, codes } = fcLayer.encoding;
    const min = fcLayer.encoding.min + 0.3 * scale;
    fcLayer.encoding = { ...fcLayer.encoding, min };
    fcWeight.data = Float32Array.from(codes, (c) => c * scale + min);
    const { written, back } = writeAndRead(model, result);
    expect(written.notes.join('\n')).toMatch(/is not a whole number of steps .*: fc\./);
    expect(written.initializers.map((i) => i.storage)).toEqual(['uint8', 'uint8', 'float32', 'uint8']);
    expectValuesOf(dequantizedWeight(back, 'fc.weight').values, toOnnxOrder('fc/kernel', fcWeight.data), 'fc');
  });

  it('drops a replaced initializer from the graph inputs and gives added tensors fresh names', async () => {
    const model = testOnnxModel();
    const g = model.graph;
    if (!g) throw new Error('no graph');
    g.input.push(create(ValueInfoProtoSchema, { name: 'fc.weight' }));
    g.valueInfo.push(create(ValueInfoProtoSchema, { name: 'fc.weight_scale' }));
    const { back } = writeAndRead(model, await compress(model, { stages: [{ kind: 'quantize', bits: 8 }] }));
    expect(back.graph?.input.map((v) => v.name)).toEqual(['x']);
    const dq = back.graph?.node.find((n) => n.output[0] === 'fc.weight');
    expect(dq?.input).toEqual(['fc.weight_quantized', 'fc.weight_scale_1', 'fc.weight_zero_point']);
  });

  it('refuses structured pruning (the graph changed) and a kernel without an ONNX source, as values', async () => {
    const model = testOnnxModel();
    const result = await compress(model, { stages: [{ kind: 'quantize', bits: 8 }] });
    const structured = writeCompressedOnnx(model, TEST_SOURCES, { ...result, structured: { graph: { inputShape: [1], layers: [] } as never, removed: { conv: 1 } } });
    expect(structured.ok ? '' : structured.error.message).toMatch(/Structured pruning/);
    const missing = writeCompressedOnnx(model, TEST_SOURCES.filter((s) => s.kerasName !== 'mm/kernel'), result);
    expect(missing.ok ? '' : missing.error.message).toBe("Layer 'mm': Expected weight 'mm/kernel' to come from an initializer or Constant node of the ONNX file, but got none.");
  });

  it.each([
    ['8-bit affine per tensor', { stages: [{ kind: 'prune', sparsity: 0.5 }, { kind: 'quantize', bits: 8 }] }],
    ['4-bit symmetric per channel', { stages: [{ kind: 'prune', sparsity: 0.5 }, { kind: 'quantize', bits: 4, symmetric: true, perChannel: true }] }],
  ] as [string, CompressionPlan][])('runs in onnxruntime (%s) like the original model with the same compressed float weights', async (_, plan) => {
    const model = testOnnxModel();
    const result = await compress(model, plan);
    const { written } = writeAndRead(model, result);
    const x = Float32Array.from({ length: 32 }, (_, i) => Math.cos(i / 3));
    const want = await runOnnx(compressedModelWithFloats(model, result), x, [1, 2, 4, 4]);
    const got = await runOnnx(written.bytes, x, [1, 2, 4, 4]);
    const scale = Math.max(...want.map(Math.abs));
    expect(got.length).toBe(4);
    for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThanOrEqual(1e-5 * scale);
  });

  it.skipIf(ONNX_CHECKER.skip)(`passes onnx.checker.check_model${ONNX_CHECKER.reason}`, async () => {
    const model = testOnnxModel();
    for (const plan of CASES.map((c) => c.plan)) {
      const { written } = writeAndRead(model, await compress(model, plan));
      expect(onnxCheckerProblem(written.bytes)).toBe(null);
    }
  });
});

