/**
 * Running the cost analysis off the main thread. The worker (src/worker) owns it when `Worker`
 * exists; elsewhere (node tests, old browsers) the engine runs directly. Answers to requests
 * that a newer request has overtaken are dropped, so a slow analysis of an old graph never
 * overwrites the figures of the current one.
 */
import { analyzeModel } from '../core/analyze';
import type { AnalyzeOptions, AnalyzeResult } from '../core/cost-types';
import type { ModelGraph } from '../core/model';
import { getWorker, workerUsable } from './worker-client';

/** Graphs up to this many layers are analysed on the main thread when figures are needed at once. */
export const SYNC_ANALYSIS_LAYER_LIMIT = 500;

/** Set once the worker failed to answer in time: from then on the main thread does the work. */
let workerFailed = false;

/**
 * True while analysis goes to the worker: there is one, it has not timed out, and workers do
 * not keep dying at start (worker-client's supervisor).
 */
export function workerAvailable(): boolean {
  return workerUsable() && !workerFailed;
}

/**
 * Belt and braces: the supervisor settles calls on a dead worker within seconds, but an answer
 * this late means something else is wrong and the main thread takes over. The engine analyses a
 * 1,000-layer model in well under a second; this is far beyond any real answer.
 */
export const WORKER_ANSWER_TIMEOUT_MS = 10_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer from the worker within ${ms} ms`)), ms);
    promise.then(
      (value) => { clearTimeout(timer); resolve(value); },
      (error: unknown) => { clearTimeout(timer); reject(error instanceof Error ? error : new Error(String(error))); },
    );
  });
}

/** Analyses `graph` in the worker when there is one, directly otherwise. Never rejects. */
export async function analyzeAsync(graph: ModelGraph, options: AnalyzeOptions = {}): Promise<AnalyzeResult> {
  if (workerAvailable()) {
    try {
      const result = await withTimeout<AnalyzeResult>(getWorker().analyze(graph, options), WORKER_ANSWER_TIMEOUT_MS);
      // The worker died meanwhile (a new one is starting): this answer comes from this thread.
      if (!result.ok && result.errors[0]?.code === 'worker-stopped') return analyzeDirect(graph, options);
      return result;
    } catch (error) {
      // A worker that failed to start or crashed must not cost the user their figures.
      workerFailed = true;
      console.warn('FlopLab: analysis in the worker failed, analysing on the main thread from now on', error);
    }
  }
  return analyzeDirect(graph, options);
}

/**
 * Starts the worker in the background, so the first edit's figures come back within a frame
 * instead of waiting for the worker to boot. The worker loads TensorFlow.js only for a job.
 */
export function warmUpWorker(graph: ModelGraph): void {
  if (workerAvailable()) void analyzeAsync(graph);
}

/** Analyses `graph` on this thread (used for the first render, so figures are there at once). */
export function analyzeNow(graph: ModelGraph, options: AnalyzeOptions = {}): AnalyzeResult {
  return analyzeDirect(graph, options);
}

function analyzeDirect(graph: ModelGraph, options: AnalyzeOptions): AnalyzeResult {
  try {
    return analyzeModel(graph, options);
  } catch (error) {
    // The engine returns expected failures as values; a throw is a bug, but the page stays up.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ code: 'invalid-value', message: `Internal error while analysing: ${message}` }] };
  }
}

/** A queue that keeps only the newest request's answer. */
export interface LatestAnalysis {
  /**
   * Starts an analysis; `onResult` runs only if no newer request was made meanwhile.
   * `sync` analyses on this thread before returning (first render: figures at once).
   */
  request(
    graph: ModelGraph, options: AnalyzeOptions, onResult: (result: AnalyzeResult) => void, sync?: boolean,
  ): void;
  /** Resolves when the newest request has been answered (for tests and boot). */
  settled(): Promise<void>;
}

export function createLatestAnalysis(analyze = analyzeAsync): LatestAnalysis {
  let sequence = 0;
  let last: Promise<void> = Promise.resolve();
  return {
    request(graph, options, onResult, sync = false) {
      const mine = ++sequence;
      if (sync) {
        onResult(analyzeNow(graph, options));
        last = Promise.resolve();
        return;
      }
      last = analyze(graph, options).then((result) => {
        if (mine === sequence) onResult(result);
      });
    },
    async settled() {
      let waitedFor: Promise<void>;
      do {
        waitedFor = last;
        await waitedFor;
      } while (waitedFor !== last);
    },
  };
}
