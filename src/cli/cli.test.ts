import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../core/analyze';
import type { CostReport } from '../core/cost-types';
import { parseModelJson } from '../core/import/model-json';
import { readWeightsFromDir } from '../tf/weights-files';
import { parseArgs } from './args';
import { useBuiltCli } from './cli-process';
import { main } from './main';

const FIXTURES = join(__dirname, 'fixtures');
const IMPORT_FIXTURES = join(__dirname, '..', 'core', 'import', 'fixtures');
const KERAS2 = join(IMPORT_FIXTURES, 'keras2-functional-residual.json');
const KERAS3 = join(IMPORT_FIXTURES, 'keras3-functional-residual.json');
const TINY_CNN = join(FIXTURES, 'tiny-cnn', 'model.json');
const SEPARABLE = join(FIXTURES, 'floplab-separable-block.json');

/** Runs the CLI in-process, capturing what it writes. */
async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { out: (t) => { stdout += t; }, err: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

function reportOf(modelJsonPath: string, convention: 'default' | 'detailed' = 'default'): CostReport {
  const imported = parseModelJson(JSON.parse(readFileSync(modelJsonPath, 'utf8')));
  if (!imported.ok) throw new Error(imported.error.message);
  const analysis = analyzeModel(imported.value.graph, { convention });
  if (!analysis.ok) throw new Error(analysis.errors[0].message);
  return analysis.report;
}

describe('analyze --json', () => {
  it('prints one object whose numbers are analyzeModel\'s, unrounded, shapes without batch', async () => {
    const { code, stdout, stderr } = await run('analyze', KERAS2, '--json');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const out = JSON.parse(stdout);
    const report = reportOf(KERAS2);
    expect(out).toMatchObject({
      name: 'residual_cnn', params: report.totals.params, trainableParams: report.totals.trainableParams,
      macs: report.totals.macs, flops: report.totals.flops, weightBytes: report.totals.weightBytes,
      peakActivationBytes: report.totals.peakActivationBytes,
    });
    expect(out.macs).toBe(2_801_824); // hand-worked in model-json.test.ts
    expect(out.layers).toEqual(report.layers.map((l) => ({
      name: l.name, type: l.className, outputShape: l.outputShape, params: l.params, macs: l.macs, flops: l.flops,
    })));
    expect(out.latency).toBeUndefined();
  });

  it('adds naive and roofline latency for a device preset, and honours --detailed', async () => {
    const { stdout } = await run('analyze', KERAS3, '--json', '--device', 'raspberry-pi-4', '--detailed');
    const out = JSON.parse(stdout);
    const report = reportOf(KERAS3, 'detailed');
    expect(out.convention).toBe('detailed');
    expect(out.flops).toBe(report.totals.flops);
    expect(out.flops).toBeGreaterThan(2 * out.macs);
    expect(out.latency.device).toMatchObject({ id: 'raspberry-pi-4', peakGflops: 48, bandwidthGBs: 12.8 });
    // naive = FLOPs / peak: 1e9 FLOP/s = 1e6 FLOP/ms.
    expect(out.latency.naiveMs).toBeCloseTo(out.flops / 48e6, 12);
    expect(out.latency.rooflineMs).toBeGreaterThanOrEqual(out.latency.naiveMs);
  });

  it('computes the roofline as worked by hand (separable block, 100 GFLOPS, 10 GB/s)', async () => {
    const out = JSON.parse((await run('analyze', SEPARABLE, '--json', '--peak-gflops', '100', '--bandwidth-gbs', '10')).stdout);
    // sep: 54,992,896 FLOPs / 1e8 FLOP/ms = 0.54992896 ms compute; it moves 35,072 B of weights
    //   + 802,816 B in (56·56·64·4) + 1,605,632 B out (56·56·128·4) = 2,443,520 B / 1e7 B/ms
    //   = 0.244352 ms: compute-bound, 0.54992896 ms.
    // bn (no FLOPs in the default convention): 2,048 B of weights + 1,605,632 in + 1,605,632 out
    //   = 3,213,312 B → 0.3213312 ms.  relu: 3,211,264 B → 0.3211264 ms.  input: nothing.
    expect(out.latency.naiveMs).toBeCloseTo(0.549_928_96, 12);
    expect(out.latency.rooflineMs).toBeCloseTo(0.549_928_96 + 0.321_331_2 + 0.321_126_4, 12);
  });

  it('gives the naive estimate alone for --peak-gflops without a bandwidth; the bandwidth adds the roofline', async () => {
    const naive = JSON.parse((await run('analyze', SEPARABLE, '--json', '--peak-gflops', '100')).stdout);
    // 54,992,896 FLOPs / 100 GFLOPS = 0.54992896 ms
    expect(naive.latency.naiveMs).toBeCloseTo(0.549_928_96, 12);
    expect(naive.latency.rooflineMs).toBeUndefined();
    const both = JSON.parse((await run('analyze', SEPARABLE, '--json', '--peak-gflops=100', '--bandwidth-gbs', '10')).stdout);
    expect(both.latency.rooflineMs).toBeGreaterThan(both.latency.naiveMs);
  });

  it('reads the model.json inside a folder given instead of a file', async () => {
    const fromFolder = await run('analyze', join(FIXTURES, 'tiny-cnn'), '--json');
    expect(fromFolder.code).toBe(0);
    expect(fromFolder.stdout).toBe((await run('analyze', TINY_CNN, '--json')).stdout);
  });

  it('lists import warnings (an unknown layer counted as zero cost)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'floplab-cli-'));
    const path = join(dir, 'model.json');
    writeFileSync(path, JSON.stringify({ modelTopology: { class_name: 'Sequential', config: { layers: [
      { class_name: 'Dense', config: { name: 'd', units: 4, batch_input_shape: [null, 3] } },
      { class_name: 'Lambda', config: { name: 'l' } },
    ] } } }));
    const out = JSON.parse((await run('analyze', path, '--json')).stdout);
    expect(out.params).toBe(16);
    expect(out.layers[2]).toMatchObject({ type: 'Lambda', outputShape: [4], params: 0 });
    expect(out.warnings.join(' ')).toContain('Lambda');
  });
});

describe('analyze table', () => {
  it('prints every layer in aligned columns with exact totals', async () => {
    const { code, stdout } = await run('analyze', SEPARABLE, '--device', 'h100');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    const header = lines.find((l) => l.startsWith('Layer'));
    expect(header).toMatch(/Layer\s+Type\s+Output\s+Params\s+MACs\s+FLOPs\s+Roofline\s+Bound/);
    const sep = lines.find((l) => l.startsWith('sep '));
    expect(sep).toMatch(/SeparableConv2D\s+56×56×128\s+8\.77 K\s+27\.50 M\s+54\.99 M/);
    // Numbers right-aligned: the MACs column ends at the same place in the header and every row.
    const macsEnd = (header ?? '').indexOf('MACs') + 'MACs'.length;
    expect((sep ?? '').slice(0, macsEnd).endsWith('27.50 M')).toBe(true);
    expect(stdout).toContain('MACs                 27,496,448 (27.50 M)'); // COUNTING.md worked check
    expect(stdout).toMatch(/Latency on NVIDIA H100 SXM/);
  });
});

describe('bad input: one line on stderr, exit code 2, nothing on stdout', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unreadable file', ['analyze', join(FIXTURES, 'missing.json')], /Cannot read .*missing\.json: no such file/],
    ['a folder without model.json', ['analyze', FIXTURES], /it is a folder without a model\.json/],
    ['not JSON', ['analyze', join(FIXTURES, 'not-json.json')], /not-json\.json is not valid JSON/],
    ['an unknown format', ['analyze', join(FIXTURES, 'unknown-format.json')], /unknown format/],
    ['an impossible layer', ['analyze', join(FIXTURES, 'floplab-impossible.json')], /Layer 'conv_too_big': Expected kernelSize/],
    ['an unknown device', ['analyze', SEPARABLE, '--device', 'toaster'], /Unknown device 'toaster'. Known devices: raspberry-pi-4/],
    ['a negative rate', ['analyze', SEPARABLE, '--peak-gflops', '-3'], /--peak-gflops: Expected peakGflops to be a positive number from 0\.000001 to 1e\+9, but got -3\./],
    ['a denormal peak', ['analyze', SEPARABLE, '--peak-gflops', '1e-300'], /--peak-gflops: Expected peakGflops .* but got 1e-300\./],
    ['a denormal bandwidth', ['analyze', SEPARABLE, '--peak-gflops', '10', '--bandwidth-gbs', '5e-324'], /--bandwidth-gbs: Expected bandwidthGBs .* but got 5e-324\./],
    ['a zero rate', ['analyze', SEPARABLE, '--device', 'h100', '--bandwidth-gbs', '0'], /--bandwidth-gbs: Expected bandwidthGBs .* but got 0\./],
    ['an infinite rate', ['analyze', SEPARABLE, '--peak-gflops', 'Infinity'], /--peak-gflops: Expected peakGflops .* but got Infinity\./],
    ['a rate past 1 EFLOPS', ['analyze', SEPARABLE, '--peak-gflops', '2e9'], /--peak-gflops: Expected peakGflops .* but got 2000000000\./],
    ['a rate that is not a number', ['analyze', SEPARABLE, '--peak-gflops', 'fast'], /--peak-gflops: Expected a number, but got 'fast'/],
    ['an unknown flag', ['analyze', SEPARABLE, '--fast'], /Unknown option --fast/],
    ['a flag without its value', ['analyze', SEPARABLE, '--device'], /--device needs a value/],
    ['bandwidth without a peak', ['analyze', SEPARABLE, '--bandwidth-gbs', '5'], /--bandwidth-gbs needs --peak-gflops or --device/],
    ['no file', ['analyze'], /Expected one model file, but got none/],
    ['an unknown command', ['estimate', SEPARABLE], /Unknown command 'estimate'/],
  ];
  it.each(cases)('%s', async (_label, argv, message) => {
    const { code, stdout, stderr } = await run(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.endsWith('\n')).toBe(true);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('a FIFO given as the model file: refused at once, not read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'floplab-cli-'));
    const fifo = join(dir, 'model.json');
    execFileSync('mkfifo', [fifo]);
    const { code, stderr } = await run('analyze', fifo);
    rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(2);
    expect(stderr).toBe(`floplab: Cannot read ${fifo}: not a regular file.\n`);
  }, 10_000);

  it('--help is not an error', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('floplab analyze <model.json | model.onnx | model.keras | model.h5 | floplab-config.json>');
    expect((await run('analyze', '--help')).stdout).toContain('raspberry-pi-4');
  });
});

describe('parseArgs', () => {
  const spec = { json: 'boolean', device: 'string' } as const;
  it('reads --flag value, --flag=value, booleans and positionals', () => {
    expect(parseArgs(['a.json', '--device=h100', '--json'], spec)).toEqual({ ok: true, value: { positionals: ['a.json'], flags: { device: 'h100', json: true } } });
    expect(parseArgs(['--device', 'a100', '--', '--json'], spec)).toEqual({ ok: true, value: { positionals: ['--json'], flags: { device: 'a100' } } });
  });
  it('refuses a value on a boolean and a repeated flag', () => {
    expect(parseArgs(['--json=yes'], spec)).toMatchObject({ ok: false, message: expect.stringMatching(/takes no value/) });
    expect(parseArgs(['--json', '--json'], spec)).toMatchObject({ ok: false, message: expect.stringMatching(/more than once/) });
  });
});

describe('the tiny-cnn fixture (as tfjs-layers saves it)', () => {
  it('has weights files that decode to exactly its parameter count', async () => {
    const weights = await readWeightsFromDir(TINY_CNN);
    if (!weights.ok) throw new Error(weights.error.message);
    expect(weights.value.reduce((n, w) => n + w.data.length, 0)).toBe(reportOf(TINY_CNN).totals.params);
    expect(reportOf(TINY_CNN).totals.params).toBe(530); // 80 + (72 + 128 + 16) + 64 + 170
  });
});

/** The real command line, as a user runs it: the built bin (what `npm install` builds). */
describe('the real CLI process', () => {
  const cli = useBuiltCli('cli');

  it('prints JSON and tables, and fails bad input with exit 2 and one line without a stack trace', async () => {
    const [json, table, notJson, impossible, denormal] = await Promise.all([
      cli(['analyze', TINY_CNN, '--json']),
      cli(['analyze', KERAS3, '--peak-gflops', '48']),
      cli(['analyze', join(FIXTURES, 'not-json.json')]),
      cli(['analyze', join(FIXTURES, 'floplab-impossible.json'), '--json']),
      cli(['analyze', SEPARABLE, '--peak-gflops', '1e-300']),
    ]);
    expect(json.code).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(out.params).toBe(reportOf(TINY_CNN).totals.params);
    expect(out.layers.map((l: { name: string }) => l.name)).toEqual(reportOf(TINY_CNN).layers.map((l) => l.name));
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('global_average_pooling2d');
    expect(table.stdout).toContain('roofline                     needs a bandwidth');
    for (const bad of [notJson, impossible, denormal]) {
      expect(bad.code).toBe(2);
      expect(bad.stdout).toBe('');
      expect(bad.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(bad.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('totals past 2^53 are exact or marked approximate', () => {
  const BEYOND = join(FIXTURES, 'floplab-beyond-2-53.json');

  it('gives exact digits when the sum is still exact (16 convs of 9·2^46 MACs = 9·2^50)', async () => {
    // Each conv: 8192·8192 outputs × 3·3·1024 inputs × 1024 filters = 9·2^46 = 633,318,697,598,976 MACs.
    const out = JSON.parse((await run('analyze', BEYOND, '--json')).stdout);
    expect(out.exactTotals).toEqual({ macs: '10133099161583616', flops: '20266198323167232' });
    expect(out.approximateTotals).toBeUndefined();
    const { stdout } = await run('analyze', BEYOND);
    expect(stdout).toContain('MACs                 10,133,099,161,583,616 (');
    expect(stdout).toContain('FLOPs                20,266,198,323,167,232 (');
  });

  it('marks a total approximate when the nearest double is not the sum', async () => {
    // Two more Dense layers: 1024·3 + 3·3 = 3,081 MACs, an odd total past 2^53 (doubles there are even).
    const config = JSON.parse(readFileSync(BEYOND, 'utf8'));
    config.layers.push(
      { type: 'GlobalAveragePooling2D', name: 'gap' },
      { type: 'Dense', name: 'd1', units: 3, useBias: true, activation: 'linear' },
      { type: 'Dense', name: 'd2', units: 3, useBias: true, activation: 'linear' },
    );
    const dir = mkdtempSync(join(tmpdir(), 'floplab-cli-'));
    const path = join(dir, 'beyond.json');
    writeFileSync(path, JSON.stringify(config));
    const out = JSON.parse((await run('analyze', path, '--json')).stdout);
    const text = (await run('analyze', path)).stdout;
    rmSync(dir, { recursive: true, force: true });
    expect(out.approximateTotals).toContain('macs');
    expect(out.exactTotals?.macs).toBeUndefined();
    const offBy = BigInt(out.macs) - 10_133_099_161_586_697n; // the nearest double: 1 away
    expect(offBy === 1n || offBy === -1n).toBe(true);
    expect(text).toMatch(/MACs {17}≈ 10,133,099,161,586,69\d \(≈ .*approximate: past 2\^53/);
  });
});

describe('exit code 1 for an internal error (a bug), in a real process', () => {
  const exec = promisify(execFile);
  const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
  const processExit = (script: string) => exec(tsx, ['-e', script], { cwd: process.cwd() })
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
    .catch((e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));

  it('a thrown error and an uncaught one both exit 1 with one line, no stack trace', async () => {
    const entry = "import { runAsProcess } from './src/cli/process-entry';";
    const [rejected, uncaught] = await Promise.all([
      processExit(`${entry} void runAsProcess([], async () => { throw new Error('broken\\n    at somewhere'); });`),
      processExit(`${entry} void runAsProcess([], async () => { setTimeout(() => { throw new TypeError('late'); }, 1); await new Promise((r) => setTimeout(r, 50)); return 0; });`),
    ]);
    expect(rejected).toMatchObject({ code: 1, stdout: '', stderr: 'floplab: internal error: broken at somewhere\n' });
    expect(uncaught).toMatchObject({ code: 1, stdout: '', stderr: 'floplab: internal error: late\n' });
  }, 60_000);
});
