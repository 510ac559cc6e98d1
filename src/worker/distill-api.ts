/**
 * The contracts of the distillation and sensitivity jobs (issue 9). Re-exported by api.ts, the
 * worker's one typed API; as there, results are discriminated unions, cancelling is not an error
 * and expected failures are values.
 */
import type { PixelScale } from '../core/digits/fit';
import type { DistillSettings } from '../core/distill/settings';
import type { ModelGraph } from '../core/model';
import type { SensitivityKind, SensitivityReport } from '../core/sensitivity/types';
import type { DarkKnowledgeDigit, DistillEpoch } from '../tf/distill';
import type { JobCancelled, JobFailed, JobProgress, JobRefused, WeightFile } from './job-types';
import type { NoWeights } from './digits-api';

export type { DarkKnowledgeDigit, DistillEpoch } from '../tf/distill';

export interface DistillJobOptions {
  jobId: string;
  settings: DistillSettings;
  /** How grey levels are fed to both models (default 0..1). */
  pixelScale?: PixelScale;
}

/** Progress: the bar, the teacher's accuracy once known, and each epoch's point of both curves. */
export interface DistillJobProgress extends JobProgress {
  teacherAccuracy?: number;
  record?: DistillEpoch;
}
export type DistillProgressCallback = (progress: DistillJobProgress) => void;

export interface DistillDone {
  status: 'done';
  cancelled: false;
  teacherAccuracy: number;
  /** Test accuracy of each student after the last epoch, 0..1. */
  aloneAccuracy: number;
  distilledAccuracy: number;
  /** (distilled − alone) / (teacher − alone); null when the teacher is no better than the student alone. */
  gapRecovered: number | null;
  history: DistillEpoch[];
  darkKnowledge: DarkKnowledgeDigit[];
  /** The distilled student as model.json + weights (transferred): keep it with importModel. */
  student: WeightFile[];
  backend: string;
  seconds: number;
}
/** 'no-weights': the worker holds no trained weights for the teacher's graph. */
export type DistillResult = DistillDone | NoWeights | JobCancelled | JobRefused | JobFailed;

export interface SensitivityJobOptions {
  jobId: string;
  kind: SensitivityKind;
  pixelScale?: PixelScale;
}

export interface SensitivityDone {
  status: 'done';
  cancelled: false;
  report: SensitivityReport;
  seconds: number;
}
/** 'no-weights': nothing trained, imported or loaded for this graph (random weights would teach nothing). */
export type SensitivityResult = SensitivityDone | NoWeights | JobCancelled | JobFailed;

export interface DistillWorkerApi {
  /**
   * Distils the teacher (the weights the worker holds for `teacher`) into two fresh students of
   * `student` (seeded), one trained on its labels alone. The held weights are left as they were.
   */
  distill(teacher: ModelGraph, student: ModelGraph, options: DistillJobOptions, onProgress?: DistillProgressCallback): Promise<DistillResult>;
  /** Per-layer sensitivity of the weights the worker holds for `graph` (pruning or quantization). */
  sensitivity(graph: ModelGraph, options: SensitivityJobOptions, onProgress?: (p: JobProgress) => void): Promise<SensitivityResult>;
}
