/**
 * The one FlopLab Web Worker, started on first use (lazy singleton), and small helpers for
 * talking to it: job ids, progress callbacks that cross the thread boundary (Comlink.proxy), and
 * transferring weights files instead of copying them.
 */
import * as Comlink from 'comlink';
import type { Remote } from 'comlink';
import type { ProgressCallback, WeightFile, WorkerApi } from '../worker/api';

let remote: Remote<WorkerApi> | null = null;

/** The worker's API; the worker starts on the first call. */
export function getWorker(): Remote<WorkerApi> {
  if (remote === null) {
    const worker = new Worker(new URL('../worker/entry.ts', import.meta.url), { type: 'module', name: 'floplab' });
    remote = Comlink.wrap<WorkerApi>(worker);
  }
  return remote;
}

let jobCounter = 0;

/** A fresh job id for measureLatency / calibrate / compress ('measure-3'). */
export function newJobId(kind: string): string {
  jobCounter += 1;
  return `${kind}-${jobCounter}`;
}

/** Wraps a progress callback so the worker can call it across the thread boundary. */
export function progressProxy(onProgress: ProgressCallback): ProgressCallback {
  return Comlink.proxy(onProgress);
}

/**
 * Imports a model.json (+ weights files) in the worker. The files' ArrayBuffers are transferred:
 * after the call they are detached on this thread (do not reuse them).
 */
export function importModelInWorker(modelJson: unknown, weightFiles: WeightFile[]): ReturnType<WorkerApi['importModel']> {
  const buffers = weightFiles.map((f) => f.data);
  return getWorker().importModel(modelJson, Comlink.transfer(weightFiles, buffers));
}
