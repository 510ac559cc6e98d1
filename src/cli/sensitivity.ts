/**
 * `floplab sensitivity <model.json> [--kind prune|quantize] [--json]`: per-layer sensitivity of a
 * trained digits model (issue 9, src/tf/sensitivity.ts): each prunable layer alone pruned to
 * 0…99 % or quantized to 8…2 bits, test accuracy at each point, no retraining. Exit 0, or 2 with
 * one line on stderr.
 */
import type { SensitivityKind, SensitivityReport } from '../core/sensitivity/types';
import { selectBackend } from '../tf/backend';
import { analyseSensitivity } from '../tf/sensitivity';
import { parseArgs } from './args';
import { type CliIo, processIo, reportProblem } from './cli-io';
import { withDigitsModel } from './digits-model';
import { renderTable } from './table';

export const SENSITIVITY_USAGE = `Usage: floplab sensitivity <model.json | folder> [--kind prune|quantize] [--json]

For every prunable layer alone (the others untouched, no retraining), the test accuracy on the
digits after pruning it by magnitude to 0, 25, 50, 70, 80, 90, 95, 99 % (--kind prune, the
default) or quantizing it to 8, 6, 4, 3, 2 bits (--kind quantize, affine per tensor). The model
needs its trained weights. Run from a checkout (reads public/data/digits.bin).

Options:
  --kind K    prune (default) or quantize
  --json      print one JSON object: { kind, baseline, layers: [{ name, points: [{ sparsity | bits, accuracy }] }] }
`;

const FLAGS = { help: 'boolean', json: 'boolean', kind: 'string' } as const;

/** Runs the command; returns the exit code. */
export async function runSensitivity(argv: string[], io: CliIo = processIo): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (!args.ok) return reportProblem(io, args.message);
  const { positionals, flags } = args.value;
  if (flags.help) { io.out(SENSITIVITY_USAGE); return 0; }
  if (positionals.length !== 1) return reportProblem(io, `Expected one model.json, but got ${positionals.length} file arguments.`);
  const kind = flags.kind ?? 'prune';
  if (kind !== 'prune' && kind !== 'quantize') return reportProblem(io, `Expected --kind to be prune or quantize, but got '${String(kind)}'.`);
  await selectBackend('inference');
  return withDigitsModel(io, positionals[0], async (model, data) => {
    const { report } = await analyseSensitivity(model, data, kind as SensitivityKind);
    io.out(flags.json ? `${JSON.stringify(report)}\n` : sensitivityText(report));
    return 0;
  });
}

const pct = (f: number) => (f * 100).toFixed(2);

/** One row per layer, one column per point, accuracies in %. */
export function sensitivityText(report: SensitivityReport): string {
  const first = report.layers[0]?.points ?? [];
  const header = ['Layer', ...first.map((p) => ('sparsity' in p ? `${Math.round(p.sparsity * 100)} %` : `${p.bits} bit`))];
  const rows = report.layers.map((l) => [l.name, ...l.points.map((p) => pct(p.accuracy))]);
  const what = report.kind === 'prune' ? 'pruned by magnitude to each sparsity' : 'quantized (affine, per tensor) to each bit width';
  return `Test accuracy (%) with each layer alone ${what}; baseline ${pct(report.baseline)} %\n${renderTable(header, rows, header.map((_, i) => (i === 0 ? 'left' : 'right')))}\n`;
}
