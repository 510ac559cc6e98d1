/**
 * `floplab distill --teacher <model.json> | --teacher-preset <id> --student <model.json | config>
 * | --student-preset <id> [--labels N] [--transfer | --no-transfer] [--temperature T]
 * [--alpha A] [--epochs N] [--lr X] [--batch N] [--seed N] [--out <dir>] [--json]`: knowledge
 * distillation on the digits (issue 9), the same code as the app's Distill tab (src/tf/distill.ts).
 * Exit 0, or 2 with one line on stderr.
 */
import { analyzeModel } from '../core/analyze';
import { digitsFit } from '../core/digits/fit';
import { gapRecovered } from '../core/distill/gap';
import { DEFAULT_DISTILL_SETTINGS, type DistillSettings } from '../core/distill/settings';
import type { ModelGraph } from '../core/model';
import { selectBackend } from '../tf/backend';
import { disposeDigitsTensors } from '../tf/digits-data';
import { distill, type DistillEpoch } from '../tf/distill';
import { exportLayersModel, namedWeightsOf, topologyOf } from '../tf/export-model';
import { writeModelFiles } from '../tf/model-files';
import { numberValue, parseArgs } from './args';
import { type CliIo, processIo, reportProblem } from './cli-io';
import { digitsFor, readAppDigits, studentGraphFrom, trainedModelFrom } from './distill-inputs';

const D = DEFAULT_DISTILL_SETTINGS;
export const DISTILL_USAGE = `Usage: floplab distill (--teacher <model.json> | --teacher-preset <id>)
                       (--student <model.json | config> | --student-preset <id>) [options]

Trains two students of the same architecture from identical initial weights for the same number
of steps: one on its N labelled digits alone, one distilled from the teacher (Hinton et al. 2015:
loss α·CE + (1−α)·T²·KL on the teacher's logits). Prints the test accuracies and the share of the
teacher–student gap recovered, (distilled − alone) / (teacher − alone). The student is an
architecture: both students start from seeded random weights. Run from a checkout
(reads public/data/digits.bin; a preset's weights from public/models).

Options:
  --labels N          training digits with true labels, 100..8000 (default ${D.labels})
  --transfer          soft labels on all 8,000 training digits (default)
  --no-transfer       soft labels only on the N labelled digits
  --temperature T     softmax temperature, 1..20 (default ${D.temperature})
  --alpha A           weight of the hard-label loss, 0..1 (default ${D.alpha})
  --epochs N          passes over the 8,000 transfer digits (default ${D.epochs})
  --lr X              Adam learning rate (default ${D.learningRate})
  --batch N           digits per labelled and per transfer batch (default ${D.batchSize})
  --seed N            initial weights and shuffles (default ${D.seed})
  --out <dir>         write the distilled student as model.json + weights
  --json              print one JSON object (accuracies and gap as fractions)
`;

const FLAGS = {
  help: 'boolean', json: 'boolean', teacher: 'string', 'teacher-preset': 'string', student: 'string', 'student-preset': 'string',
  labels: 'string', transfer: 'boolean', 'no-transfer': 'boolean', temperature: 'string', alpha: 'string', epochs: 'string',
  lr: 'string', batch: 'string', seed: 'string', out: 'string',
} as const;

export interface DistillJson {
  teacher: { accuracy: number; params: number };
  studentAlone: { accuracy: number };
  studentDistilled: { accuracy: number; params: number };
  /** null when the teacher is no better than the student alone. */
  gapRecovered: number | null;
  settings: DistillSettings;
  history: DistillEpoch[];
  backend: string;
  seconds: number;
}

type Flags = Record<string, string | true>;
const str = (v: string | true | undefined) => (typeof v === 'string' ? v : undefined);

/** Settings from the flags; a flag that is not a number is reported by name, ranges by validateDistillSettings. */
function settingsFrom(flags: Flags): { ok: true; value: DistillSettings } | { ok: false; message: string } {
  if (flags.transfer && flags['no-transfer']) return { ok: false, message: 'Expected one of --transfer and --no-transfer, but got both.' };
  const s: DistillSettings = { ...D, transfer: !flags['no-transfer'] };
  const numeric: [string, keyof DistillSettings][] = [['labels', 'labels'], ['temperature', 'temperature'], ['alpha', 'alpha'], ['epochs', 'epochs'], ['lr', 'learningRate'], ['batch', 'batchSize'], ['seed', 'seed']];
  for (const [flag, key] of numeric) {
    if (flags[flag] === undefined) continue;
    const v = numberValue(flags[flag]);
    if (!Number.isFinite(v)) return { ok: false, message: `Expected --${flag} to be a number, but got '${String(flags[flag])}'.` };
    (s as unknown as Record<string, number>)[key] = v;
  }
  return { ok: true, value: s };
}

const paramsOf = (graph: ModelGraph) => {
  const a = analyzeModel(graph);
  return a.ok ? a.report.totals.params : Number.NaN;
};

/** Runs the command; returns the exit code. */
export async function runDistill(argv: string[], io: CliIo = processIo): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (!args.ok) return reportProblem(io, args.message);
  const { positionals, flags } = args.value;
  if (flags.help) { io.out(DISTILL_USAGE); return 0; }
  if (positionals.length > 0) return reportProblem(io, `Unexpected argument '${positionals[0]}'; see 'floplab distill --help'.`);
  const settings = settingsFrom(flags);
  if (!settings.ok) return reportProblem(io, settings.message);
  const studentGraph = await studentGraphFrom(str(flags.student), str(flags['student-preset']));
  if (!studentGraph.ok) return reportProblem(io, studentGraph.error.message);
  const backend = await selectBackend('training', { graph: studentGraph.value });
  const teacher = await trainedModelFrom(str(flags.teacher), str(flags['teacher-preset']), 'teacher');
  if (!teacher.ok) return reportProblem(io, teacher.error.message);
  const digits = await readAppDigits();
  const teacherData = digits.ok ? digitsFor(teacher.value.graph, digits.value, 'teacher') : digits;
  // One upload when teacher and student read the same layout (LeNet-300-100 and the MLP student).
  const studentFit = digitsFit(studentGraph.value);
  const sameLayout = teacherData.ok && studentFit.ok && teacherData.value.fit.layout === studentFit.value.layout;
  const studentData = !digits.ok ? digits : sameLayout ? teacherData : digitsFor(studentGraph.value, digits.value, 'student');
  try {
    if (!teacherData.ok) return reportProblem(io, teacherData.error.message);
    if (!studentData.ok) return reportProblem(io, studentData.error.message);
    const started = performance.now();
    const run = await distill({ teacher: teacher.value.model, teacherData: teacherData.value, studentGraph: studentGraph.value, studentData: studentData.value }, settings.value);
    if (!run.ok) return reportProblem(io, run.error.message);
    const { alone, distilled, history, teacherAccuracy } = run.value;
    try {
      const last = history.at(-1)!;
      if (typeof flags.out === 'string') {
        try {
          await writeModelFiles(flags.out, exportLayersModel(topologyOf(distilled), namedWeightsOf(distilled)));
        } catch (e) {
          return reportProblem(io, `Cannot write to ${flags.out}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      const json: DistillJson = {
        teacher: { accuracy: teacherAccuracy, params: paramsOf(teacher.value.graph) },
        studentAlone: { accuracy: last.aloneAccuracy },
        studentDistilled: { accuracy: last.distilledAccuracy, params: paramsOf(studentGraph.value) },
        gapRecovered: gapRecovered(teacherAccuracy, last.aloneAccuracy, last.distilledAccuracy),
        settings: settings.value, history, backend, seconds: (performance.now() - started) / 1000,
      };
      io.out(flags.json ? `${JSON.stringify(json)}\n` : distillText(json, str(flags.out)));
      return 0;
    } finally {
      alone.dispose();
      distilled.dispose();
    }
  } finally {
    teacher.value.model.dispose();
    if (teacherData.ok) disposeDigitsTensors(teacherData.value);
    if (studentData.ok && (!teacherData.ok || studentData.value !== teacherData.value)) disposeDigitsTensors(studentData.value);
  }
}

const pct = (f: number) => `${(f * 100).toFixed(2)} %`;

function distillText(j: DistillJson, out: string | undefined): string {
  const s = j.settings;
  return [
    `Distillation: T = ${s.temperature}, α = ${s.alpha}, ${s.labels} labelled digits, transfer set ${s.transfer ? 'on (8,000 digits)' : 'off'}, ${s.epochs} epoch${s.epochs === 1 ? '' : 's'}, ${j.backend}`,
    `Teacher            ${pct(j.teacher.accuracy)}  (${j.teacher.params.toLocaleString('en-US')} params)`,
    `Student alone      ${pct(j.studentAlone.accuracy)}`,
    `Student distilled  ${pct(j.studentDistilled.accuracy)}  (${j.studentDistilled.params.toLocaleString('en-US')} params)`,
    `Gap recovered      ${j.gapRecovered === null ? 'undefined (the teacher is no better than the student alone)' : pct(j.gapRecovered)}`,
    `Time               ${j.seconds.toFixed(1)} s`,
    ...(out ? [`Distilled student written to ${out}`] : []),
    '',
  ].join('\n');
}
