/**
 * Measuring in the browser (or node): time a model's predict, and calibrate the machine's
 * matrix-multiply throughput and memory bandwidth. The backend is chosen before, by
 * tf/backend.ts. Everything created here is disposed (tf.memory().numTensors is unchanged).
 */
import * as tf from '@tensorflow/tfjs';
import { yieldToEventLoop } from '../core/compress/yield';

/**
 * Lets queued messages (a cancel, a heartbeat, a progress post) through between steps: a
 * macrotask, not a microtask. A MessageChannel round trip where it exists (setTimeout(0) is
 * clamped to 4 ms when nested).
 */
export { yieldToEventLoop } from '../core/compress/yield';

export interface TimePredictOptions {
  runs: number;
  warmup: number;
  /** Seed of the random input (uniform 0..1). */
  seed?: number;
  signal?: AbortSignal;
  /** Called after every warm-up and timed run. */
  onRun?: (done: number, total: number, phase: 'warmup' | 'timed', ms: number) => void;
  /** Called right before each run (index from 0), after the yield: nothing runs in between. */
  beforeRun?: (index: number) => void;
  /** Stop timing (keeping at least 3 runs) once this many ms have been spent in timed runs. */
  budgetMs?: number;
}

export interface TimedRuns {
  /** Wall time of every timed run, ms, in run order. */
  timesMs: number[];
  /** Wall time of every warm-up run (the first includes shader compilation). */
  warmupMs: number[];
  cancelled: boolean;
}

/**
 * Runs `model.predict` on one seeded random input of batch 1: `warmup` untimed runs, then up to
 * `runs` timed ones. Each run waits for the output data (`await data()`), so asynchronous GPU
 * work is included in the time. Between runs the event loop is yielded so a cancel can arrive.
 */
export async function timePredict(model: tf.LayersModel, opts: TimePredictOptions): Promise<TimedRuns> {
  const input = tf.tidy(() => model.inputs.map((symbolic) => {
    const shape = symbolic.shape.map((d) => (d === null ? 1 : d));
    return tf.randomUniform(shape, 0, 1, 'float32', opts.seed ?? 7);
  }));
  const timesMs: number[] = [];
  const warmupMs: number[] = [];
  const total = opts.warmup + opts.runs;
  try {
    for (let i = 0; i < total; i++) {
      await yieldToEventLoop();
      if (opts.signal?.aborted) return { timesMs, warmupMs, cancelled: true };
      opts.beforeRun?.(i);
      const ms = await timeOnePredict(model, input.length === 1 ? input[0] : input);
      const warm = i < opts.warmup;
      (warm ? warmupMs : timesMs).push(ms);
      opts.onRun?.(i + 1, total, warm ? 'warmup' : 'timed', ms);
      const spentMs = timesMs.reduce((a, b) => a + b, 0);
      if (!warm && opts.budgetMs !== undefined && timesMs.length >= 3 && spentMs > opts.budgetMs) break;
    }
    return { timesMs, warmupMs, cancelled: false };
  } finally {
    tf.dispose(input);
  }
}

async function timeOnePredict(model: tf.LayersModel, input: tf.Tensor | tf.Tensor[]): Promise<number> {
  const start = performance.now();
  const output = model.predict(input);
  const outputs = Array.isArray(output) ? output : [output];
  try {
    await Promise.all(outputs.map((t) => t.data()));
    return performance.now() - start;
  } finally {
    tf.dispose(outputs);
  }
}

export interface Calibration {
  backend: string;
  /** Measured matrix-multiply throughput, GFLOPS (a rate; 2·n³ FLOPs per n×n matmul). */
  peakGflops: number;
  /** Measured elementwise-add bandwidth, GB/s (1 GB = 1e9 bytes; 3 tensors moved per add). */
  bandwidthGBs: number;
  matmulSize: number;
  matmulMs: number;
  addElements: number;
  addMs: number;
}

export interface CalibrateOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** Matrix size; default 512 on GPU backends, 256 on cpu (a 512³ matmul takes ~0.3 s there). */
  matmulSize?: number;
  /** Elements per operand of the add; default 4 M (16 MB per float32 tensor). */
  addElements?: number;
  repeats?: number;
}

/**
 * Calibrates a "this browser" device: the median time of n×n float32 matmuls gives GFLOPS, the
 * median time of a large elementwise add gives memory bandwidth (2 reads + 1 write of 4-byte
 * values). Returns null when cancelled.
 */
export async function calibrate(opts: CalibrateOptions = {}): Promise<Calibration | null> {
  const backend = tf.getBackend();
  const n = opts.matmulSize ?? (backend === 'cpu' ? 256 : 512);
  const elements = opts.addElements ?? (backend === 'cpu' ? 1 << 20 : 1 << 22);
  const repeats = opts.repeats ?? 5;
  const [a, b] = [tf.randomNormal([n, n], 0, 1, 'float32', 1), tf.randomNormal([n, n], 0, 1, 'float32', 2)];
  const [x, y] = [tf.randomUniform([elements], 0, 1, 'float32', 3), tf.randomUniform([elements], 0, 1, 'float32', 4)];
  try {
    const steps = 2 * (repeats + 1);
    let done = 0;
    const step = () => opts.onProgress?.(++done / steps);
    const matmulMs = await medianTime(() => tf.matMul(a, b), repeats, opts.signal, step);
    if (matmulMs === null) return null;
    const addMs = await medianTime(() => tf.add(x, y), repeats, opts.signal, step);
    if (addMs === null) return null;
    return {
      backend,
      peakGflops: (2 * n ** 3) / (matmulMs * 1e6),
      bandwidthGBs: (3 * 4 * elements) / (addMs * 1e6),
      matmulSize: n,
      matmulMs,
      addElements: elements,
      addMs,
    };
  } finally {
    tf.dispose([a, b, x, y]);
  }
}

/** Median of `repeats` timed calls after one untimed warm-up; null when aborted. */
async function medianTime(
  op: () => tf.Tensor, repeats: number, signal: AbortSignal | undefined, onStep: () => void,
): Promise<number | null> {
  const times: number[] = [];
  for (let i = 0; i <= repeats; i++) {
    await yieldToEventLoop();
    if (signal?.aborted) return null;
    const start = performance.now();
    const result = op();
    // Reading one value back waits for the GPU queue to finish the op (webgl is asynchronous).
    try { await result.data(); } finally { result.dispose(); }
    if (i > 0) times.push(performance.now() - start);
    onStep();
  }
  return median(times);
}

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((p, q) => p - q);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
