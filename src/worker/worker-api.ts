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
import { answerHeartbeats, expectBusyFor, ONE_STEP_GRACE_MS } from './heartbeat';
import { JobRegistry, runJob } from './jobs';

/**
 * Loads a job's module on first use. Evaluating its chunk (TensorFlow.js) is one long task that
 * cannot yield: announced to the heartbeat.
 */
function loadJob<T>(load: () => Promise<T>): Promise<T> {
  expectBusyFor(ONE_STEP_GRACE_MS);
  return load();
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
    async importModelFile(file) {
      try {
        const { importModelFile } = await loadJob(() => import('./import-file-job'));
        return await importModelFile(file);
      } finally {
        // Loading the reader announced a long step; it is over, so a worker dying now is noticed at once.
        expectBusyFor(0);
      }
    },
    measureLatency(graph, options, onProgress) {
      return runJob(jobs, options.jobId, (signal) => guarded('Measuring', async () => {
        const { measureGraph } = await loadJob(() => import('./measure-job'));
        return measureGraph(graph, options, signal, onProgress);
      }));
    },
    calibrate(jobId = 'calibrate', onProgress) {
      return runJob(jobs, jobId, (signal) => guarded('Calibrating', async () => {
        const { calibrateBrowser } = await loadJob(() => import('./calibrate-job'));
        return calibrateBrowser(signal, onProgress);
      }));
    },
    async compress(graph, plan, jobId, onProgress, accuracy) {
      const result = await runJob(jobs, jobId, (signal) => guarded('Compressing', async () => {
        const { compressGraph } = await loadJob(() => import('./compress-job'));
        return compressGraph(graph, plan, signal, onProgress, accuracy);
      }));
      // The export's files go back to the main thread as transfers, not copies.
      if (result.status === 'done') {
        const files = [...(result.export?.files ?? []), ...(result.onnxExport?.files ?? [])];
        if (files.length > 0) return Comlink.transfer(result, files.map((f) => f.data));
      }
      return result;
    },
    train(graph, options, onProgress) {
      return runJob(jobs, options.jobId, (signal) => guarded('Training', async () => {
        const { trainGraph } = await loadJob(() => import('./train-job'));
        return trainGraph(graph, options, signal, onProgress);
      }));
    },
    evaluate(graph, options, onProgress) {
      return runJob(jobs, options.jobId, (signal) => guarded('Evaluating', async () => {
        const { evaluateGraph } = await loadJob(() => import('./evaluate-job'));
        return evaluateGraph(graph, options, signal, onProgress);
      }));
    },
    async distill(teacher, student, options, onProgress) {
      const result = await runJob(jobs, options.jobId, (signal) => guarded('Distilling', async () => {
        const { distillGraphs } = await loadJob(() => import('./distill-job'));
        return distillGraphs(teacher, student, options, signal, onProgress);
      }));
      return result.status === 'done' ? Comlink.transfer(result, result.student.map((f) => f.data)) : result;
    },
    sensitivity(graph, options, onProgress) {
      return runJob(jobs, options.jobId, (signal) => guarded('Sensitivity analysis', async () => {
        const { sensitivityOf } = await loadJob(() => import('./sensitivity-job'));
        return sensitivityOf(graph, options, signal, onProgress);
      }));
    },
    sweep(graph, options, onProgress) {
      return runJob(jobs, options.jobId, (signal) => guarded('Sweeping sparsity', async () => {
        const { sweepGraph } = await import('./sweep-job');
        return sweepGraph(graph, options, signal, onProgress);
      }));
    },
    deepCompression(graph, options, onProgress) {
      return runJob(jobs, options.jobId, (signal) => guarded('Reproducing Deep Compression', async () => {
        const { deepCompressionOf } = await import('./deep-compression-job');
        return deepCompressionOf(graph, options, signal, onProgress);
      }));
    },
    loadTrainedModel(modelUrl) {
      return guarded('Loading the trained model', async () => (await loadJob(() => import('./trained-model-job'))).loadTrainedModel(modelUrl));
    },
    async exportWeights(graph) {
      const result = await guarded('Writing the weights', async () => (await loadJob(() => import('./trained-model-job'))).exportHeldWeights(graph));
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
