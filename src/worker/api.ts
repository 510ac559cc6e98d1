/**
 * The typed API of the FlopLab Web Worker (comlink). The main thread holds a
 * `Remote<WorkerApi>` (src/state/worker-client.ts); every method returns plain, JSON-able data
 * (typed arrays and ArrayBuffers are transferred, not copied). Long jobs take a `jobId` and a
 * progress callback (wrap it in `Comlink.proxy`); `cancel(jobId)` stops one, and a cancelled job
 * resolves with `{ status: 'cancelled', cancelled: true }` — cancelling is not an error.
 */
import type { CompressionPlan, CompressionResult, LayerCompression } from '../core/compress/types';
import type { AnalyzeOptions, AnalyzeResult } from '../core/cost-types';
import type { ModelGraph } from '../core/model';
import type { Result } from '../core/result';
import type { Calibration } from '../tf/measure';
import type { CompressAccuracy, CompressAccuracyOptions, DigitsWorkerApi } from './digits-api';
import type { DistillWorkerApi } from './distill-api';
import type { JobCancelled, JobFailed, JobRefused, ProgressCallback, WeightFile } from './job-types';

export type * from './digits-api';
export type * from './distill-api';
export type * from './job-types';

export interface MeasureOptions {
  jobId: string;
  /** Timed runs (default 10). Fewer are done when a run is slow (a ~20 s budget, at least 3). */
  runs?: number;
  /** Untimed runs first (default 2): shader compilation and allocation. */
  warmup?: number;
  /** Seed of the random weights and the random input (default 42). */
  seed?: number;
}

export interface MeasureDone {
  status: 'done';
  cancelled: false;
  /** Median wall time of the timed runs, ms, batch 1. */
  medianMs: number;
  /** The tfjs backend that ran the model: 'webgl', 'wasm' or 'cpu' (see src/tf/backend.ts). */
  backend: string;
  /** Number of timed runs done. */
  runs: number;
  warmup: number;
  timesMs: number[];
  /** Why fewer runs were done than asked, if so. */
  note?: string;
}
export type MeasureResult = MeasureDone | JobCancelled | JobRefused | JobFailed;

/** A finished calibration: the measured rates of this browser (see src/tf/measure.ts). */
export interface CalibrateDone extends Calibration {
  status: 'done';
  cancelled: false;
}
export type CalibrateResult = CalibrateDone | JobCancelled | JobFailed;

export interface ImportedModel {
  graph: ModelGraph;
  warnings: string[];
  /** Weights were given and decoded; they stay in the worker for `compress`. */
  hasWeights: boolean;
  /** The file's format, when it was not a model.json: compress then also writes this format back (ONNX). */
  source?: 'onnx' | 'keras';
}

/** Output fidelity of the compressed model on a fixed seeded probe batch. */
export interface FidelityReport {
  /** ‖y − y'‖ / ‖y‖ over the whole probe batch. */
  relativeError: number;
  /** Fraction of probe inputs whose arg-max class is unchanged, 0..1. */
  top1Agreement: number;
  probeBatch: number;
}

/** Measured batch-1 latency before and after compression, on the same backend. */
export interface LatencyBeforeAfter {
  backend: string;
  beforeMs: number;
  afterMs: number;
  runs: number;
}

export interface CompressedExport {
  /** model.json first, then the weights file(s); `data` is transferred. */
  files: WeightFile[];
  /** Sum of the files' sizes. */
  fileBytes: number;
  /** gzip size of the files (what a server would send). */
  gzipBytes: number;
  /** Where the export stores more than the in-app format, and why (e.g. per-channel scales). */
  notes: string[];
  /** The size of the file the model was imported from (the ONNX export), to compare with. */
  sourceBytes?: number;
}

/** What the UI shows after a compression; weights stay in the worker. */
export interface CompressDone {
  status: 'done';
  cancelled: false;
  /** Whether the imported weights were used, or seeded random ones (the graph had none, or changed). */
  weightsSource: 'imported' | 'random';
  stages: CompressionResult['stages'];
  /** Per kernel; affine encodings come without their codes (they stay in the worker). */
  perLayer: LayerCompression[];
  totals: CompressionResult['totals'];
  notes: string[];
  before: { weightBytes: number; params: number; flops: number };
  after: {
    /** Storage size in the in-app format after the last stage. */
    weightBytes: number;
    params: number;
    /** What a dense kernel executes (changes only when structured pruning removed filters). */
    denseFlops: number;
    /** Skipping zero weights: Σ layer FLOPs × layer density. */
    effectiveFlops: number;
  };
  /** The graph after structured pruning (the same as the input otherwise). */
  graph: ModelGraph;
  fidelity: FidelityReport | null;
  /** Test accuracy on the digits through the stages (a digits model with trained weights), else null. */
  accuracy?: CompressAccuracy | null;
  /** Why a digits model got no accuracy (e.g. structured pruning). */
  accuracyNote?: string;
  latency: LatencyBeforeAfter | null;
  export: CompressedExport | null;
  /** For a model imported from ONNX with its weights: the compressed .onnx (null otherwise, or when it could not be written: see notes). */
  onnxExport?: CompressedExport | null;
}
export type CompressResult = CompressDone | JobCancelled | JobRefused | JobFailed;

/** The digits jobs (train, evaluate, trained presets, held weights) are declared in digits-api.ts; distill and sensitivity in distill-api.ts. */
export interface WorkerApi extends DigitsWorkerApi, DistillWorkerApi {
  /** Cost analysis off the main thread (the engine's analyzeModel). */
  analyze(graph: ModelGraph, options?: AnalyzeOptions): Promise<AnalyzeResult>;
  /** Parses a model.json (+ weights files, transferred) and keeps the weights for `compress`. */
  importModel(modelJson: unknown, weightFiles: WeightFile[]): Promise<Result<ImportedModel>>;
  /**
   * Reads a binary model file (.onnx, or Keras .keras / .h5; bytes transferred) and keeps its
   * weights for `compress`. The format's reader is loaded only now, never on first paint.
   */
  importModelFile(file: WeightFile): Promise<Result<ImportedModel>>;
  /** Builds the model (seeded random weights), warms up, times repeated predicts, disposes everything. */
  measureLatency(graph: ModelGraph, options: MeasureOptions, onProgress?: ProgressCallback): Promise<MeasureResult>;
  /** Measures this browser's matmul GFLOPS and memory bandwidth ("This browser" device). */
  calibrate(jobId?: string, onProgress?: ProgressCallback): Promise<CalibrateResult>;
  /** Runs the compression pipeline on the model's weights, measures fidelity and latency, exports. */
  compress(
    graph: ModelGraph, plan: CompressionPlan, jobId: string, onProgress?: ProgressCallback, accuracy?: CompressAccuracyOptions,
  ): Promise<CompressResult>;
  /** Stops a running job; it resolves with `{ status: 'cancelled' }`. Unknown ids are ignored. */
  cancel(jobId: string): Promise<void>;
  /**
   * Liveness: the worker echoes every message sent on `port` (transfer it). The main thread
   * pings through it and takes the worker for dead when an answer is seconds late.
   */
  heartbeat(port: MessagePort): Promise<void>;
}
