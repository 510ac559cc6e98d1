/**
 * Compression benchmarks on MobileNetV1's real-sized weights (seeded normal weights with the
 * preset's exact shapes: 4,253,864 parameters, 4.2 M of them in kernels).
 *   1. 1-D k-means, k = 16 per kernel: ours (sort once + prefix sums) vs the ml-kmeans package,
 *      both from the same initial centroids, with within-cluster SSE. ml-kmeans is generic
 *      (O(n·k) per iteration on arrays of points) and takes minutes on all 4.2 M weights, so it
 *      runs on a subset of layers and both are compared on exactly that subset, with the same
 *      warm-up and the same number of timed runs on both sides (medians). The issue's target
 *      (≥ 20× on all 4.25 M weights) is therefore not measured here; the line says so.
 *   2. The whole pipeline prune 0.5 → k-means 16 → quantize 8 → Huffman, in node.
 * The whole CLI process (what a user waits for) is timed in cli-process.bench.ts.
 * `npm run bench -- compress`
 */
import { performance } from 'node:perf_hooks';
import { kmeans as mlKmeans } from 'ml-kmeans';
import { findPreset } from '../src/core/presets';
import { syntheticWeights } from '../src/core/compress/synthetic-weights';
import { clusterWeights } from '../src/core/compress/kmeans';
import { initialCentroids } from '../src/core/compress/kmeans-init';
import { radixSortFloat32 } from '../src/core/compress/radix-sort';
import { isPrunableTensor } from '../src/core/compress/prunable';
import { runPipeline } from '../src/core/compress/pipeline';
import type { WeightTensor } from '../src/core/compress/types';
import { report, type Timing } from './timing';
import { cpus, loadavg } from 'node:os';

const K = 16;
/** ml-kmeans runs on kernels up to this size (the depthwise kernels and the early pointwise ones). */
const ML_KMEANS_MAX_KERNEL = 131_072;

/**
 * Wall and CPU time (user + system of this process) of `fn`: on a shared, loaded machine the
 * wall time includes waiting for a core, the CPU time is the work itself.
 */
async function timeWithCpu(fn: () => unknown, runs: number, warmup = 1): Promise<{ wall: Timing; cpuMedianMs: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  walls.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  const mid = Math.floor(runs / 2);
  return { wall: { medianMs: walls[mid], minMs: walls[0], runs }, cpuMedianMs: cpus[mid] };
}

function reportWithCpu(label: string, t: { wall: Timing; cpuMedianMs: number }, targetMs?: number): void {
  report(label, t.wall, targetMs);
  const met = targetMs === undefined ? '' : `  (target < ${targetMs} ms: ${t.cpuMedianMs < targetMs ? 'met' : 'MISSED'} on CPU time)`;
  console.log(`${''.padEnd(58)} CPU median ${t.cpuMedianMs.toFixed(1)} ms${met}`);
}

function mobileNetWeights(): WeightTensor[] {
  const preset = findPreset('mobilenet-v1');
  if (!preset) throw new Error('MobileNetV1 preset missing');
  const w = syntheticWeights(preset.build(), 1);
  if (!w.ok) throw new Error(w.error.message);
  return w.value;
}

function oursOn(kernels: WeightTensor[]): { sse: number } {
  let sse = 0;
  for (const k of kernels) sse += clusterWeights(k.data, { k: K, init: 'linear' }).sse;
  return { sse };
}

/** Runs and warm-ups of the ours-vs-ml-kmeans comparison: the same on both sides. */
const COMPARE_RUNS = 3;
const COMPARE_WARMUP = 1;

function mlKmeansOn(kernels: WeightTensor[]): { sse: number; iterations: number } {
  let sse = 0;
  let iterations = 0;
  for (const k of kernels) {
    const start = initialCentroids(radixSortFloat32(k.data), K, 'linear', 1);
    const r = mlKmeans(Array.from(k.data, (v) => [v]), K, { initialization: Array.from(start, (c) => [c]), maxIterations: 300 });
    iterations += r.iterations;
    r.clusters.forEach((c, i) => { sse += (k.data[i] - r.centroids[c][0]) ** 2; });
  }
  return { sse, iterations };
}

export default async function compressBench(): Promise<void> {
  const weights = mobileNetWeights();
  const kernels = weights.filter((w) => isPrunableTensor(w.name));
  const total = weights.reduce((s, w) => s + w.data.length, 0);
  const kernelValues = kernels.reduce((s, w) => s + w.data.length, 0);
  console.log(`MobileNetV1: ${total.toLocaleString('en-US')} params, ${kernelValues.toLocaleString('en-US')} in ${kernels.length} kernels`);

  console.log(`load average (1 min) at start: ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
  const all = await timeWithCpu(() => oursOn(kernels), 7);
  reportWithCpu(`k-means k=${K} per kernel, all ${kernels.length} kernels (ours)`, all, 1000);

  const subset = kernels.filter((k) => k.data.length <= ML_KMEANS_MAX_KERNEL);
  const subsetValues = subset.reduce((s, w) => s + w.data.length, 0);
  console.log(`subset for ml-kmeans: ${subset.length} kernels ≤ ${ML_KMEANS_MAX_KERNEL} weights, ${subsetValues.toLocaleString('en-US')} values, same linear initial centroids`);
  console.log(`  both sides: ${COMPARE_WARMUP} warm-up run, then the median of ${COMPARE_RUNS} timed runs`);
  const ours = await timeWithCpu(() => oursOn(subset), COMPARE_RUNS, COMPARE_WARMUP);
  const theirs = await timeWithCpu(() => mlKmeansOn(subset), COMPARE_RUNS, COMPARE_WARMUP);
  reportWithCpu('  ours on the subset', ours);
  reportWithCpu('  ml-kmeans on the subset', theirs);
  const ourSse = oursOn(subset).sse;
  const theirRun = mlKmeansOn(subset);
  const speedup = theirs.wall.medianMs / ours.wall.medianMs;
  const cpuSpeedup = theirs.cpuMedianMs / ours.cpuMedianMs;
  console.log(`  speed-up on the subset: ${speedup.toFixed(0)}× wall, ${cpuSpeedup.toFixed(0)}× CPU (same warm-up; ml-kmeans ${theirRun.iterations} iterations in all)`);
  console.log(`  issue 4's target, ≥ 20× on all ${kernelValues.toLocaleString('en-US')} kernel weights: not measured (ml-kmeans takes minutes there); on the subset ${speedup >= 20 ? 'at least 20×' : 'BELOW 20×'}`);
  console.log(`  within-cluster SSE: ours ${ourSse.toExponential(6)}, ml-kmeans ${theirRun.sse.toExponential(6)} (ours ${ourSse <= theirRun.sse * (1 + 1e-9) ? 'equal or lower: met' : 'HIGHER: MISSED'})`);

  const plan = { stages: [{ kind: 'prune', sparsity: 0.5 }, { kind: 'share', k: K }, { kind: 'quantize', bits: 8 }, { kind: 'huffman' }] } as const;
  let last: Awaited<ReturnType<typeof runPipeline>> | null = null;
  const pipeline = await timeWithCpu(async () => { last = await runPipeline(weights, { stages: [...plan.stages] }); }, 3);
  reportWithCpu('pipeline prune 0.5 → k-means 16 → quantize 8 → Huffman (node)', pipeline, 2000);
  console.log(`load average (1 min) at end: ${loadavg()[0].toFixed(1)}`);
  const done = last as Awaited<ReturnType<typeof runPipeline>> | null;
  if (done?.ok) {
    console.log(`  sizes: ${done.value.stages.map((s) => `${s.name} ${(s.bytes / 1e6).toFixed(3)} MB`).join(' → ')}; ratio ${done.value.totals.ratio.toFixed(2)}×`);
  }
}
