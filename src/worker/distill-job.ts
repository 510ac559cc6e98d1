/**
 * distill(): knowledge distillation in the worker (issue 9; src/tf/distill.ts does the work).
 * The teacher is the weights the worker holds for the teacher's graph (a trained preset loaded
 * with loadTrainedModel, or the current model once trained); the students start from seeded
 * random weights. The backend is chosen for training the student (wasm for dense students), the
 * teacher only runs inference. The held weights are not changed: the distilled student comes
 * back as model.json + weights for the page to keep (importModel) if the user wants it.
 */
import * as tf from '@tensorflow/tfjs';
import { analyzeModel } from '../core/analyze';
import { digitsFit } from '../core/digits/fit';
import { gapRecovered } from '../core/distill/gap';
import type { ModelGraph } from '../core/model';
import { ok, type Result } from '../core/result';
import { selectBackend } from '../tf/backend';
import { buildTfModel } from '../tf/build-model';
import { digitsTensors, disposeDigitsTensors, type DigitsTensors } from '../tf/digits-data';
import { distill } from '../tf/distill';
import { exportLayersModel, namedWeightsOf, setNamedWeights, topologyOf } from '../tf/export-model';
import type { JobCancelled } from './api';
import type { DistillJobOptions, DistillProgressCallback, DistillResult } from './distill-api';
import { failedJob, holdsWeightsFor } from './digits-model';
import { loadDigits } from './digits-source';
import { expectBusyFor, ONE_STEP_GRACE_MS } from './heartbeat';
import { CANCELLED } from './jobs';
import { refuseReason } from './run-limits';
import { WASM_URLS } from './wasm-urls';
import { importedWeightsFor } from './weight-store';

/** A refusal for a model too big for a tab, or null. */
function tooBig(graph: ModelGraph): string | null {
  const report = analyzeModel(graph);
  return report.ok ? refuseReason(report.report) : report.errors[0].message;
}

/** The teacher built with the held weights, or null when the worker holds none for its graph. */
function teacherModel(graph: ModelGraph): Result<tf.LayersModel | null> {
  const built = buildTfModel(graph, { weights: 'zeros' });
  if (!built.ok) return built;
  if (!holdsWeightsFor(built.value)) { built.value.dispose(); return ok(null); }
  setNamedWeights(built.value, importedWeightsFor(built.value.weights.map((w) => ({ name: w.originalName, shape: w.shape as number[] })))!);
  return ok(built.value);
}

export async function distillGraphs(
  teacherGraph: ModelGraph, studentGraph: ModelGraph, options: DistillJobOptions, signal: AbortSignal, onProgress?: DistillProgressCallback,
): Promise<DistillResult | JobCancelled> {
  const started = performance.now();
  const teacherFit = digitsFit(teacherGraph);
  if (!teacherFit.ok) return failedJob({ ...teacherFit.error, message: `The teacher: ${teacherFit.error.message}` });
  const studentFit = digitsFit(studentGraph);
  if (!studentFit.ok) return failedJob({ ...studentFit.error, message: `The student: ${studentFit.error.message}` });
  const refused = tooBig(teacherGraph) ?? tooBig(studentGraph);
  if (refused !== null) return { status: 'refused', cancelled: false, reason: refused };
  onProgress?.({ fraction: 0, message: 'Loading the digits and TensorFlow.js…' });
  expectBusyFor(ONE_STEP_GRACE_MS);
  const digits = await loadDigits();
  if (!digits.ok) return failedJob(digits.error);
  const backend = await selectBackend('training', { graph: studentGraph, wasmUrls: WASM_URLS });
  const teacher = teacherModel(teacherGraph);
  if (!teacher.ok) return failedJob(teacher.error);
  if (teacher.value === null) return { status: 'no-weights', cancelled: false };
  const scale = options.pixelScale ?? 'unit';
  const teacherData = digitsTensors(digits.value, teacherFit.value, scale);
  const studentData: DigitsTensors = studentFit.value.layout === teacherFit.value.layout ? teacherData : digitsTensors(digits.value, studentFit.value, scale);
  try {
    const { epochs } = options.settings;
    const run = await distill({ teacher: teacher.value, teacherData, studentGraph, studentData }, options.settings, (p) => {
      if (p.type === 'teacher') onProgress?.({ fraction: 0.02, message: `Teacher: ${(p.accuracy * 100).toFixed(2)} % on the test digits`, teacherAccuracy: p.accuracy });
      else if (p.type === 'step') onProgress?.({ fraction: 0.02 + 0.98 * ((p.epoch - 1 + p.step / p.steps) / epochs), message: `Epoch ${p.epoch} of ${epochs}, step ${p.step} of ${p.steps} (${backend})` });
      else {
        const r = p.record;
        onProgress?.({
          fraction: 0.02 + 0.98 * (r.epoch / epochs),
          message: `Epoch ${r.epoch} of ${epochs}: alone ${(r.aloneAccuracy * 100).toFixed(2)} %, distilled ${(r.distilledAccuracy * 100).toFixed(2)} %`,
          record: r,
        });
      }
    }, signal);
    if (!run.ok) return failedJob(run.error);
    const { alone, distilled, history, teacherAccuracy, darkKnowledge, status } = run.value;
    try {
      if (status === 'cancelled' || signal.aborted) return CANCELLED;
      const last = history[history.length - 1];
      const exported = exportLayersModel(topologyOf(distilled), namedWeightsOf(distilled));
      const student = [
        { name: 'model.json', data: new TextEncoder().encode(JSON.stringify(exported.modelJson)).buffer as ArrayBuffer },
        ...exported.weightFiles.map((f) => ({ name: f.name, data: f.data.slice().buffer as ArrayBuffer })),
      ];
      return {
        status: 'done', cancelled: false, teacherAccuracy, aloneAccuracy: last.aloneAccuracy, distilledAccuracy: last.distilledAccuracy,
        gapRecovered: gapRecovered(teacherAccuracy, last.aloneAccuracy, last.distilledAccuracy),
        history, darkKnowledge, student, backend, seconds: (performance.now() - started) / 1000,
      };
    } finally {
      alone.dispose();
      distilled.dispose();
    }
  } finally {
    teacher.value.dispose();
    disposeDigitsTensors(teacherData);
    if (studentData !== teacherData) disposeDigitsTensors(studentData);
  }
}

