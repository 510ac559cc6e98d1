/**
 * The accuracy commands of issue 8 as real processes (the built CLI): evaluate (checked against
 * the shipped record), a tiny train (read back and evaluated in-process) and the bad-input paths
 * (one line on stderr, exit 2). The Deep Compression recipe itself runs in `npm run bench`.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFlopLabConfig } from '../core/config-schema';
import { findPreset } from '../core/presets';
import { selectBackend } from '../tf/backend';
import { digitsForGraph, disposeDigitsTensors, readDigitsFile } from '../tf/digits-data';
import { evaluateAccuracy } from '../tf/evaluate';
import { readModelFiles } from '../tf/model-files';
import { buildCliForTests, type BuiltCli } from './cli-process';
import type { EvaluateJson } from './evaluate';
import type { TrainJson } from './train';

const MODEL = 'public/models/lenet-300-100-digits/model.json';
let cli: BuiltCli;
let dir: string;

beforeAll(async () => {
  cli = await buildCliForTests('accuracy');
  dir = mkdtempSync(join(tmpdir(), 'floplab-accuracy-'));
}, 120_000);
afterAll(() => {
  cli?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const oneLine = (stderr: string) => {
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
};

describe('floplab evaluate / train', { timeout: 120_000 }, () => {
  it('evaluate --json: the shipped LeNet-300-100 has its recorded test accuracy on the 2,000 test digits', async () => {
    const r = await cli.run(['evaluate', MODEL, '--json'], 60_000);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const record = JSON.parse(readFileSync('public/models/lenet-300-100-digits/record.json', 'utf8')) as { testAccuracy: number };
    expect(JSON.parse(r.stdout) as EvaluateJson).toEqual({ accuracy: record.testAccuracy, examples: 2000, split: 'test' });
  });

  it('train --limit 200 --epochs 1 writes a loadable model whose accuracy is the one reported', async () => {
    const out = join(dir, 'trained');
    const config = join(dir, 'student.json');
    writeFileSync(config, JSON.stringify(toFlopLabConfig(findPreset('student-mlp-digits')!.build())));
    const r = await cli.run(['train', config, '--limit', '200', '--epochs', '1', '--batch', '32', '--lr', '0.01', '--optimizer', 'adam', '--seed', '3', '--out', out, '--json'], 60_000);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as TrainJson;
    expect(json.history).toHaveLength(1);
    expect(json.history[0].epoch).toBe(1);
    expect(json.accuracy).toBe(json.history[0].accuracy);
    expect(json.accuracy).toBeGreaterThan(0.3); // 200 digits, one epoch: well above chance (0.1)
    expect(json.history[0].trainAccuracy).toBeGreaterThanOrEqual(0);
    // Oracle: the written files, loaded and evaluated here on the same backend.
    await selectBackend('training', { graph: findPreset('student-mlp-digits')!.build() });
    const loaded = await readModelFiles(out);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const digits = await readDigitsFile();
    if (!digits.ok) throw new Error(digits.error.message);
    const data = digitsForGraph(loaded.value.graph, digits.value);
    if (!data.ok) throw new Error(data.error.message);
    expect(await evaluateAccuracy(loaded.value.model, data.value)).toBe(json.accuracy);
    disposeDigitsTensors(data.value);
    loaded.value.model.dispose();
    expect(tf.memory().numTensors).toBe(0);
  });

  it('compress of a digits model: before/after accuracy in its JSON; after is the written model\'s', async () => {
    const out = join(dir, 'pruned');
    const r = await cli.run(['compress', MODEL, '--prune', '0.9', '--kmeans', '16', '--retrain-epochs', '0', '--out', out, '--json'], 60_000);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { before: { accuracy: number }; after: { accuracy: number } };
    const record = JSON.parse(readFileSync('public/models/lenet-300-100-digits/record.json', 'utf8')) as { testAccuracy: number };
    expect(json.before.accuracy).toBe(record.testAccuracy);
    const evaluated = await cli.run(['evaluate', out, '--json'], 60_000);
    expect(json.after.accuracy).toBe((JSON.parse(evaluated.stdout) as EvaluateJson).accuracy);
    expect(json.after.accuracy).toBeLessThan(json.before.accuracy);
  });

  it.each([
    ['a model the digits do not fit', ['train', '--preset', 'mobilenet-v1', '--out', 'x'], /The digits do not fit this model: Expected output layer 'predictions' to have shape \[10\]/],
    ['a bad number', ['train', '--preset', 'lenet-300-100', '--epochs', 'two', '--out', 'x'], /Expected --epochs to be a number, but got 'two'/],
    ['a fractional epoch count', ['train', '--preset', 'lenet-300-100', '--epochs', '1.5', '--out', 'x'], /Expected epochs to be an integer from 1 to 1000, but got 1.5/],
    ['an unknown optimizer', ['train', '--preset', 'lenet-300-100', '--optimizer', 'rmsprop', '--out', 'x'], /Expected --optimizer to be 'sgd' or 'adam'/],
    ['no --out', ['train', '--preset', 'lenet-300-100'], /Expected --out <dir>/],
    ['a model without weights', ['evaluate', 'src/cli/fixtures/student-mlp-784-64-10.json'], /.+/],
    ['a missing file', ['evaluate', 'no/such/model.json'], /Cannot read no\/such\/model.json/],
    ['an unknown recipe', ['recipe', 'mobilenet'], /Expected the recipe 'deep-compression', but got 'mobilenet'/],
    ['bad --retrain-epochs', ['compress', MODEL, '--prune', '0.5', '--retrain-epochs', '-1', '--out', 'x'], /Option --retrain-epochs: Expected an integer from 0 to 1000, but got '-1'/],
    ['--retrain-epochs on a model the digits do not fit', ['compress', 'src/cli/fixtures/tiny-cnn', '--prune', '0.5', '--retrain-epochs', '1', '--out', 'x'], /Option --retrain-epochs: The digits do not fit this model/],
  ])('%s: one line on stderr, exit 2', async (_name, args, message) => {
    const r = await cli.run(args, 60_000);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    oneLine(r.stderr);
    expect(r.stderr).toMatch(message);
  });
});
