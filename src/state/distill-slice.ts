/**
 * The distillation job's state (issue 9), outside any component like the training job's: a run
 * keeps going (and its curves keep growing) behind other tabs. Before the job the teacher's
 * weights are made the ones the worker holds (a trained preset is loaded with loadTrainedModel;
 * the current model's own are already there); the weights held for the current model before a
 * preset teacher replaced them are put back afterwards. "Keep the distilled student" passes the
 * student's model.json + weights to the import path, so it becomes the current model (undoable)
 * with its weights held and its accuracy measured.
 */
import { create } from 'zustand';
import { appPath } from '../core/app-path';
import type { PixelScale } from '../core/digits/fit';
import type { DistillSettings } from '../core/distill/settings';
import type { ModelGraph } from '../core/model';
import { findPreset } from '../core/presets/index';
import type { DistillEpoch, DistillJobProgress, DistillResult, JobProgress, WeightFile } from '../worker/api';
import { createJobSlot, crashText } from './job-slot';
import { useFlopLab } from './store';
import { trainedOfCurrent } from './trained-of';
import { saveTrainedWeights } from './trained-storage';
import { trainedWeightsSettled } from './trained-weights';
import { getWorker, progressProxy } from './worker-client';

export interface DistillRequest {
  teacher: ModelGraph;
  /** The trained preset to load as teacher, or null: the current model (its weights are held). */
  teacherPresetId: string | null;
  student: ModelGraph;
  settings: DistillSettings;
  pixelScale: PixelScale;
}

export interface DistillJobState {
  running: boolean;
  progress: JobProgress | null;
  teacherAccuracy: number | null;
  history: DistillEpoch[];
  epochsPlanned: number;
  temperature: number;
  result: DistillResult | null;
  cancelled: boolean;
  crash: string | null;
  start(request: DistillRequest): Promise<void>;
  cancel(): void;
  /** Makes the distilled student the current model (via Import model: undoable). */
  keepStudent(): Promise<void>;
}

const REDRAW_MS = 200;
const slot = createJobSlot();

/** The held weights of the current model, when a preset teacher is about to replace them. */
async function saveHeldWeights(request: DistillRequest): Promise<WeightFile[] | null> {
  if (request.teacherPresetId === null) return null;
  const state = useFlopLab.getState();
  if (trainedOfCurrent(state) === null) return null;
  const exported = await getWorker().exportWeights(state.graph);
  return exported.status === 'done' ? exported.files : null;
}

async function restoreHeldWeights(files: WeightFile[] | null): Promise<void> {
  const json = files?.find((f) => f.name.endsWith('.json'));
  if (!files || !json) return;
  const modelJson = JSON.parse(new TextDecoder().decode(json.data)) as unknown;
  await getWorker().importModel(modelJson, files.filter((f) => f !== json));
}

/** Loads a trained preset's weights into the worker; an error message, or null. */
async function loadTeacher(presetId: string | null): Promise<string | null> {
  if (presetId === null) return null;
  const preset = findPreset(presetId);
  if (!preset?.trained) return `No trained weights ship with the preset ${presetId}.`;
  const loaded = await getWorker().loadTrainedModel(appPath(preset.trained.modelPath));
  return loaded.status === 'done' ? null : `The teacher's weights could not be loaded: ${loaded.error.message}`;
}

export const useDistillJob = create<DistillJobState>()((set, get) => ({
  running: false,
  progress: null,
  teacherAccuracy: null,
  history: [],
  epochsPlanned: 1,
  temperature: 1,
  result: null,
  cancelled: false,
  crash: null,

  async start(request) {
    const jobId = slot.start('distill');
    set({
      running: true, progress: { fraction: 0, message: 'Loading the teacher…' }, teacherAccuracy: null, history: [],
      epochsPlanned: request.settings.epochs, temperature: request.settings.temperature, result: null, cancelled: false, crash: null,
    });
    let history: DistillEpoch[] = [];
    let teacherAccuracy: number | null = null;
    let latest: JobProgress | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      if (slot.isCurrent(jobId)) set({ history, teacherAccuracy, progress: latest });
    };
    const onProgress = progressProxy((p: DistillJobProgress) => {
      if (p.teacherAccuracy !== undefined) teacherAccuracy = p.teacherAccuracy;
      if (p.record) history = [...history, p.record];
      latest = { fraction: p.fraction, message: p.message };
      if (timer === null) timer = setTimeout(flush, REDRAW_MS);
    });
    let saved: WeightFile[] | null = null;
    try {
      await trainedWeightsSettled();
      saved = await saveHeldWeights(request);
      const loadError = await loadTeacher(request.teacherPresetId);
      if (loadError !== null) throw new Error(loadError);
      const result = await getWorker().distill(request.teacher, request.student, { jobId, settings: request.settings, pixelScale: request.pixelScale }, onProgress);
      if (!slot.settle(jobId)) return;
      const finalTeacher = result.status === 'done' ? result.teacherAccuracy : teacherAccuracy;
      set({ running: false, progress: null, history: result.status === 'done' ? result.history : history, teacherAccuracy: finalTeacher, result });
    } catch (error) {
      if (!slot.settle(jobId)) return;
      set({ running: false, progress: null, crash: crashText(error) });
    } finally {
      await restoreHeldWeights(saved).catch(() => undefined);
    }
  },

  cancel() {
    slot.cancel(() => set({ running: false, progress: null, cancelled: true }));
  },

  async keepStudent() {
    const result = get().result;
    if (result?.status !== 'done') return;
    const files = result.student.map((f) => new File([f.data], f.name));
    const before = useFlopLab.getState().graph;
    await useFlopLab.getState().importFiles(files);
    const state = useFlopLab.getState();
    if (state.graph === before) return;
    // The accuracy of these very weights on the test split is known: the run measured it.
    if (trainedOfCurrent(state) === null) {
      state.recordTrained(state.graph, result.distilledAccuracy, 'trained');
      await saveTrainedWeights(state.graph, result.distilledAccuracy, 'trained');
    }
  },
}));
