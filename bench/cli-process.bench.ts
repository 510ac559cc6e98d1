/**
 * The whole CLI process, as a user waits for it (issue 7's target: < 1.5 s):
 *   floplab compress <MobileNetV1 model.json> --kmeans 16 --out <dir>
 * MobileNetV1 with seeded weights (17 MB, bench/make-mobilenet-fixture.ts); the built CLI
 * (`node dist-cli/floplab.mjs`, rebuilt first so the figures are of the current sources) against
 * the same command through tsx (`npm run cli`), with the same warm-up and runs on both sides.
 * Wall time is what the target is about; CPU time (user + system of the child, from
 * /usr/bin/time) tells what the work costs on a machine others are loading. On a shared, loaded
 * machine, FLOPLAB_BENCH_RT=1 runs each process under `chrt -f 10` (real-time priority, needs
 * root): it then gets the cores as on an idle machine, so the wall time means something.
 * `npm run bench -- cli-process`
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MOBILENET_DIR, writeMobileNetFixture } from './make-mobilenet-fixture';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 5;
const WARMUP = 1;
const TARGET_MS = 1500;
const TIME = '/usr/bin/time';
const REAL_TIME = process.env.FLOPLAB_BENCH_RT === '1' ? ['chrt', '-f', '10'] : [];

interface ProcessTiming { medianMs: number; minMs: number; cpuMedianMs: number | null }

/** Runs `argv` WARMUP + RUNS times; medians of the timed runs. Fails loudly on a non-zero exit. */
function timeProcess(command: string[]): ProcessTiming {
  const argv = [...REAL_TIME, ...command];
  const withTime = existsSync(TIME);
  const walls: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const t0 = performance.now();
    const r = withTime
      ? spawnSync(TIME, ['-f', 'cpu %U %S', ...argv], { cwd: root, encoding: 'utf8' })
      : spawnSync(argv[0], argv.slice(1), { cwd: root, encoding: 'utf8' });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
    if (i < WARMUP) continue;
    walls.push(ms);
    const m = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
    if (m) cpu.push((Number(m[1]) + Number(m[2])) * 1000);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { medianMs: median(walls), minMs: Math.min(...walls), cpuMedianMs: cpu.length === walls.length ? median(cpu) : null };
}

function line(label: string, t: ProcessTiming, target?: number): void {
  const met = target === undefined ? '' : `  (target < ${target} ms: ${t.medianMs < target ? 'met' : 'MISSED'})`;
  const cpu = t.cpuMedianMs === null ? '' : `  CPU median ${t.cpuMedianMs.toFixed(0)} ms`;
  console.log(`${label.padEnd(44)} median ${t.medianMs.toFixed(0)} ms  min ${t.minMs.toFixed(0)} ms  n=${RUNS}${cpu}${met}`);
}

export default async function cliProcessBench(): Promise<void> {
  const modelJson = existsSync(join(DEFAULT_MOBILENET_DIR, 'model.json'))
    ? join(DEFAULT_MOBILENET_DIR, 'model.json')
    : await writeMobileNetFixture();
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build:cli failed: ${build.stderr}`);
  const out = mkdtempSync(join(tmpdir(), 'floplab-bench-cli-'));
  const args = ['compress', modelJson, '--kmeans', '16', '--out', out];
  const priority = REAL_TIME.length > 0 ? ', real-time priority (chrt -f 10)' : ' (FLOPLAB_BENCH_RT=1: real-time priority on a loaded machine)';
  console.log(`MobileNetV1 (${modelJson}), ${WARMUP} warm-up run then ${RUNS} timed runs each${priority}; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
  try {
    const built = timeProcess([process.execPath, 'dist-cli/floplab.mjs', ...args]);
    line('floplab compress --kmeans 16 (built bin)', built, TARGET_MS);
    const tsx = timeProcess([join(root, 'node_modules', '.bin', 'tsx'), 'src/cli/main.ts', ...args]);
    line('same through tsx (npm run cli)', tsx);
    console.log(`  built vs tsx: ${(tsx.medianMs / built.medianMs).toFixed(1)}× faster (same warm-up and runs); load average at end ${loadavg()[0].toFixed(1)}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
