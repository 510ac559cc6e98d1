/**
 * What every worker job shares: progress, and the ways a job ends other than done (cancelled is
 * not an error). Apart from api.ts so that the job APIs it gathers (digits-api, distill-api)
 * import these without importing api.ts back.
 */
import type { FlopLabError } from '../core/result';

export interface JobProgress {
  /** 0..1 */
  fraction: number;
  /** What is happening now, for the progress bar's text ("Timed run 3 of 10"). */
  message: string;
}
export type ProgressCallback = (progress: JobProgress) => void;

export interface JobCancelled { status: 'cancelled'; cancelled: true }
/** The model cannot run in a browser tab; `reason` names the sizes ("Weights are 553.4 MB; …"). */
export interface JobRefused { status: 'refused'; cancelled: false; reason: string }
/** An expected failure: a broken graph, an op tfjs cannot run. */
export interface JobFailed { status: 'failed'; cancelled: false; error: FlopLabError }

export interface WeightFile { name: string; data: ArrayBuffer }
