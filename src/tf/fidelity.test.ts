import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { runPipeline } from '../core/compress/pipeline';
import { residualNet, smallConvNet } from '../core/compress/test-models';
import { namedWeightsOf, setNamedWeights } from './export-model';
import { measureFidelity, measureFidelityStepped } from './fidelity';
import { buildOrThrow } from './test-helpers';

let original: tf.LayersModel;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const built = buildOrThrow(smallConvNet(), { seed: 3 });
  original = built;
});
afterAll(() => original.dispose());

async function quantizedCopy(bits: number): Promise<tf.LayersModel> {
  const r = await runPipeline(namedWeightsOf(original), { stages: [{ kind: 'quantize', bits }] });
  if (!r.ok) throw new Error(r.error.message);
  const built = buildOrThrow(smallConvNet(), { seed: 3 });
  setNamedWeights(built, r.value.weights);
  return built;
}

describe('measureFidelity', () => {
  it('is exact for the same model, without leaking tensors', () => {
    const before = tf.memory().numTensors;
    expect(measureFidelity(original, original)).toEqual({ relativeError: 0, top1Agreement: 1, samples: 8 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('degrades as quantization gets coarser (2 bits worse than 8 bits)', async () => {
    const before = tf.memory().numTensors;
    const coarse = await quantizedCopy(2);
    const fine = await quantizedCopy(8);
    const c = measureFidelity(original, coarse, { batch: 16, seed: 7 });
    const f = measureFidelity(original, fine, { batch: 16, seed: 7 });
    expect(c.relativeError).toBeGreaterThan(f.relativeError);
    expect(f.relativeError).toBeGreaterThan(0);
    expect(f.relativeError).toBeLessThan(0.05);
    expect(c.samples).toBe(16);
    expect(c.top1Agreement).toBeLessThanOrEqual(1);
    coarse.dispose();
    fine.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('uses the same probe batch for a seed: repeated runs agree exactly', () => {
    const built = buildOrThrow(residualNet(), { seed: 1 });
    const other = buildOrThrow(residualNet(), { seed: 2 });
    expect(measureFidelity(built, other)).toEqual(measureFidelity(built, other));
    built.dispose();
    other.dispose();
  });
});

describe('measureFidelityStepped', () => {
  it('gives measureFidelity\'s figures in steps of any size, yielding between steps, leaking no tensor', async () => {
    const before = tf.memory().numTensors;
    const coarse = await quantizedCopy(3);
    const whole = measureFidelity(original, coarse, { batch: 6, seed: 5 });
    expect(whole.relativeError).toBeGreaterThan(0);
    for (const samplesPerStep of [1, 4, 6]) {
      let pauses = 0;
      const stepped = await measureFidelityStepped(original, coarse, {
        batch: 6, seed: 5, samplesPerStep, betweenSteps: async () => { pauses += 1; },
      });
      expect(pauses).toBe(2 * Math.ceil(6 / samplesPerStep)); // before each model's predict
      expect(stepped).not.toBeNull();
      expect(Math.abs(stepped!.relativeError - whole.relativeError)).toBeLessThan(1e-5 * whole.relativeError);
      expect(stepped!.top1Agreement).toBe(whole.top1Agreement);
      expect(stepped!.samples).toBe(6);
    }
    coarse.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops with null when cancelled between steps', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    let pauses = 0;
    const result = await measureFidelityStepped(original, original, {
      batch: 8, signal: controller.signal,
      betweenSteps: async () => { if (++pauses === 3) controller.abort(); },
    });
    expect(result).toBeNull();
    expect(pauses).toBe(3);
    expect(tf.memory().numTensors).toBe(before);
  });
});
