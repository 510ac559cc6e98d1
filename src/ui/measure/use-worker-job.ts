import { startTransition, useCallback, useEffect, useState } from 'react';
import { createJobSlot, crashText } from '../../state/job-slot';
import { progressProxy } from '../../state/worker-client';
import type { JobProgress, ProgressCallback } from '../../worker/api';

export interface WorkerJobState<R> {
  running: boolean;
  progress: JobProgress | null;
  /** The last finished job's result (kept while a new one runs; cleared by a cancel). */
  result: R | null;
  /** The user cancelled the last job. */
  cancelled: boolean;
  /** A thrown error (a bug or a dead worker), as text. */
  crash: string | null;
}

/** Minimum time between two redraws of the progress bar, ms. */
const PROGRESS_MS = 100;

const IDLE = { running: false, progress: null, result: null, cancelled: false, crash: null };

/**
 * Runs one worker job at a time with progress and cancel. `start` takes the job as a function of
 * (jobId, progress callback already wrapped for comlink). Cancel takes effect in the UI at once:
 * the job is forgotten here and the worker is told to stop; whatever it answers later is dropped.
 * The result is committed in a transition, so rendering big result views never blocks input.
 * `start` resolves to the committed result, or null when the job was cancelled, overtaken,
 * crashed or outlived its component: act on a result there, not inside the job.
 */
export function useWorkerJob<R>(kind: string) {
  const [state, setState] = useState<WorkerJobState<R>>(IDLE);
  const [slot] = useState(createJobSlot);

  const start = useCallback(async (job: (jobId: string, onProgress: ProgressCallback) => Promise<R>): Promise<R | null> => {
    const jobId = slot.start(kind);
    setState((s) => ({ ...s, running: true, progress: { fraction: 0, message: 'Starting…' }, cancelled: false, crash: null }));
    // Progress messages can come every few ms; the bar is redrawn at most every PROGRESS_MS.
    let latest: JobProgress | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      if (slot.isCurrent(jobId) && latest) setState((s) => ({ ...s, progress: latest }));
    };
    const onProgress = progressProxy((p) => {
      latest = p;
      if (timer === null) timer = setTimeout(flush, PROGRESS_MS);
    });
    try {
      const result = await job(jobId, onProgress);
      // A user-timing mark (seen in performance traces): the worker's answer arrived; drawing it starts now.
      performance.mark(`floplab:${kind}-done`);
      if (!slot.settle(jobId)) return null;
      startTransition(() => setState({ running: false, progress: null, result, cancelled: false, crash: null }));
      return result;
    } catch (error) {
      if (!slot.settle(jobId)) return null;
      const message = crashText(error);
      setState((s) => ({ ...s, running: false, progress: null, crash: message }));
      return null;
    }
  }, [kind, slot]);

  const cancel = useCallback(() => {
    slot.cancel(() => setState((s) => ({ ...s, running: false, progress: null, result: null, cancelled: true })));
  }, [slot]);

  // A job left running when the component goes away is cancelled.
  useEffect(() => () => slot.cancel(), [slot]);

  return { ...state, start, cancel };
}
