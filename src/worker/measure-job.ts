/**
 * "Measure in this browser": build the model with seeded random weights, warm up, time repeated
 * batch-1 predicts, report the median and the backend. Everything tfjs allocates is disposed.
 */
import { analyzeModel } from '../core/analyze';
import type { ModelGraph } from '../core/model';
import { buildTfModel } from '../tf/build-model';
import { selectBackend } from '../tf/backend';
import { median, timePredict } from '../tf/measure';
import type { JobCancelled, MeasureOptions, MeasureResult, ProgressCallback } from './api';
import { expectBusyFor, ONE_STEP_GRACE_MS } from './heartbeat';
import { CANCELLED } from './jobs';
import { refuseReason } from './run-limits';
import { WASM_URLS } from './wasm-urls';

/** Timed runs stop (keeping at least 3) once they have taken this long. */
export const MEASURE_BUDGET_MS = 20_000;

export async function measureGraph(
  graph: ModelGraph, options: MeasureOptions, signal: AbortSignal, onProgress?: ProgressCallback,
): Promise<MeasureResult | JobCancelled> {
  const analysis = analyzeModel(graph);
  if (!analysis.ok) return { status: 'failed', cancelled: false, error: analysis.errors[0] };
  const reason = refuseReason(analysis.report);
  if (reason !== null) return { status: 'refused', cancelled: false, reason };

  onProgress?.({ fraction: 0, message: 'Starting TensorFlow.js…' });
  const backend = await selectBackend('inference', { wasmUrls: WASM_URLS });
  if (signal.aborted) return CANCELLED;
  onProgress?.({ fraction: 0.02, message: `Building the model (${backend} backend, random weights)…` });
  expectBusyFor(ONE_STEP_GRACE_MS);
  const built = buildTfModel(graph, { seed: options.seed ?? 42 });
  if (!built.ok) return { status: 'failed', cancelled: false, error: built.error };
  const model = built.value;
  const runs = options.runs ?? 10;
  const warmup = options.warmup ?? 2;
  try {
    let lastMs = 0;
    const timed = await timePredict(model, {
      runs, warmup, seed: options.seed ?? 42, signal, budgetMs: MEASURE_BUDGET_MS,
      // The first run prepares the weights (shaders, packed kernels) in one call that cannot
      // yield; a later one takes about as long as the one before.
      beforeRun: (index) => expectBusyFor(index === 0 ? ONE_STEP_GRACE_MS : 3 * lastMs),
      onRun: (done, total, phase, ms) => {
        lastMs = ms;
        onProgress?.({
        fraction: 0.05 + 0.95 * (done / total),
        message: phase === 'warmup'
          ? `Warm-up run ${done} of ${warmup} (${ms.toFixed(1)} ms)`
          : `Timed run ${done - warmup} of ${runs} (${ms.toFixed(1)} ms)`,
        });
      },
    });
    if (timed.cancelled) return CANCELLED;
    const note = timed.timesMs.length < runs
      ? `Stopped after ${timed.timesMs.length} of ${runs} runs: they took over ${MEASURE_BUDGET_MS / 1000} s.`
      : undefined;
    return {
      status: 'done', cancelled: false, backend, runs: timed.timesMs.length, warmup,
      medianMs: median(timed.timesMs), timesMs: timed.timesMs, ...(note ? { note } : {}),
    };
  } finally {
    model.dispose();
  }
}
