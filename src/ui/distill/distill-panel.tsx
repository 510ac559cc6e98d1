/**
 * The Distill tab (issue 9): pick a trained teacher and a student, see both models' costs side
 * by side, set the limited-label lesson's settings and distil in the worker, with progress,
 * cancel, live curves of both students, the figures and the dark-knowledge view.
 */
import { useMemo, useState } from 'react';
import { DEFAULT_DISTILL_SETTINGS, DISTILL_LIMITS, validateDistillSettings, type DistillSettings } from '../../core/distill/settings';
import type { ModelGraph } from '../../core/model';
import { findPreset, PRESETS } from '../../core/presets/index';
import { useTrained } from '../../state/accuracy-selectors';
import { useDistillJob } from '../../state/distill-slice';
import { useFlopLab } from '../../state/store';
import { Button } from '../common/button';
import { NumberField } from '../common/number-field';
import { CheckboxField, SelectField } from '../common/select-field';
import { JobProgressBar } from '../measure/progress-bar';
import { DarkKnowledge } from './dark-knowledge';
import { DistillCurves } from './distill-curves';
import { DistillResults } from './distill-results';
import { ModelCosts } from './model-costs';

const CURRENT = 'current';
const STUDENT_PRESET = 'student-mlp-digits';
const TRAINED_PRESETS = PRESETS.filter((p) => p.trained);

function presetGraph(id: string): ModelGraph | null {
  return findPreset(id)?.build() ?? null;
}

export function DistillPanel({ graph }: { graph: ModelGraph }) {
  const trained = useTrained();
  const pixelScale = useFlopLab((s) => s.pixelScale);
  const job = useDistillJob();
  const [teacherId, setTeacherId] = useState('lenet-300-100-digits');
  const [studentId, setStudentId] = useState(STUDENT_PRESET);
  const [settings, setSettings] = useState<DistillSettings>(DEFAULT_DISTILL_SETTINGS);
  const [keeping, setKeeping] = useState(false);
  const teacherChoice = teacherId === CURRENT && !trained ? 'lenet-300-100-digits' : teacherId;
  const teacher = useMemo(() => (teacherChoice === CURRENT ? graph : presetGraph(teacherChoice)), [teacherChoice, graph]);
  const student = useMemo(() => (studentId === CURRENT ? graph : presetGraph(studentId)), [studentId, graph]);
  const problem = validateDistillSettings(settings)?.message ?? null;
  const patch = (p: Partial<DistillSettings>) => setSettings((s) => ({ ...s, ...p }));
  const L = DISTILL_LIMITS;

  const distill = () => {
    if (!teacher || !student || problem) return;
    void job.start({ teacher, teacherPresetId: teacherChoice === CURRENT ? null : teacherChoice, student, settings, pixelScale });
  };
  const keep = () => {
    setKeeping(true);
    void job.keepStudent().finally(() => setKeeping(false));
  };
  const result = job.result;
  const showCurves = job.running || job.history.length > 0;
  return (
    <section aria-labelledby="distill-heading" className="@container flex flex-col gap-4">
      <div>
        <h2 id="distill-heading" className="text-2xl font-semibold">Knowledge distillation</h2>
        <p className="text-slate-700">
          A small student learns from a trained teacher&apos;s soft labels (Hinton et al. 2015). The student sees the true
          label of only some training digits; with the transfer set on, it also sees the teacher&apos;s soft labels on all
          8,000. A second student, from the same initial weights, trains on its labels alone for comparison.
        </p>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <SelectField label="Teacher" value={teacherChoice} className="w-72" onChange={setTeacherId}
          options={[...TRAINED_PRESETS.map((p) => ({ value: p.id, label: p.name })), ...(trained ? [{ value: CURRENT, label: `The current model (${graph.name})` }] : [])]} />
        <SelectField label="Student" value={studentId} className="w-72" onChange={setStudentId}
          options={[{ value: STUDENT_PRESET, label: findPreset(STUDENT_PRESET)?.name ?? STUDENT_PRESET }, { value: CURRENT, label: `The current model (${graph.name})` }]} />
      </div>
      {teacher && student && <ModelCosts teacher={teacher} student={student} />}
      <fieldset className="flex flex-wrap items-start gap-3 rounded-md border border-slate-300 p-3">
        <legend className="px-1 font-semibold">Settings</legend>
        <NumberField label="Temperature" value={settings.temperature} rule={{ min: L.temperature.min, max: L.temperature.max }} onCommit={(v) => v !== null && patch({ temperature: v })} className="w-32" />
        <NumberField label="Alpha" value={settings.alpha} rule={{ min: L.alpha.min, max: L.alpha.max }} onCommit={(v) => v !== null && patch({ alpha: v })} className="w-28"
          hint="Weight of the hard-label loss" />
        <NumberField label="Labelled examples" value={settings.labels} rule={{ integer: true, min: L.labels.min, max: L.labels.max }} onCommit={(v) => v !== null && patch({ labels: v })} className="w-40" />
        <NumberField label="Epochs" value={settings.epochs} rule={{ integer: true, min: L.epochs.min, max: L.epochs.max }} onCommit={(v) => v !== null && patch({ epochs: v })} className="w-28" />
        <NumberField label="Learning rate" value={settings.learningRate} rule={{ min: 0, minExclusive: true, max: 10 }} onCommit={(v) => v !== null && patch({ learningRate: v })} className="w-32" />
        <NumberField label="Seed" value={settings.seed} rule={{ integer: true, min: 0, max: 2 ** 31 - 1 }} onCommit={(v) => v !== null && patch({ seed: v })} className="w-28" />
        <div className="pt-8"><CheckboxField label="Transfer set" checked={settings.transfer} onChange={(transfer) => patch({ transfer })} /></div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="primary" className="px-6 py-2 text-lg" onClick={distill} disabled={job.running || problem !== null || !teacher || !student}>Distill</Button>
        {problem && <p role="alert" className="text-error">{problem}</p>}
      </div>
      {job.running && job.progress && <JobProgressBar label="Distilling" progress={job.progress} onCancel={job.cancel} />}
      {job.cancelled && <p role="status" className="text-slate-700">Distillation cancelled.</p>}
      {job.crash && <p role="alert" className="text-error">Cannot distil: {job.crash}</p>}
      {result?.status === 'no-weights' && <p role="alert" className="text-error">The worker holds no trained weights for the teacher: train it first, or pick a trained preset.</p>}
      {result?.status === 'refused' && <p role="alert" className="text-error">Cannot distil in the browser: {result.reason}</p>}
      {result?.status === 'failed' && <p role="alert" className="text-error">Cannot distil: {result.error.message}</p>}
      {showCurves && <DistillCurves history={job.history} teacherAccuracy={job.teacherAccuracy} epochsPlanned={job.epochsPlanned} />}
      {result?.status === 'done' && <DistillResults result={result} keeping={keeping} onKeep={keep} />}
      {result?.status === 'done' && <DarkKnowledge digits={result.darkKnowledge} temperature={job.temperature} />}
    </section>
  );
}
