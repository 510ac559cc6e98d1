/**
 * One AbortController per running job, so `cancel(jobId)` can stop it. A job id is chosen by the
 * caller (the UI); starting a job with an id already running cancels the older one first.
 */
import type { JobCancelled } from './api';

export const CANCELLED: JobCancelled = Object.freeze({ status: 'cancelled', cancelled: true }) as JobCancelled;

export class JobRegistry {
  private readonly running = new Map<string, AbortController>();

  /** Registers a job and returns its signal. */
  start(jobId: string): AbortSignal {
    this.running.get(jobId)?.abort();
    const controller = new AbortController();
    this.running.set(jobId, controller);
    return controller.signal;
  }

  /** Aborts the job if it runs; unknown ids are ignored (the job may have just finished). */
  cancel(jobId: string): void {
    this.running.get(jobId)?.abort();
    this.running.delete(jobId);
  }

  /** Forgets a finished job (only if it is still the one registered under this id). */
  finish(jobId: string, signal: AbortSignal): void {
    const controller = this.running.get(jobId);
    if (controller && controller.signal === signal) this.running.delete(jobId);
  }

  get size(): number {
    return this.running.size;
  }
}

/**
 * Runs `job` under a registered signal and always unregisters it; returns CANCELLED when the
 * signal was aborted, whatever the job returned.
 */
export async function runJob<T>(
  registry: JobRegistry, jobId: string, job: (signal: AbortSignal) => Promise<T | JobCancelled>,
): Promise<T | JobCancelled> {
  const signal = registry.start(jobId);
  try {
    const result = await job(signal);
    return signal.aborted ? { ...CANCELLED } : result;
  } finally {
    registry.finish(jobId, signal);
  }
}
