/**
 * `floplab train <model.json | floplab config> | --preset <id> [--epochs N] [--batch N] [--lr X]
 * [--optimizer sgd|adam] [--seed N] [--limit N] --out <dir> [--json]`: trains a model on the
 * digits (issue 8) with the app's training loop (src/tf/train.ts) and writes it as a tfjs
 * model.json + weights. A model.json with weights continues from them; a config, a model.json
 * without weights or a preset starts from seeded initial weights. Exit 0, or 2 with one line on
 * stderr.
 */
import { DEFAULT_TRAIN_OPTIONS, type OptimizerName, type TrainOptions } from '../core/digits/train-options';
import type { ModelGraph } from '../core/model';
import { findPreset } from '../core/presets';
import { fail, ok, type Result } from '../core/result';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../tf/backend';
import { buildTfModel } from '../tf/build-model';
import { exportLayersModel, namedWeightsOf, topologyOf } from '../tf/export-model';
import { readModelFiles, writeModelFiles } from '../tf/model-files';
import { trainModel, type EpochRecord } from '../tf/train';
import { numberValue, parseArgs } from './args';
import { type CliIo, processIo, reportProblem } from './cli-io';
import { withDigitsFor } from './digits-model';
import { loadModelFile } from './load-model';

const D = DEFAULT_TRAIN_OPTIONS;
export const TRAIN_USAGE = `Usage: floplab train (<model.json | floplab-config.json> | --preset <id>) --out <dir> [options]

Trains the model on FlopLab's 8,000 training digits (pixels 0..1) and reports test accuracy after
every epoch. A model.json with weights continues training from them; otherwise the weights start
seeded. Run from a checkout (reads public/data/digits.bin).

Options:
  --preset <id>            a preset's architecture (seeded initial weights)
  --epochs N               passes over the training digits (default ${D.epochs})
  --batch N                digits per step (default ${D.batchSize})
  --lr X                   learning rate (default ${D.learningRate})
  --optimizer sgd|adam     SGD with momentum 0.9, or Adam (default ${D.optimizer})
  --seed N                 initial weights and shuffles (default ${D.seed})
  --limit N                use only the first N training digits, 1..8000 (default all)
  --out <dir>              where to write model.json + weights (required)
  --json                   print one JSON object (accuracies as fractions)
`;

const FLAGS = {
  help: 'boolean', json: 'boolean', preset: 'string', epochs: 'string', batch: 'string', lr: 'string',
  optimizer: 'string', seed: 'string', limit: 'string', out: 'string',
} as const;

export interface TrainJson {
  /** Test accuracy after the last epoch, 0..1. */
  accuracy: number;
  history: EpochRecord[];
  backend: string;
  seconds: number;
}

type Flags = Record<string, string | true>;
const problem = (message: string) => fail({ code: 'invalid-value', message });

/** Training options from the flags: a non-number names its flag; ranges are checked by trainModel (validateTrainOptions). */
function optionsFrom(flags: Flags): Result<TrainOptions> {
  const o: TrainOptions = { ...D };
  const numeric: [string, 'epochs' | 'batchSize' | 'learningRate' | 'seed' | 'trainLimit'][] = [['epochs', 'epochs'], ['batch', 'batchSize'], ['lr', 'learningRate'], ['seed', 'seed'], ['limit', 'trainLimit']];
  for (const [flag, key] of numeric) {
    if (flags[flag] === undefined) continue;
    const v = numberValue(flags[flag]);
    if (!Number.isFinite(v)) return problem(`Expected --${flag} to be a number, but got '${String(flags[flag])}'.`);
    o[key] = v;
  }
  if (flags.optimizer !== undefined) {
    if (flags.optimizer !== 'sgd' && flags.optimizer !== 'adam') return problem(`Expected --optimizer to be 'sgd' or 'adam', but got '${String(flags.optimizer)}'.`);
    o.optimizer = flags.optimizer as OptimizerName;
  }
  return ok(o);
}

/** The model to train: its graph, and a built tfjs model (with the file's weights, or seeded). */
async function modelFrom(path: string | undefined, presetId: string | undefined, seed: number): Promise<Result<{ graph: ModelGraph; model: tf.LayersModel }>> {
  if ((path === undefined) === (presetId === undefined)) return problem('Expected exactly one of <model.json | config> and --preset <id>.');
  let graph: ModelGraph;
  let withWeights = false;
  if (presetId !== undefined) {
    const preset = findPreset(presetId);
    if (!preset) return problem(`Expected --preset to name a preset, but got '${presetId}'.`);
    graph = preset.build();
  } else {
    const loaded = await loadModelFile(path!);
    if (!loaded.ok) return loaded;
    graph = loaded.value.graph;
    withWeights = (loaded.value.weightsManifest?.length ?? 0) > 0;
  }
  await selectBackend('training', { graph });
  if (withWeights) {
    const read = await readModelFiles(path!);
    return read.ok ? ok({ graph: read.value.graph, model: read.value.model }) : read;
  }
  const built = buildTfModel(graph, { seed });
  return built.ok ? ok({ graph, model: built.value }) : built;
}

/** Runs the command; returns the exit code. */
export async function runTrain(argv: string[], io: CliIo = processIo): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (!args.ok) return reportProblem(io, args.message);
  const { positionals, flags } = args.value;
  if (flags.help) { io.out(TRAIN_USAGE); return 0; }
  if (positionals.length > 1) return reportProblem(io, `Expected one model file, but got ${positionals.length}; see 'floplab train --help'.`);
  if (typeof flags.out !== 'string') return reportProblem(io, "Expected --out <dir> (where the trained model is written); see 'floplab train --help'.");
  // PROD silences tfjs's "install tfjs-node" banner on the cpu backend: the CLI's output is its report.
  tf.env().set('PROD', true);
  const options = optionsFrom(flags);
  if (!options.ok) return reportProblem(io, options.error.message);
  const preset = typeof flags.preset === 'string' ? flags.preset : undefined;
  const source = await modelFrom(positionals[0], preset, Number.isInteger(options.value.seed) ? options.value.seed : D.seed);
  if (!source.ok) return reportProblem(io, source.error.message);
  const out = flags.out; // narrowed to string above; a closure would lose that
  return withDigitsFor(io, source.value, async (model, data) => {
    const started = performance.now();
    const result = await trainModel(model, data, options.value);
    if (!result.ok) return reportProblem(io, result.error.message);
    const seconds = (performance.now() - started) / 1000;
    try {
      await writeModelFiles(out, exportLayersModel(topologyOf(model), namedWeightsOf(model)));
    } catch (e) {
      return reportProblem(io, `Cannot write to ${out}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const { history } = result.value;
    const json: TrainJson = { accuracy: history[history.length - 1].accuracy, history, backend: tf.getBackend(), seconds };
    io.out(flags.json ? `${JSON.stringify(json)}\n` : trainText(json, out));
    return 0;
  });
}

const pct = (f: number) => `${(f * 100).toFixed(2)} %`;

function trainText(j: TrainJson, out: string): string {
  return [
    ...j.history.map((e) => `epoch ${e.epoch}: loss ${e.loss.toFixed(4)}, train ${pct(e.trainAccuracy)}, test ${pct(e.accuracy)}`),
    `Test accuracy ${pct(j.accuracy)} after ${j.seconds.toFixed(1)} s on ${j.backend}; model written to ${out}`,
    '',
  ].join('\n');
}
