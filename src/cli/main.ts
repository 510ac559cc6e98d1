/**
 * The FlopLab command line: `npm run --silent cli -- <command> …` (run through tsx).
 * Exit codes: 0 success, 2 bad input (one line on stderr), 1 an internal error (a bug).
 */
import { ANALYZE_USAGE, runAnalyze } from './analyze';
import { type CliIo, processIo, reportProblem } from './cli-io';

export const MAIN_USAGE = `FlopLab — count, estimate and compress deep-learning models.

Usage:
  floplab analyze <model.json | floplab-config.json> [--json] [--detailed]
                  [--device <preset-id>] [--peak-gflops N] [--bandwidth-gbs N]
  floplab compress <model.json> [--prune S] [--global] [--structured] [--kmeans K]
                  [--init linear|density|forgy|kmeans++] [--bits B] [--per-channel]
                  [--symmetric] --out <dir> [--json]
  floplab <command> --help

Run through npm: npm run --silent cli -- analyze model.json
Exit codes: 0 success, 2 bad input (a one-line message on stderr).

${ANALYZE_USAGE}`;

/** Dispatches a command line (without `node` and the script). Returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) return reportProblem(io, "Expected a command (analyze or compress); see 'floplab --help'.");
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(MAIN_USAGE);
    return 0;
  }
  if (command === 'analyze') return runAnalyze(rest, io);
  if (command === 'compress') {
    // Loaded on demand: analyze does not pay for the compression code (tfjs) at start-up.
    const { runCompress } = await import('./compress');
    return runCompress(rest, io);
  }
  return reportProblem(io, `Unknown command '${command}'. Expected analyze or compress; see 'floplab --help'.`);
}

// Run only when executed as the entry point (tests import `main`).
const entry = process.argv[1] ?? '';
if (/[\\/]cli[\\/]main\.[cm]?[jt]s$/.test(entry)) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (error: unknown) => {
      // A thrown error is a bug, not bad input: one line, exit 1.
      process.stderr.write(`floplab: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
