/**
 * The one FlopLab Web Worker, started on first use, watched by a WorkerSupervisor: if it dies
 * (closed, crashed, an uncaught error) every pending call settles with a "worker stopped" value
 * instead of waiting forever, a new worker starts, the last imported weights are sent to it again
 * when this thread still has a copy, and listeners (the UI's alert) are told what happened.
 * Also small helpers: job ids, progress callbacks that cross the thread boundary
 * (Comlink.proxy), and weights files sent as transfers.
 */
import * as Comlink from 'comlink';
import type { Remote } from 'comlink';
import type { AnalyzeResult } from '../core/cost-types';
import { fail, type FlopLabError, type Result } from '../core/result';
import type {
  CalibrateResult, CompressResult, DeepCompressionResult, DistillResult, EvaluateResult, ExportWeightsResult, ImportedModel, JobFailed, MeasureResult, ProgressCallback,
  SensitivityResult, SweepResult, TrainedPresetResult, TrainResult, WeightFile, WorkerApi,
} from '../worker/api';
import { WorkerSupervisor, type WorkerStopped } from './worker-supervisor';

/** What the UI is told when a worker died. */
export interface WorkerDeath extends WorkerStopped {
  /** The imported weights: sent to the new worker, lost (re-import), or there were none. */
  weights: 'resent' | 'lost' | 'none';
}

/** Weights files up to this size are kept on this thread so a new worker can get them again. */
export const KEEP_WEIGHTS_MAX_BYTES = 128e6;

function spawnBrowserWorker(fatal: (reason: string) => void) {
  const worker = new Worker(new URL('../worker/entry.ts', import.meta.url), { type: 'module', name: 'floplab' });
  worker.addEventListener('error', (event: ErrorEvent) => {
    event.preventDefault();
    fatal(event.message ? `an uncaught error: ${event.message}` : 'failed to load or crashed');
  });
  worker.addEventListener('messageerror', () => fatal('a message could not be read'));
  const api = Comlink.wrap<WorkerApi>(worker);
  const channel = new MessageChannel();
  void api.heartbeat(Comlink.transfer(channel.port2, [channel.port2])).catch(() => undefined);
  return { api, port: channel.port1, terminate: () => worker.terminate() };
}

let supervisor: WorkerSupervisor<Remote<WorkerApi>> | null = null;
const deathListeners = new Set<(death: WorkerDeath) => void>();

/**
 * The last import with weights, while this thread can send it again (null: none, or too large):
 * a model.json with copies of its weights files, or a binary model file (.onnx, .keras, .h5),
 * kept as the user's File, which is read again from disk when needed.
 */
let keptImport: { modelJson: unknown; files: WeightFile[] } | { file: File } | null = null;
/** An import with weights reached the worker but no copy was kept. */
let importedWithoutCopy = false;

function getSupervisor(): WorkerSupervisor<Remote<WorkerApi>> {
  if (supervisor === null) {
    supervisor = new WorkerSupervisor(spawnBrowserWorker);
    supervisor.onStopped((stopped) => {
      const weights = resendWeights(stopped.restarted);
      for (const listener of deathListeners) listener({ ...stopped, weights });
    });
  }
  return supervisor;
}

function resendWeights(restarted: boolean): WorkerDeath['weights'] {
  if (keptImport !== null && restarted) {
    const kept = keptImport;
    if ('file' in kept) {
      void kept.file.arrayBuffer().then((data) => getSupervisor().run<unknown>(
        (api) => api.importModelFile(Comlink.transfer({ name: kept.file.name, data }, [data])), () => null,
      ), () => undefined);
    } else {
      void getSupervisor().run<unknown>((api) => api.importModel(kept.modelJson, copiesForTransfer(kept.files)), () => null);
    }
    return 'resent';
  }
  return keptImport !== null || importedWithoutCopy ? 'lost' : 'none';
}

/** Subscribes to worker deaths (the UI's alert); returns the unsubscribe function. */
export function onWorkerDeath(listener: (death: WorkerDeath) => void): () => void {
  deathListeners.add(listener);
  return () => deathListeners.delete(listener);
}

/** Whether a worker can be used here (false without `Worker`, or once workers keep failing to start). */
export function workerUsable(): boolean {
  return typeof Worker !== 'undefined' && (supervisor === null || supervisor.usable);
}

/** The FlopLabError of a call cut short by a dead worker. */
export function workerStoppedError(reason: string): FlopLabError {
  return {
    code: 'worker-stopped',
    message: `The background worker stopped (${reason}) before it finished. A new worker has started: run it again.`,
  };
}

const stoppedJob = (reason: string): JobFailed => ({ status: 'failed', cancelled: false, error: workerStoppedError(reason) });

/**
 * The worker's API. Every call settles even if the worker dies meanwhile: jobs with a failed
 * result (code 'worker-stopped'), analyze with `{ ok: false }`, import with a failed Result.
 */
const workerApi: WorkerApi = {
  analyze: (graph, options) => getSupervisor().run<AnalyzeResult>(
    (api) => api.analyze(graph, options),
    (reason) => ({ ok: false, errors: [workerStoppedError(reason)] }),
  ),
  importModel: (modelJson, weightFiles) => getSupervisor().run<Result<ImportedModel>>(
    (api) => api.importModel(modelJson, weightFiles),
    (reason) => fail(workerStoppedError(reason)),
  ),
  importModelFile: (file) => getSupervisor().run<Result<ImportedModel>>(
    (api) => api.importModelFile(file),
    (reason) => fail(workerStoppedError(reason)),
  ),
  measureLatency: (graph, options, onProgress) => getSupervisor().run<MeasureResult>(
    (api) => api.measureLatency(graph, options, onProgress), stoppedJob,
  ),
  calibrate: (jobId, onProgress) => getSupervisor().run<CalibrateResult>((api) => api.calibrate(jobId, onProgress), stoppedJob),
  compress: (graph, plan, jobId, onProgress, accuracy) => getSupervisor().run<CompressResult>(
    (api) => api.compress(graph, plan, jobId, onProgress, accuracy), stoppedJob,
  ),
  train: (graph, options, onProgress) => getSupervisor().run<TrainResult>((api) => api.train(graph, options, onProgress), stoppedJob),
  evaluate: (graph, options, onProgress) => getSupervisor().run<EvaluateResult>((api) => api.evaluate(graph, options, onProgress), stoppedJob),
  sweep: (graph, options, onProgress) => getSupervisor().run<SweepResult>((api) => api.sweep(graph, options, onProgress), stoppedJob),
  deepCompression: (graph, options, onProgress) => getSupervisor().run<DeepCompressionResult>((api) => api.deepCompression(graph, options, onProgress), stoppedJob),
  loadTrainedModel: (modelUrl) => getSupervisor().run<TrainedPresetResult>((api) => api.loadTrainedModel(modelUrl), stoppedJob),
  exportWeights: (graph) => getSupervisor().run<ExportWeightsResult>((api) => api.exportWeights(graph), stoppedJob),
  distill: (teacher, student, options, onProgress) => getSupervisor().run<DistillResult>(
    (api) => api.distill(teacher, student, options, onProgress), stoppedJob,
  ),
  sensitivity: (graph, options, onProgress) => getSupervisor().run<SensitivityResult>((api) => api.sensitivity(graph, options, onProgress), stoppedJob),
  cancel: (jobId) => getSupervisor().run((api) => api.cancel(jobId), () => undefined),
  heartbeat: () => Promise.resolve(),
};

/** The worker's API; the worker starts on the first call. */
export function getWorker(): WorkerApi {
  return workerApi;
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

function copiesForTransfer(files: readonly WeightFile[]): WeightFile[] {
  const copies = files.map((f) => ({ name: f.name, data: f.data.slice(0) }));
  return Comlink.transfer(copies, copies.map((f) => f.data));
}

/**
 * Imports a model.json (+ weights files) in the worker. Up to KEEP_WEIGHTS_MAX_BYTES the files
 * are copied and the copies transferred (this thread keeps the originals, to send them again to
 * a new worker if this one dies); above that they are transferred and detached here.
 */
export async function importModelInWorker(modelJson: unknown, weightFiles: WeightFile[]): ReturnType<WorkerApi['importModel']> {
  const bytes = weightFiles.reduce((sum, f) => sum + f.data.byteLength, 0);
  const keep = weightFiles.length > 0 && bytes <= KEEP_WEIGHTS_MAX_BYTES;
  const sent = keep ? copiesForTransfer(weightFiles) : Comlink.transfer(weightFiles, weightFiles.map((f) => f.data));
  const result = await workerApi.importModel(modelJson, sent);
  if (result.ok || result.error.code !== 'worker-stopped') {
    const withWeights = result.ok && result.value.hasWeights;
    keptImport = withWeights && keep ? { modelJson, files: weightFiles } : null;
    importedWithoutCopy = withWeights && !keep;
  }
  return result;
}

/**
 * Imports a binary model file (.onnx, .keras, .h5) in the worker: its bytes are transferred (read
 * once from the File, never copied); the File is kept so a new worker can be given it again.
 */
export async function importModelFileInWorker(file: File): ReturnType<WorkerApi['importModelFile']> {
  const data = await file.arrayBuffer();
  const result = await workerApi.importModelFile(Comlink.transfer({ name: file.name, data }, [data]));
  if (result.ok || result.error.code !== 'worker-stopped') {
    keptImport = result.ok && result.value.hasWeights ? { file } : null;
    importedWithoutCopy = false;
  }
  return result;
}
