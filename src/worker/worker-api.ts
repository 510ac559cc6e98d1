/**
 * The implementation of WorkerApi. Plain functions over plain data, so unit tests call it
 * directly in node (no comlink); entry.ts exposes it with comlink in the browser.
 *
 * TensorFlow.js loads only when a job needs it: the measure, calibrate and compress jobs are
 * imported on their first call (their chunk holds tfjs), while analysis and model.json import
 * are pure core and answer at once after the worker starts.
 *
 * Every job must keep the worker answering the main thread's heartbeat: yield (await
 * yieldToEventLoop() from src/core/compress/yield.ts) at least every second, and before a step
 * that cannot yield (one big predict, evaluating a whole test set in one call) announce it with
 * expectBusyFor(ms) from ./heartbeat. A worker silent for 4 s otherwise is taken for dead
 * (src/state/worker-supervisor.ts): it is terminated and its job ends as 'worker-stopped'.
 */
import * as Comlink from 'comlink';
import { analyzeModel } from '../core/analyze';
import type { FlopLabError } from '../core/result';
import type { JobFailed, WorkerApi } from './api';
import { importModelJson } from './import-job';
import { answerHeartbeats, holdBusyWhile, ONE_STEP_GRACE_MS } from './heartbeat';
import { JobRegistry, runJob } from './jobs';

/**
 * Runs a job whose module loads on first use. Evaluating its chunk (TensorFlow.js) is one long
 * task that cannot yield: a grace is held for it from the start and given back when the job ends.
 */
function loadJob<M, R>(load: () => Promise<M>, run: (module: M) => R | Promise<R>): Promise<R> {
  return holdBusyWhile(ONE_STEP_GRACE_MS, async () => run(await load()));
}

/** A thrown error inside a job is a bug; it still reaches the UI as a failed job, not a dead promise. */
function failedFromThrow(error: unknown, what: string): JobFailed {
  const message = error instanceof Error ? error.message : String(error);
  const flopLabError: FlopLabError = { code: 'invalid-value', message: `${what} failed: ${message}` };
  return { status: 'failed', cancelled: false, error: flopLabError };
}

async function guarded<T>(what: string, job: () => Promise<T>): Promise<T | JobFailed> {
  try {
    return await job();
  } catch (error) {
    return failedFromThrow(error, what);
  }
}

export function createWorkerApi(): WorkerApi {
  const jobs = new JobRegistry();
  return {
    async analyze(graph, options) {
      return analyzeModel(graph, options);
    },
    async importModel(modelJson, weightFiles) {
      return importModelJson(modelJson, weightFiles);
    },
    importModelFile(file) {
      return loadJob(() => import('./import-file-job'), (m) => m.importModelFile(file));
    },
    measureLatency(graph, options, onProgress) {
      return runJob(jobs, options.jobId, (signal) => guarded('Measuring', () =>
        loadJob(() => import('./measure-job'), (m) => m.measureGraph(graph, options, signal, onProgress))));
    },
    calibrate(jobId = 'calibrate', onProgress) {
      return runJob(jobs, jobId, (signal) => guarded('Calibrating', () =>
        loadJob(() => import('./calibrate-job'), (m) => m.calibrateBrowser(signal, onProgress))));
    },
    async compress(graph, plan, jobId, onProgress, accuracy) {
      const result = await runJob(jobs, jobId, (signal) => guarded('Compressing', () =>
        loadJob(() => import('./compress-job'), (m) => m.compressGraph(graph, plan, signal, onProgress, accuracy))));
      // The export's files go back to the main thread as transfers, not copies.
      if (result.status === 'done') {
        const files = [...(result.export?.files ?? []), ...(result.onnxExport?.files ?? [])];
        if (files.length > 0) return Comlink.transfer(result, files.map((f) => f.data));
      }
      return result;
    },
    train(graph, options, onProgress) {
      return runJob(jobs, options.jobId, (signal) => guarded('Training', () =>
        loadJob(() => import('./train-job'), (m) => m.trainGraph(graph, options, signal, onProgress))));
    },
    evaluate(graph, options, onProgress) {
      return runJob(jobs, options.jobId, (signal) => guarded('Evaluating', () =>
        loadJob(() => import('./evaluate-job'), (m) => m.evaluateGraph(graph, options, signal, onProgress))));
    },
    async distill(teacher, student, options, onProgress) {
      const result = await runJob(jobs, options.jobId, (signal) => guarded('Distilling', () =>
        loadJob(() => import('./distill-job'), (m) => m.distillGraphs(teacher, student, options, signal, onProgress))));
      return result.status === 'done' ? Comlink.transfer(result, result.student.map((f) => f.data)) : result;
    },
    sensitivity(graph, options, onProgress) {
      return runJob(jobs, options.jobId, (signal) => guarded('Sensitivity analysis', () =>
        loadJob(() => import('./sensitivity-job'), (m) => m.sensitivityOf(graph, options, signal, onProgress))));
    },
    sweep(graph, options, onProgress) {
      return runJob(jobs, options.jobId, (signal) => guarded('Sweeping sparsity', () =>
        loadJob(() => import('./sweep-job'), (m) => m.sweepGraph(graph, options, signal, onProgress))));
    },
    deepCompression(graph, options, onProgress) {
      return runJob(jobs, options.jobId, (signal) => guarded('Reproducing Deep Compression', () =>
        loadJob(() => import('./deep-compression-job'), (m) => m.deepCompressionOf(graph, options, signal, onProgress))));
    },
    loadTrainedModel(modelUrl) {
      return guarded('Loading the trained model', () =>
        loadJob(() => import('./trained-model-job'), (m) => m.loadTrainedModel(modelUrl)));
    },
    async exportWeights(graph) {
      const result = await guarded('Writing the weights', () =>
        loadJob(() => import('./trained-model-job'), (m) => m.exportHeldWeights(graph)));
      return result.status === 'done' ? Comlink.transfer(result, result.files.map((f) => f.data)) : result;
    },
    async cancel(jobId) {
      jobs.cancel(jobId);
    },
    async heartbeat(port) {
      answerHeartbeats(port);
    },
  };
}
