/**
 * The contracts of the digits jobs (issue 8): train, evaluate, load a trained preset, forget the
 * trained weights. Re-exported by api.ts, the worker's one typed API. As there: results are
 * discriminated unions, cancelling is not an error, expected failures are values.
 *
 * Trained weights live in the worker (as imported ones do, weight-store.ts): a finished training
 * or a loaded preset replaces them, and compress / evaluate use them whenever their names and
 * shapes match the graph.
 */
import type { PixelScale } from '../core/digits/fit';
import type { ModelGraph } from '../core/model';
import type { TrainOptions } from '../core/digits/train-options';
import type { EpochRecord } from '../tf/train';
import type { JobCancelled, JobFailed, JobProgress, JobRefused, WeightFile } from './job-types';

export type { EpochRecord } from '../tf/train';

export interface DigitsJobOptions {
  jobId: string;
  /** How grey levels are fed: 0..1 ('unit', default) or 0..255 ('byte', for models trained that way). */
  pixelScale?: PixelScale;
}

export interface TrainJobOptions extends DigitsJobOptions {
  train: TrainOptions;
  /** Start from seeded random weights (train.seed) even when the worker holds weights for this graph. */
  fromScratch?: boolean;
}

/** A training job's progress: the bar's fraction and text, plus the points of the live curves. */
export interface TrainJobProgress extends JobProgress {
  /** After each batch: its mean loss, at `epoch` = epochs done so far as a fraction (1.25: a quarter into epoch 2). */
  batch?: { epoch: number; loss: number };
  /** After each epoch: loss, train accuracy and test accuracy. */
  record?: EpochRecord;
}
export type TrainProgressCallback = (progress: TrainJobProgress) => void;

export interface TrainDone {
  status: 'done';
  cancelled: false;
  /** One record per epoch of this job. */
  history: EpochRecord[];
  /** Test-split accuracy of the trained model, 0..1 (the last epoch's). */
  accuracy: number;
  /** Test digits evaluated. */
  examples: number;
  /** Training digits used per epoch (the limit, at most 8,000). */
  trainDigits: number;
  /** Where training started: the weights the worker held for this graph, or seeded random ones. */
  startedFrom: 'trained' | 'random';
  backend: string;
  seconds: number;
}
export type TrainResult = TrainDone | JobCancelled | JobRefused | JobFailed;

export interface EvaluateDone {
  status: 'done';
  cancelled: false;
  /** Fraction of the test split classified right, 0..1, unrounded. */
  accuracy: number;
  examples: number;
  split: 'test';
}
/** No weights in the worker fit this graph (nothing trained, imported or loaded for it). */
export interface NoWeights { status: 'no-weights'; cancelled: false }
export type EvaluateResult = EvaluateDone | NoWeights | JobCancelled | JobFailed;

/** The record shipped with a trained preset (public/models/<id>/). */
export interface TrainedPresetLoaded {
  status: 'done';
  cancelled: false;
  /** The graph read from the preset's model.json (its weights now in the worker). */
  graph: ModelGraph;
}
export type TrainedPresetResult = TrainedPresetLoaded | JobFailed;

/** The weights the worker holds for a graph, as a TensorFlow.js model.json + weights file (download, saving). */
export interface WeightsExported {
  status: 'done';
  cancelled: false;
  /** model.json first, then the weights file; `data` is transferred. */
  files: WeightFile[];
}
export type ExportWeightsResult = WeightsExported | NoWeights | JobFailed;

/** Compress with accuracy: settings of the plan that are about the digits. */
export interface CompressAccuracyOptions {
  /** Epochs of retraining after each prune and share stage (the plan's "Retraining epochs"); 0 = none. */
  retrainEpochs: number;
  /** Training digits the retraining uses (default all 8,000). */
  trainLimit?: number;
  /** Step size of the retraining (default tf/compress-retrain's DEFAULT_RETRAIN). */
  learningRate?: number;
  pixelScale?: PixelScale;
}

/** Test accuracy through a compression (CompressDone.accuracy). */
export interface CompressAccuracy {
  retrainEpochs: number;
  /** Test digits per evaluation. */
  examples: number;
  /** The trained model's test accuracy, 0..1. */
  before: number;
  /** The final model's: after the last stage and its retraining. */
  after: number;
  /** 'original' first, then one entry per stage: bytes so far, accuracy right after, and after retraining if retrained. */
  stages: { name: string; bytes: number; accuracy: number; accuracyRetrained?: number }[];
}

export interface SweepJobOptions extends DigitsJobOptions {
  /** Retraining epochs per point (mask fixed); 0: accuracy without retraining only. */
  retrainEpochs: number;
  /** Training digits per retraining epoch (default all 8,000). */
  trainLimit?: number;
  /** Step size of the retraining (default tf/compress-retrain's DEFAULT_RETRAIN). */
  learningRate?: number;
}

/** A sweep's progress; the first message after the cost is measured carries the estimate. */
export interface SweepJobProgress extends JobProgress {
  /** Estimated duration of the whole sweep on this backend, ms (Han et al. Fig. 5 takes a while). */
  estimateMs?: number;
}

export interface SweepDone {
  status: 'done';
  cancelled: false;
  /** Test accuracy of the trained model. */
  baseline: number;
  points: { sparsity: number; accuracy: number; accuracyRetrained: number | null }[];
  retrainEpochs: number;
  estimateMs: number;
  seconds: number;
  backend: string;
}
export type SweepResult = SweepDone | NoWeights | JobCancelled | JobFailed;

/** Han et al. 2016's pipeline on the held LeNet-300-100, beside the paper's Table 1 row. */
export interface DeepCompressionDone {
  status: 'done';
  cancelled: false;
  before: { bytes: number; accuracy: number };
  after: { bytes: number; accuracy: number };
  /** Dense float32 bytes / compressed storage bytes (the paper's ratio). */
  ratio: number;
  stages: { name: string; bytes: number; accuracy: number; accuracyBeforeRetraining?: number }[];
  /** Bytes of the written tfjs weights file (dense manifest: larger than the storage format). */
  fileBytes: number;
  paper: { source: string; bytesBefore: number; bytesAfter: number; ratio: number; top1ErrorBefore: number; top1ErrorAfter: number };
  seconds: number;
  backend: string;
}
export type DeepCompressionResult = DeepCompressionDone | NoWeights | JobCancelled | JobFailed;

export interface DigitsWorkerApi {
  /** "Reproduce Deep Compression": prune to the paper's densities and retrain, share (6 bits) and retrain, Huffman-code. */
  deepCompression(graph: ModelGraph, options: DigitsJobOptions, onProgress?: (p: JobProgress) => void): Promise<DeepCompressionResult>;
  /** Accuracy vs sparsity of the held weights, without and with retraining (Han et al. 2015, Fig. 5). */
  sweep(graph: ModelGraph, options: SweepJobOptions, onProgress?: (p: SweepJobProgress) => void): Promise<SweepResult>;
  /** Trains (or continues training) the graph on the digits; the trained weights stay in the worker. */
  train(graph: ModelGraph, options: TrainJobOptions, onProgress?: TrainProgressCallback): Promise<TrainResult>;
  /** Test accuracy of the weights the worker holds for this graph. */
  evaluate(graph: ModelGraph, options: DigitsJobOptions, onProgress?: (p: JobProgress) => void): Promise<EvaluateResult>;
  /** Loads a trained preset's model.json and weights (served by the app) into the worker. */
  loadTrainedModel(modelUrl: string): Promise<TrainedPresetResult>;
  /** The weights the worker holds for this graph as model.json + weights (restore with importModel). */
  exportWeights(graph: ModelGraph): Promise<ExportWeightsResult>;
}
