/**
 * `compress` never reads outside the model and never writes a model tfjs cannot load (issue 7).
 * Real processes of the built CLI for the manifest paths (none may hang: each has a timeout);
 * the weights-vs-graph checks in-process.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useBuiltCli, type ProcessOutcome } from './cli-process';
import { runCompress } from './compress';

const TINY = join(__dirname, 'fixtures', 'tiny-cnn');
const WEIGHTS_FILE = 'group1-shard1of1.bin';
const root = mkdtempSync(join(tmpdir(), 'floplab-safety-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

type ModelJson = {
  modelTopology: { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[];
};
const tinyJson = (): ModelJson => JSON.parse(readFileSync(join(TINY, 'model.json'), 'utf8'));
const tinyWeights = (): Float32Array => {
  const b = readFileSync(join(TINY, WEIGHTS_FILE));
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};

let folders = 0;
/** A copy of tiny-cnn with `edit` applied to its model.json and weights; returns the folder. */
function variant(edit: (json: ModelJson, weights: Float32Array) => void = () => {}): string {
  const dir = join(root, `m${folders++}`);
  mkdirSync(dir);
  const json = tinyJson();
  const weights = tinyWeights();
  edit(json, weights);
  writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
  writeFileSync(join(dir, WEIGHTS_FILE), new Uint8Array(weights.buffer));
  return dir;
}

function expectOneLineExit2(r: ProcessOutcome, names: string): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toContain(names);
}

describe('the manifest cannot make compress read outside the model folder (real processes)', () => {
  const cli = useBuiltCli('safety');

  const withPath = (path: string) => variant((json) => { json.weightsManifest[0].paths = [path]; });

  it('refuses ../../../../dev/zero, /proc/self/environ, ../etc/passwd, an absolute path, a symlink out and a FIFO, each with exit 2, none hanging', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'floplab-outside-'));
    copyFileSync(join(TINY, WEIGHTS_FILE), join(outside, 'stolen.bin'));
    const symlinked = withPath('w.bin');
    symlinkSync(join(outside, 'stolen.bin'), join(symlinked, 'w.bin'));
    const fifo = withPath('pipe.bin');
    execFileSync('mkfifo', [join(fifo, 'pipe.bin')]);
    const cases: [string, string][] = [
      [withPath('../../../../dev/zero'), "'../../../../dev/zero'"],
      [withPath('/proc/self/environ'), "'/proc/self/environ'"],
      [withPath('../etc/passwd'), "'../etc/passwd'"],
      [withPath(join(TINY, WEIGHTS_FILE)), `'${join(TINY, WEIGHTS_FILE)}'`],
      [symlinked, "'w.bin'"],
      [fifo, "'pipe.bin'"],
    ];
    const results = await Promise.all(cases.map(([dir]) => cli(['compress', dir, '--kmeans', '4', '--out', join(dir, 'out')], 20_000)));
    results.forEach((r, i) => expectOneLineExit2(r, cases[i][1]));
    rmSync(outside, { recursive: true, force: true });
  }, 60_000);

  it('still compresses the untouched model (exit 0)', async () => {
    const dir = variant();
    const r = await cli(['compress', dir, '--kmeans', '4', '--out', join(dir, 'out'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).stages.map((s: { name: string }) => s.name)).toEqual(['original', 'share']);
  }, 30_000);
});

describe('compress checks the weights against the graph before it writes (in-process)', () => {
  const compress = async (dir: string) => {
    let err = '';
    const code = await runCompress([dir, '--kmeans', '4', '--out', join(dir, 'out')], { out: () => {}, err: (t) => { err += t; } });
    return { code, err };
  };
  const entry = (json: ModelJson, name: string) => {
    const e = json.weightsManifest[0].weights.find((w) => w.name === name);
    if (!e) throw new Error(`no ${name}`);
    return e;
  };
  const layer = (json: ModelJson, name: string) => {
    const l = json.modelTopology.config.layers.find((x) => x.config.name === name);
    if (!l) throw new Error(`no ${name}`);
    return l;
  };
  /** Offset in floats of a weight in the file (weights lie in manifest order). */
  const offsetOf = (json: ModelJson, name: string) => {
    let offset = 0;
    for (const w of json.weightsManifest[0].weights) {
      if (w.name === name) return offset;
      offset += w.shape.reduce((a, b) => a * b, 1);
    }
    throw new Error(`no ${name}`);
  };

  const cases: [string, (json: ModelJson, w: Float32Array) => void, RegExp][] = [
    ['a transposed kernel', (j) => { entry(j, 'logits/kernel').shape = [10, 16]; },
      /Weight 'logits\/kernel': Expected shape \[16, 10\] \(what layer 'logits' of the topology uses\), but got \[10, 16\]/],
    ['units: 1e308', (j) => { layer(j, 'logits').config.units = 1e308; }, /logits/],
    ['a NaN weight', (j, w) => { w[offsetOf(j, 'conv1/kernel') + 5] = NaN; }, /Weight 'conv1\/kernel': Expected finite values, but got NaN at index 5/],
    ['an infinite bias', (j, w) => { w[offsetOf(j, 'logits/bias')] = -Infinity; }, /Weight 'logits\/bias': Expected finite values, but got -Infinity at index 0/],
    ['a negative moving variance', (j, w) => { w[offsetOf(j, 'bn2/moving_variance') + 3] = -1; }, /'bn2\/moving_variance': Expected a non-negative variance, but got -1 at index 3/],
    ['a renamed weight', (j) => { entry(j, 'conv1/bias').name = 'conv9/bias'; }, /Weight 'conv9\/bias': Expected a weight of a layer in the topology, but no layer is named 'conv9'/],
    ['a weight too many', (j) => { entry(j, 'conv1/bias').name = 'conv1/extra'; }, /Weight 'conv1\/extra': Expected layer 'conv1' \(Conv2D\) to have the weights 'conv1\/kernel', 'conv1\/bias'/],
    ['filters changed in the topology', (j) => { layer(j, 'conv1').config.filters = 9; }, /Weight 'conv1\/kernel': Expected shape \[3, 3, 1, 9\]/],
  ];
  it.each(cases)('refuses %s with exit 2 and one line', async (_label, edit, message) => {
    const dir = variant(edit);
    const { code, err } = await compress(dir);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(() => readFileSync(join(dir, 'out', 'model.json'))).toThrow(); // nothing written
  });
});
