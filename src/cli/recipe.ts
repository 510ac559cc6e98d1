/**
 * `floplab recipe deep-compression [--model <model.json>] [--out <dir>] [--json]`: Han et al.
 * 2016's Deep Compression on the trained LeNet-300-100 (issue 8), the same code as the app's
 * "Reproduce Deep Compression" (src/tf/deep-compression.ts), printed beside the paper's row.
 * Exit 0, or 2 with one line on stderr.
 */
import { join } from 'node:path';
import { findPreset } from '../core/presets';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../tf/backend';
import { reproduceDeepCompression, type DeepCompressionReport } from '../tf/deep-compression';
import { writeModelFiles } from '../tf/model-files';
import { parseArgs } from './args';
import { type CliIo, processIo, reportProblem } from './cli-io';
import { withDigitsModel } from './digits-model';
import { PUBLIC_DIR } from './distill-inputs';
import { loadModelFile } from './load-model';

export const RECIPE_USAGE = `Usage: floplab recipe deep-compression [--model <model.json>] [--out <dir>] [--json]

Reproduces Deep Compression (Han, Mao & Dally, ICLR 2016) on the trained LeNet-300-100: prune to
8 % / 9 % / 26 % of the weights (fc1 / fc2 / output) with retraining, share each layer's weights
in 64 clusters and retrain the centroids, Huffman-code, store sparse with relative indices. Prints
size and test accuracy per stage beside the paper's Table 1 row. Run from a checkout.

Options:
  --model <model.json>  a trained LeNet-300-100 (default: the shipped lenet-300-100-digits)
  --out <dir>           write the compressed model as model.json + weights
  --json                print one JSON object (accuracies and ratios as fractions)
`;

export interface RecipeJson {
  before: { bytes: number; accuracy: number };
  after: { bytes: number; accuracy: number };
  ratio: number;
  stages: DeepCompressionReport['stages'];
  densityByLayer: Record<string, number>;
  /** Bytes of the written tfjs weights file. */
  fileBytes: number;
  paper: DeepCompressionReport['paper'];
  backend: string;
  seconds: number;
}

/** Runs the command; returns the exit code. */
export async function runRecipe(argv: string[], io: CliIo = processIo): Promise<number> {
  const started = performance.now();
  const args = parseArgs(argv, { help: 'boolean', json: 'boolean', model: 'string', out: 'string' });
  if (!args.ok) return reportProblem(io, args.message);
  const { positionals, flags } = args.value;
  if (flags.help) { io.out(RECIPE_USAGE); return 0; }
  if (positionals.length !== 1 || positionals[0] !== 'deep-compression') {
    return reportProblem(io, `Expected the recipe 'deep-compression', but got ${positionals.length ? `'${positionals.join(' ')}'` : 'none'}; see 'floplab recipe --help'.`);
  }
  const path = typeof flags.model === 'string' ? flags.model : join(PUBLIC_DIR, findPreset('lenet-300-100-digits')!.trained!.modelPath);
  // PROD silences tfjs's "install tfjs-node" banner on the cpu backend: the CLI's output is its report.
  tf.env().set('PROD', true);
  const topology = await loadModelFile(path);
  if (!topology.ok) return reportProblem(io, topology.error.message);
  const backend = await selectBackend('training', { graph: topology.value.graph });
  return withDigitsModel(io, path, async (model, data) => {
    const run = await reproduceDeepCompression(model, data);
    if (!run.ok) return reportProblem(io, run.error.message);
    const r = run.value;
    if (typeof flags.out === 'string') {
      try {
        await writeModelFiles(flags.out, r.exported);
      } catch (e) {
        return reportProblem(io, `Cannot write to ${flags.out}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    const json: RecipeJson = {
      before: r.before, after: r.after, ratio: r.ratio, stages: r.stages, densityByLayer: r.densityByLayer,
      fileBytes: r.fileBytes, paper: r.paper, backend, seconds: (performance.now() - started) / 1000,
    };
    io.out(flags.json ? `${JSON.stringify(json)}\n` : recipeText(json, typeof flags.out === 'string' ? flags.out : undefined));
    return 0;
  });
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const pct = (f: number) => `${(f * 100).toFixed(2)} %`;

function recipeText(j: RecipeJson, out: string | undefined): string {
  const p = j.paper;
  return [
    'Deep Compression on LeNet-300-100 (sizes in the sparse relative-index format, Huffman-coded; accuracy on 2,000 test digits)',
    ...j.stages.map((s) => `  ${s.name.padEnd(9)} ${kb(s.bytes).padStart(10)}  accuracy ${pct(s.accuracy)}${s.accuracyBeforeRetraining !== undefined ? ` (${pct(s.accuracyBeforeRetraining)} before retraining)` : ''}`),
    `Ours:  ${kb(j.before.bytes)} → ${kb(j.after.bytes)}, ${j.ratio.toFixed(1)}×, top-1 error ${pct(1 - j.before.accuracy)} → ${pct(1 - j.after.accuracy)} (trained on 8,000 digits)`,
    `Paper: ${kb(p.bytesBefore)} → ${kb(p.bytesAfter)}, ${p.ratio}×, top-1 error ${pct(p.top1ErrorBefore)} → ${pct(p.top1ErrorAfter)} (${p.source}; 60,000 MNIST digits)`,
    `Written tfjs weights: ${kb(j.fileBytes)} (the manifest is dense float32)${out ? ` in ${out}` : ''}; ${j.seconds.toFixed(1)} s on ${j.backend}`,
    '',
  ].join('\n');
}
