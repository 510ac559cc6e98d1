/**
 * The implementation of WorkerApi. Plain functions over plain data, so unit tests call it
 * directly in node (no comlink, cpu backend); entry.ts exposes it with comlink in the browser.
 */
import * as Comlink from 'comlink';
import { analyzeModel } from '../core/analyze';
import type { FlopLabError } from '../core/result';
import type { JobFailed, WorkerApi } from './api';
import { calibrateBrowser } from './calibrate-job';
import { compressGraph } from './compress-job';
import { importModelJson } from './import-job';
import { JobRegistry, runJob } from './jobs';
import { measureGraph } from './measure-job';

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
    measureLatency(graph, options, onProgress) {
      return runJob(jobs, options.jobId, (signal) => guarded('Measuring', () => measureGraph(graph, options, signal, onProgress)));
    },
    calibrate(jobId = 'calibrate', onProgress) {
      return runJob(jobs, jobId, (signal) => guarded('Calibrating', () => calibrateBrowser(signal, onProgress)));
    },
    async compress(graph, plan, jobId, onProgress) {
      const result = await runJob(jobs, jobId, (signal) => guarded('Compressing', () => compressGraph(graph, plan, signal, onProgress)));
      // The export's files go back to the main thread as transfers, not copies.
      if (result.status === 'done' && result.export) {
        return Comlink.transfer(result, result.export.files.map((f) => f.data));
      }
      return result;
    },
    async cancel(jobId) {
      jobs.cancel(jobId);
    },
  };
}
