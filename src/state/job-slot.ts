/**
 * One worker job at a time, by id: the training and distillation jobs' state and the UI's
 * useWorkerJob each keep a slot. Starting a job cancels the one in the slot; a job's answer counts
 * only while it is still the slot's job (not cancelled, not overtaken by a newer start).
 */
import { getWorker, newJobId } from './worker-client';

export interface JobSlot {
  /** Tells the worker to stop the slot's job, if any, and puts a fresh id for `kind` in the slot. */
  start(kind: string): string;
  /** Whether `jobId` is still the slot's job. */
  isCurrent(jobId: string): boolean;
  /** True, and the slot emptied, when `jobId` is still the slot's job; false when it was cancelled or overtaken. */
  settle(jobId: string): boolean;
  /**
   * Empties the slot; when it held a job, runs `beforeStop` (the UI shows the cancel at once), then
   * tells the worker to stop that job. Nothing happens when the slot was empty.
   */
  cancel(beforeStop?: () => void): void;
}

export function createJobSlot(): JobSlot {
  let current: string | null = null;
  return {
    start(kind) {
      if (current !== null) void getWorker().cancel(current);
      const jobId = newJobId(kind);
      current = jobId;
      return jobId;
    },
    isCurrent: (jobId) => current === jobId,
    settle(jobId) {
      if (current !== jobId) return false;
      current = null;
      return true;
    },
    cancel(beforeStop) {
      const jobId = current;
      if (jobId === null) return;
      current = null;
      beforeStop?.();
      void getWorker().cancel(jobId);
    },
  };
}

/** A job's thrown error (a bug or a dead worker) as the text shown in its crash line. */
export function crashText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
