import { describe, expect, it } from 'vitest';
import { summarizeCompression } from './compression-summary';
import { evaluateCompressionTask, evaluateTask } from './task-check';
import type { CostReport } from '../cost-types';
import type { ModelGraph } from '../model';

// LeNet-300-100 by hand: 784·300 + 300 + 300·100 + 100 + 100·10 + 10 = 266,610 float32 parameters = 1,066,440 bytes.
// 8-bit affine quantization of the three kernels (266,200 weights): 1 byte each + a float32 scale and min per kernel
// (3 · 8 bytes), biases stay float32 (410 · 4): 266,200 + 24 + 1,640 = 267,864 bytes.
const BEFORE = 4 * (784 * 300 + 300 + 300 * 100 + 100 + 100 * 10 + 10);
const AFTER_Q8 = 784 * 300 + 300 * 100 + 100 * 10 + 3 * 8 + 4 * (300 + 100 + 10);
const quantized = {
  stages: [{ name: 'original' }, { name: 'quantize' }],
  totals: { bytesBefore: BEFORE, bytesAfter: AFTER_Q8 },
  accuracy: { after: 0.9612 },
};

describe('summarizeCompression', () => {
  it('LeNet-300-100 at 8 bits: 1,066,440 → 267,864 bytes, ratio 3.98×, the stages without "original"', () => {
    expect(BEFORE).toBe(1_066_440);
    expect(AFTER_Q8).toBe(267_864);
    const s = summarizeCompression(quantized);
    expect(s.stages).toEqual(['quantize']);
    expect(s.ratio).toBeCloseTo(3.981, 3);
    expect(s.accuracyAfter).toBe(0.9612);
  });
  it('no accuracy (random weights) is null; nothing left is an infinite ratio', () => {
    const s = summarizeCompression({ stages: [{ name: 'original' }, { name: 'prune' }, { name: 'huffman' }], totals: { bytesBefore: 40, bytesAfter: 0 } });
    expect(s).toEqual({ stages: ['prune', 'huffman'], bytesBefore: 40, bytesAfter: 0, ratio: Infinity, accuracyAfter: null });
  });
});

describe('compression tasks', () => {
  const s = summarizeCompression(quantized);
  const prompt = 'p';
  it('ratio ≥ 4 is not met at 3.98×, ≥ 3.9 is', () => {
    expect(evaluateCompressionTask({ kind: 'compressionRatioAtLeast', prompt, value: 4 }, s)).toEqual({ done: false, current: BEFORE / AFTER_Q8 });
    expect(evaluateCompressionTask({ kind: 'compressionRatioAtLeast', prompt, value: 3.9 }, s).done).toBe(true);
  });
  it('accuracy is a fraction: 0.9612 meets 0.95, not 0.97; no accuracy never meets it', () => {
    expect(evaluateCompressionTask({ kind: 'compressedAccuracyAtLeast', prompt, value: 0.95 }, s)).toEqual({ done: true, current: 0.9612 });
    expect(evaluateCompressionTask({ kind: 'compressedAccuracyAtLeast', prompt, value: 0.97 }, s).done).toBe(false);
    expect(evaluateCompressionTask({ kind: 'compressedAccuracyAtLeast', prompt, value: 0.5 }, { ...s, accuracyAfter: null }).done).toBe(false);
  });
  it('stageUsed reads the stages run', () => {
    expect(evaluateCompressionTask({ kind: 'stageUsed', prompt, stage: 'quantize' }, s).done).toBe(true);
    expect(evaluateCompressionTask({ kind: 'stageUsed', prompt, stage: 'prune' }, s).done).toBe(false);
  });
  it('without a result (none yet, or for another model) no compression task is done', () => {
    const report = { layers: [], totals: {} } as unknown as CostReport;
    const graph = { layers: [] } as unknown as ModelGraph;
    expect(evaluateTask({ kind: 'stageUsed', prompt, stage: 'quantize' }, report, graph)).toEqual({ done: false });
    expect(evaluateTask({ kind: 'stageUsed', prompt, stage: 'quantize' }, report, graph, { compression: s })).toEqual({ done: true });
  });
});
