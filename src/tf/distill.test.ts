import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DISTILL_SETTINGS, type DistillSettings } from '../core/distill/settings';
import { buildStudentMlp } from '../core/presets/student-mlp';
import { selectBackend } from './backend';
import { disposeDigitsTensors, type DigitsTensors } from './digits-data';
import { distill, twinStudents, type DistillProgress } from './distill';
import { buildOrThrow, digitsFileOrThrow, digitsOrThrow } from './test-helpers';

const graph = buildStudentMlp();
let data: DigitsTensors;
let teacher: tf.LayersModel;

beforeAll(async () => {
  // wasm, as the CLI and worker train dense models (the cpu backend is ~5× slower here).
  await selectBackend('training', { graph });
  // Every 4th digit, 2,400 of them (the file is grouped by class): the fixed split then has 400
  // training and 2,000 test digits, a short run.
  const { rows, cols, labels, pixels } = await digitsFileOrThrow();
  const size = rows * cols;
  const picked = Array.from({ length: 2400 }, (_, i) => 4 * i);
  const subset = { count: 2400, rows, cols, labels: Uint8Array.from(picked, (k) => labels[k]), pixels: new Uint8Array(2400 * size) };
  picked.forEach((k, i) => subset.pixels.set(pixels.subarray(k * size, (k + 1) * size), i * size));
  data = await digitsOrThrow(graph, subset);
  // An untrained teacher is enough for the mechanics tested here (its logits are still logits).
  teacher = buildOrThrow(graph, { seed: 99 });
});
afterAll(() => { disposeDigitsTensors(data); teacher.dispose(); });

/** 400 training digits / batches of 50 → 8 steps per epoch. */
const quick: DistillSettings = { ...DEFAULT_DISTILL_SETTINGS, epochs: 1, batchSize: 50, labels: 200 };
const weightsOf = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));
const maxDifference = (a: number[][], b: number[][]) => Math.max(...a.flatMap((t, i) => t.map((v, j) => Math.abs(v - b[i][j]))));

describe('twinStudents', () => {
  it('builds two students with identical weights that are not shared', () => {
    const r = twinStudents(graph, 3);
    if (!r.ok) throw new Error(r.error.message);
    const [a, b] = r.value;
    expect(weightsOf(b)).toEqual(weightsOf(a));
    expect(a.weights[0].read()).not.toBe(b.weights[0].read());
    a.dispose();
    b.dispose();
  });
});

describe('distill', () => {
  it('a throw during the run (here from a progress listener) leaks neither the students nor the teacher logits', async () => {
    const before = tf.memory().numTensors;
    const run = distill({ teacher, teacherData: data, studentGraph: graph, studentData: data }, quick, (p) => {
      if (p.type === 'step') throw new Error('listener failed');
    });
    await expect(run).rejects.toThrow('listener failed');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('with α = 1 (hard labels only) both students take the same steps on the same batches and end equal', async () => {
    const r = await distill({ teacher, teacherData: data, studentGraph: graph, studentData: data }, { ...quick, alpha: 1 });
    if (!r.ok) throw new Error(r.error.message);
    expect(maxDifference(weightsOf(r.value.alone), weightsOf(r.value.distilled))).toBeLessThan(1e-4);
    r.value.alone.dispose();
    r.value.distilled.dispose();
  });

  it('runs epochs of ceil(training digits / batch) steps, reports both curves and the teacher, leaks no tensor, and α < 1 changes the distilled student', async () => {
    const before = tf.memory().numTensors;
    const seen: DistillProgress[] = [];
    const r = await distill({ teacher, teacherData: data, studentGraph: graph, studentData: data }, { ...quick, epochs: 2 }, (p) => seen.push(p));
    if (!r.ok) throw new Error(r.error.message);
    const { alone, distilled, history, teacherAccuracy, darkKnowledge } = r.value;
    expect(seen.filter((p) => p.type === 'step')).toHaveLength(2 * 8);
    expect(seen[0]).toEqual({ type: 'teacher', accuracy: teacherAccuracy });
    expect(history.map((h) => h.epoch)).toEqual([1, 2]);
    expect(history[1].aloneAccuracy).toBeGreaterThan(0.3); // 200 labels, 16 steps of 50: well above chance (0.1)
    expect(maxDifference(weightsOf(alone), weightsOf(distilled))).toBeGreaterThan(1e-3);
    expect(darkKnowledge.map((d) => d.label)).toHaveLength(5);
    expect(new Set(darkKnowledge.map((d) => d.label)).size).toBe(5);
    for (const d of darkKnowledge) {
      expect(d.atOne.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      expect(Math.max(...d.atTemperature)).toBeLessThanOrEqual(Math.max(...d.atOne) + 1e-12); // T = 4 flattens
    }
    alone.dispose();
    distilled.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is reproducible with the same seed', async () => {
    const run = async () => {
      const r = await distill({ teacher, teacherData: data, studentGraph: graph, studentData: data }, { ...quick, transfer: false });
      if (!r.ok) throw new Error(r.error.message);
      const w = weightsOf(r.value.distilled)[0].slice(0, 100);
      r.value.alone.dispose();
      r.value.distilled.dispose();
      return { history: r.value.history, w };
    };
    expect(await run()).toEqual(await run());
  });

  it('stops between steps when cancelled (not an error) and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const r = await distill({ teacher, teacherData: data, studentGraph: graph, studentData: data }, quick, (p) => {
      if (p.type === 'step' && p.step === 3) controller.abort();
    }, controller.signal);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.status).toBe('cancelled');
    expect(r.value.history).toEqual([]);
    r.value.alone.dispose();
    r.value.distilled.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad settings as a value, building nothing', async () => {
    const before = tf.memory().numTensors;
    const r = await distill({ teacher, teacherData: data, studentGraph: graph, studentData: data }, { ...quick, temperature: 0 });
    expect(r).toMatchObject({ ok: false, error: { field: 'temperature' } });
    expect(tf.memory().numTensors).toBe(before);
  });
});
