/**
 * The training job's state, outside any component: a run keeps going (and its curves keep
 * growing) while the student looks at another tab, and the Train tab shows it again on return.
 * One run at a time; Cancel takes effect in the UI at once and the worker is told to stop (it
 * then leaves the held weights as they were). A finished run records its accuracy in the store
 * and saves the weights (IndexedDB).
 */
import { create } from 'zustand';
import type { ModelGraph } from '../core/model';
import type { JobProgress, TrainJobOptions, TrainJobProgress, TrainResult } from '../worker/api';
import { createJobSlot, crashText } from './job-slot';
import { useFlopLab } from './store';
import { saveTrainedWeights } from './trained-storage';
import { trainedWeightsSettled } from './trained-weights';
import { addProgress, EMPTY_CURVES, type CurveData } from './training-curves';
import { getWorker, progressProxy } from './worker-client';

export interface TrainingJobState {
  running: boolean;
  progress: JobProgress | null;
  curves: CurveData;
  epochsPlanned: number;
  /** The last finished run and the graph it trained (cleared by a new run). */
  finished: { graph: ModelGraph; result: TrainResult } | null;
  cancelled: boolean;
  crash: string | null;
  start(graph: ModelGraph, options: Omit<TrainJobOptions, 'jobId'>): Promise<void>;
  cancel(): void;
}

/** Redraws (progress bar and curves) at most this often, ms. */
const REDRAW_MS = 200;

const slot = createJobSlot();

export const useTrainingJob = create<TrainingJobState>()((set) => ({
  running: false,
  progress: null,
  curves: EMPTY_CURVES,
  epochsPlanned: 1,
  finished: null,
  cancelled: false,
  crash: null,

  async start(graph, options) {
    const jobId = slot.start('train');
    set({ running: true, progress: { fraction: 0, message: 'Starting…' }, curves: EMPTY_CURVES, epochsPlanned: options.train.epochs, finished: null, cancelled: false, crash: null });
    let curves = EMPTY_CURVES;
    let latest: JobProgress | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      if (slot.isCurrent(jobId)) set({ curves, progress: latest });
    };
    const onProgress = progressProxy((p: TrainJobProgress) => {
      curves = addProgress(curves, p);
      latest = { fraction: p.fraction, message: p.message };
      if (timer === null) timer = setTimeout(flush, REDRAW_MS);
    });
    try {
      await trainedWeightsSettled();
      const result = await getWorker().train(graph, { ...options, jobId }, onProgress);
      if (!slot.settle(jobId)) return;
      set({ running: false, progress: null, curves, finished: { graph, result } });
      if (result.status === 'done') {
        useFlopLab.getState().recordTrained(graph, result.accuracy, 'trained', result.examples);
        await saveTrainedWeights(graph, result.accuracy, 'trained');
      }
    } catch (error) {
      if (!slot.settle(jobId)) return;
      set({ running: false, progress: null, crash: crashText(error) });
    }
  },

  cancel() {
    slot.cancel(() => set({ running: false, progress: null, cancelled: true }));
  },
}));
