/** Benchmark helpers: median wall time of many runs after warm-up. */
import { performance } from 'node:perf_hooks';

export interface Timing { medianMs: number; minMs: number; runs: number }

/** Runs `fn` `warmup` times, then `runs` times, and returns the median and minimum in ms. */
export function timeRuns(fn: () => unknown, runs = 50, warmup = 5): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)], minMs: times[0], runs };
}

export function report(label: string, t: Timing, targetMs?: number): void {
  const target = targetMs === undefined ? '' : `  (target < ${targetMs} ms: ${t.medianMs < targetMs ? 'met' : 'MISSED'})`;
  console.log(`${label.padEnd(58)} median ${t.medianMs.toFixed(3)} ms  min ${t.minMs.toFixed(3)} ms  n=${t.runs}${target}`);
}
