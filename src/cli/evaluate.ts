/**
 * `floplab evaluate <model.json | folder> [--json]`: test accuracy of a trained model on the
 * fixed 2,000 test digits (issue 8), with the app's evaluation code (src/tf/evaluate.ts). Pixels
 * are fed scaled to 0..1. Exit 0, or 2 with one line on stderr (unreadable model, no weights,
 * a model the digits do not fit).
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../tf/backend';
import { evaluateAccuracy } from '../tf/evaluate';
import { parseArgs } from './args';
import { type CliIo, processIo, reportProblem } from './cli-io';
import { withDigitsModel } from './digits-model';

export const EVALUATE_USAGE = `Usage: floplab evaluate <model.json | folder> [--json]

Test accuracy of a trained TensorFlow.js model on the 2,000 test digits of FlopLab's fixed split
(pixels scaled to 0..1). The model must take 28×28×1, 784 or 32×32×1 inputs and give 10 outputs.
Run from a checkout (reads public/data/digits.bin).
`;

export interface EvaluateJson {
  /** Fraction of test digits classified right, 0..1. */
  accuracy: number;
  examples: number;
  split: 'test';
}

/** Runs the command; returns the exit code. */
export async function runEvaluate(argv: string[], io: CliIo = processIo): Promise<number> {
  const args = parseArgs(argv, { help: 'boolean', json: 'boolean' });
  if (!args.ok) return reportProblem(io, args.message);
  const { positionals, flags } = args.value;
  if (flags.help) { io.out(EVALUATE_USAGE); return 0; }
  if (positionals.length !== 1) return reportProblem(io, `Expected one model file, but got ${positionals.length}; see 'floplab evaluate --help'.`);
  // PROD silences tfjs's "install tfjs-node" banner on the cpu backend: the CLI's output is its report.
  tf.env().set('PROD', true);
  await selectBackend('inference');
  return withDigitsModel(io, positionals[0], async (model, data) => {
    const json: EvaluateJson = { accuracy: await evaluateAccuracy(model, data), examples: data.split.test.length, split: 'test' };
    io.out(flags.json ? `${JSON.stringify(json)}\n` : `Test accuracy ${(json.accuracy * 100).toFixed(2)} % on ${json.examples} test digits\n`);
    return 0;
  });
}
