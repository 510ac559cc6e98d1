/**
 * The distillation figures of issue 9's closing note: gap recovered for several settings, with
 * a LeNet-300-100 teacher and the 784-64-10 student, on the wasm backend (as the CLI chooses).
 *
 *   npx tsx scripts/measure-distill.ts --teacher public/models/lenet-300-100-digits \
 *       --grid 'labels=500;transfer=1;temperature=4' --grid 'labels=100;transfer=0' …
 *
 * Each --grid entry patches DEFAULT_DISTILL_SETTINGS (keys of DistillSettings, ';'-separated);
 * one JSON line per run on stdout.
 */
import { parseArgs } from 'node:util';
import { gapRecovered } from '../src/core/distill/gap';
import { DEFAULT_DISTILL_SETTINGS, type DistillSettings } from '../src/core/distill/settings';
import { digitsFit } from '../src/core/digits/fit';
import { buildStudentMlp } from '../src/core/presets/student-mlp';
import { selectBackend } from '../src/tf/backend';
import { digitsTensors, readDigitsFile } from '../src/tf/digits-data';
import { distill } from '../src/tf/distill';
import { readModelFiles } from '../src/tf/model-files';

const { values } = parseArgs({ options: { teacher: { type: 'string' }, grid: { type: 'string', multiple: true } } });
const patch = (text: string): Partial<DistillSettings> => Object.fromEntries(text.split(';').filter(Boolean).map((kv) => {
  const [k, v] = kv.split('=');
  return [k, k === 'transfer' ? v === '1' || v === 'true' : k === 'optimizer' ? v : Number(v)];
}));

const studentGraph = buildStudentMlp();
await selectBackend('training', { graph: studentGraph });
const teacher = await readModelFiles(values.teacher ?? 'public/models/lenet-300-100-digits');
const digits = await readDigitsFile();
const fit = digitsFit(studentGraph);
const teacherFit = teacher.ok ? digitsFit(teacher.value.graph) : null;
if (!teacher.ok || !digits.ok || !fit.ok || !teacherFit?.ok) throw new Error('teacher, digits or fit failed');
const studentData = digitsTensors(digits.value, fit.value);
const teacherData = teacherFit.value.layout === fit.value.layout ? studentData : digitsTensors(digits.value, teacherFit.value);
for (const g of values.grid ?? ['']) {
  const settings = { ...DEFAULT_DISTILL_SETTINGS, ...patch(g) };
  const started = performance.now();
  const r = await distill({ teacher: teacher.value.model, teacherData, studentGraph, studentData }, settings);
  if (!r.ok) throw new Error(r.error.message);
  const last = r.value.history.at(-1)!;
  console.log(JSON.stringify({
    settings, teacher: r.value.teacherAccuracy, alone: last.aloneAccuracy, distilled: last.distilledAccuracy,
    gapRecovered: gapRecovered(r.value.teacherAccuracy, last.aloneAccuracy, last.distilledAccuracy),
    curve: r.value.history.map((h) => [h.aloneAccuracy, h.distilledAccuracy]), seconds: Math.round((performance.now() - started) / 100) / 10,
  }));
  r.value.alone.dispose();
  r.value.distilled.dispose();
}
