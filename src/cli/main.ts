/**
 * The FlopLab command line: `floplab <command> …` (the built bin, dist-cli/floplab.mjs) or
 * `npm run --silent cli -- <command> …` (the sources through tsx).
 * Exit codes: 0 success, 2 bad input (one line on stderr), 1 an internal error (a bug).
 */
import { ANALYZE_USAGE, runAnalyze } from './analyze';
import { type CliIo, processIo, reportProblem } from './cli-io';
import { runAsProcess } from './process-entry';

type CommandRun = (argv: string[], io: CliIo) => Promise<number>;

/**
 * Every command, by name. A command whose code is heavy (tfjs) is imported when it runs, so the
 * others do not pay for it at start-up. To add one: a file exporting `runX(argv, io)`, one entry
 * here and its line in MAIN_USAGE.
 */
export const COMMANDS: Record<string, CommandRun> = {
  analyze: runAnalyze,
  compress: async (argv, io) => (await import('./compress')).runCompress(argv, io),
  distill: async (argv, io) => (await import('./distill')).runDistill(argv, io),
  sensitivity: async (argv, io) => (await import('./sensitivity')).runSensitivity(argv, io),
  evaluate: async (argv, io) => (await import('./evaluate')).runEvaluate(argv, io),
  train: async (argv, io) => (await import('./train')).runTrain(argv, io),
  recipe: async (argv, io) => (await import('./recipe')).runRecipe(argv, io),
};

const commandList = () => Object.keys(COMMANDS).join(', ');

export const MAIN_USAGE = `FlopLab — count, estimate and compress deep-learning models.

Usage:
  floplab analyze <model.json | model.onnx | model.keras | model.h5 | floplab-config.json>
                  [--json] [--detailed]
                  [--device <preset-id>] [--peak-gflops N] [--bandwidth-gbs N]
  floplab compress <model.json | model.onnx | model.keras | model.h5> [--prune S] [--global] [--structured] [--kmeans K]
                  [--init linear|density|forgy|kmeans++] [--bits B] [--per-channel]
                  [--symmetric] --out <dir> [--json]
  floplab distill (--teacher <model.json> | --teacher-preset <id>)
                  (--student <model.json | config> | --student-preset <id>) [--labels N]
                  [--transfer | --no-transfer] [--temperature T] [--alpha A] [--epochs N]
                  [--seed N] [--out <dir>] [--json]
  floplab sensitivity <model.json> [--kind prune|quantize] [--json]
  floplab evaluate <model.json> [--json]
  floplab train (<model.json | floplab-config.json> | --preset <id>) [--epochs N] [--batch N]
                  [--lr X] [--optimizer sgd|adam] [--seed N] [--limit N] --out <dir> [--json]
  floplab recipe deep-compression [--model <model.json>] [--out <dir>] [--json]
  floplab <command> --help

From a checkout: npm run --silent cli -- analyze model.json
Exit codes: 0 success, 2 bad input (a one-line message on stderr), 1 an internal error (a bug).

${ANALYZE_USAGE}`;

/** Dispatches a command line (without `node` and the script). Returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) return reportProblem(io, `Expected a command (${commandList()}); see 'floplab --help'.`);
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(MAIN_USAGE);
    return 0;
  }
  const run = Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) return reportProblem(io, `Unknown command '${command}'. Expected one of ${commandList()}; see 'floplab --help'.`);
  return run(rest, io);
}

// Run only when executed as the entry point (`tsx src/cli/main.ts`; tests import `main`).
// The built CLI's entry is bin.ts.
const entry = process.argv[1] ?? '';
if (/[\\/]cli[\\/]main\.[cm]?[jt]s$/.test(entry)) void runAsProcess(process.argv.slice(2), (argv) => main(argv));
