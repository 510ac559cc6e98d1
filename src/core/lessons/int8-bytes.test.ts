import { describe, expect, it } from 'vitest';
import { runPipeline } from '../compress/pipeline';
import { syntheticWeights } from '../compress/synthetic-weights';
import { analyzeModel } from '../analyze';
import { findPreset } from '../presets/index';
import { int8Bytes } from './int8-bytes';
import { quantityOf } from './quantity';

const lenet = findPreset('lenet-300-100')!.build();

describe('int8Bytes (LeNet-300-100)', () => {
  it('fc1 by hand: 784·300 kernel bytes + 8 (scale, min) + 300 float32 biases · 4 = 236,408', () => {
    expect(int8Bytes(lenet, 'fc1')).toEqual({ ok: true, value: 784 * 300 + 8 + 300 * 4 });
    expect(784 * 300 + 8 + 300 * 4).toBe(236_408);
    expect(int8Bytes(lenet, 'flatten')).toEqual({ ok: true, value: 0 });
  });
  it('the whole model equals the compression pipeline\'s size after its 8-bit quantize stage', async () => {
    const weights = syntheticWeights(lenet);
    if (!weights.ok) throw new Error(weights.error.message);
    const run = await runPipeline(weights.value, { stages: [{ kind: 'quantize', bits: 8 }] });
    if (!run.ok) throw new Error(run.error.message);
    expect(int8Bytes(lenet)).toEqual({ ok: true, value: run.value.totals.bytesAfter });
  });
  it('as a lesson quantity: needs the graph, names a missing layer', () => {
    const analysis = analyzeModel(lenet);
    if (!analysis.ok) throw new Error('analysis');
    expect(quantityOf(analysis.report, 'int8Bytes', 'fc1', lenet)).toMatchObject({ ok: true, value: { value: 236_408 } });
    expect(quantityOf(analysis.report, 'int8Bytes', 'fc1').ok).toBe(false);
    const missing = quantityOf(analysis.report, 'int8Bytes', 'fc9', lenet);
    expect(missing.ok || missing.error.message).toContain("'fc9'");
  });
});
