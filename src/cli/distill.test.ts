import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStudentMlp } from '../core/presets/student-mlp';
import { selectBackend } from '../tf/backend';
import { digitsForGraph, disposeDigitsTensors, readDigitsFile } from '../tf/digits-data';
import { evaluateAccuracy } from '../tf/evaluate';
import { exportLayersModel, namedWeightsOf, topologyOf } from '../tf/export-model';
import { readModelFiles, writeModelFiles } from '../tf/model-files';
import { buildOrThrow } from '../tf/test-helpers';
import type { DistillJson } from './distill';
import { main } from './main';

const STUDENT = join(__dirname, 'fixtures', 'student-mlp-784-64-10.json');
let dir: string;
let teacherDir: string;

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { out: (t) => { stdout += t; }, err: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'floplab-distill-'));
  teacherDir = join(dir, 'teacher');
  await selectBackend('training', { graph: buildStudentMlp() });
  // An untrained teacher (seeded): enough for the command's plumbing; accuracy near chance.
  const teacher = buildOrThrow(buildStudentMlp(), { seed: 5 });
  await writeModelFiles(teacherDir, exportLayersModel(topologyOf(teacher), namedWeightsOf(teacher)));
  teacher.dispose();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('distill', () => {
  it('--json prints one object with fractions, null gap for a teacher no better than the student, and writes a loadable student', async () => {
    const out = join(dir, 'student');
    const { code, stdout, stderr } = await run('distill', '--teacher', teacherDir, '--student', STUDENT, '--labels', '100', '--epochs', '1', '--batch', '1000', '--out', out, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]) as DistillJson;
    expect(json.teacher.params).toBe(50_890); // 784·64 + 64 + 64·10 + 10
    expect(json.studentDistilled.params).toBe(50_890);
    expect(json.settings).toMatchObject({ labels: 100, epochs: 1, batchSize: 1000, transfer: true, temperature: 4, alpha: 0.1 });
    for (const a of [json.teacher.accuracy, json.studentAlone.accuracy, json.studentDistilled.accuracy]) expect(a).toBeGreaterThanOrEqual(0);
    expect(json.teacher.accuracy).toBeLessThan(0.3); // untrained
    expect(json.studentAlone.accuracy).toBeGreaterThan(json.teacher.accuracy);
    expect(json.gapRecovered).toBeNull();
    expect(json.seconds).toBeGreaterThan(0);
    // The written student is the distilled one: same test accuracy when read back.
    const written = await readModelFiles(out);
    const digits = await readDigitsFile();
    if (!written.ok || !digits.ok) throw new Error('read back failed');
    const data = digitsForGraph(written.value.graph, digits.value);
    if (!data.ok) throw new Error(data.error.message);
    expect(await evaluateAccuracy(written.value.model, data.value)).toBe(json.studentDistilled.accuracy);
    disposeDigitsTensors(data.value);
    written.value.model.dispose();
    expect(tf.memory().numTensors).toBe(0);
  }, 120_000);

  it.each([
    [['--student', STUDENT], 'Expected exactly one of --teacher <model.json> and --teacher-preset <id>.'],
    [['--teacher', 'x', '--teacher-preset', 'y', '--student', STUDENT], 'Expected exactly one of --teacher <model.json> and --teacher-preset <id>.'],
    [['--teacher-preset', 'lenet-5', '--student', STUDENT], "Expected --teacher-preset to name a preset with trained weights, but got 'lenet-5'."],
    [['--teacher', 'x'], 'Expected exactly one of --student <model.json | config> and --student-preset <id>.'],
    [['--teacher', 'x', '--student-preset', 'nope'], "Expected --student-preset to name a preset, but got 'nope'."],
    [['--teacher', 'x', '--student', STUDENT, '--temperature', 'hot'], "Expected --temperature to be a number, but got 'hot'."],
    [['--teacher', 'x', '--student', STUDENT, '--transfer', '--no-transfer'], 'Expected one of --transfer and --no-transfer, but got both.'],
    [['--teacher', 'TEACHER', '--student', STUDENT, '--temperature', '25'], 'Distillation: Expected temperature to be a number from 1 to 20, but got 25.'],
    [['--teacher', 'TEACHER', '--student', STUDENT, '--labels', '50'], 'Distillation: Expected labels to be an integer from 100 to 8000, but got 50.'],
    [['--teacher', 'TEACHER', '--student-preset', 'mobilenet-v1'], 'The student: The digits do not fit this model'],
  ])('bad input %j → one line on stderr, exit 2', async (args, message) => {
    const { code, stdout, stderr } = await run('distill', ...args.map((a) => (a === 'TEACHER' ? teacherDir : a)));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toHaveLength(2);
    expect(stderr).toContain(message);
  }, 60_000);
});

describe('sensitivity', () => {
  it('--json: kind, baseline and every prunable layer with its points, as fractions', async () => {
    const { code, stdout } = await run('sensitivity', teacherDir, '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.kind).toBe('prune');
    expect(json.layers.map((l: { name: string }) => l.name)).toEqual(['fc1', 'output']);
    expect(json.layers[0].points.map((p: { sparsity: number }) => p.sparsity)).toEqual([0, 0.25, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99]);
    expect(json.layers[0].points[0].accuracy).toBe(json.baseline);
    const q = JSON.parse((await run('sensitivity', teacherDir, '--kind', 'quantize', '--json')).stdout);
    expect(q.layers[1].points.map((p: { bits: number }) => p.bits)).toEqual([8, 6, 4, 3, 2]);
  }, 60_000);

  it.each([
    [['--kind', 'cluster'], "Expected --kind to be prune or quantize, but got 'cluster'."],
    [[], 'Expected one model.json, but got 0 file arguments.'],
    [[STUDENT], "Expected format 'layers-model'"], // a config has no trained weights
  ])('bad input %j → exit 2', async (args, message) => {
    const withModel = args.length === 2 ? [teacherDir, ...args] : args;
    const { code, stderr } = await run('sensitivity', ...withModel);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
