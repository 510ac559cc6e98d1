/**
 * Runs the CLI as a process: the exit code the command returns (0, or 2 for bad input), and for
 * anything thrown or rejected (a bug, not bad input) one line on stderr and exit code 1.
 */

/** Exit code for an internal error (a bug). */
export const EXIT_INTERNAL_ERROR = 1;

const oneLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ').trim();

function internalError(error: unknown): void {
  process.stderr.write(`floplab: internal error: ${oneLine(error)}\n`);
  process.exitCode = EXIT_INTERNAL_ERROR;
}

/** Runs `command` on `argv` and sets the process's exit code from what it returns or throws. */
export async function runAsProcess(argv: string[], command: (argv: string[]) => Promise<number>): Promise<void> {
  // An error thrown outside the command's promise (a callback) is a bug as well: one line, and
  // exit 1 at once (Node's advice: a process is in an unknown state after an uncaught exception).
  process.on('uncaughtException', (error) => {
    internalError(error);
    process.exit(EXIT_INTERNAL_ERROR);
  });
  try {
    process.exitCode = await command(argv);
  } catch (error) {
    internalError(error);
  }
}
