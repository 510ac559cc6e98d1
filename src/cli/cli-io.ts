/** Where the CLI writes, and how it reports bad input: one line on stderr, exit code 2. */

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (text) => { process.stdout.write(text); },
  err: (text) => { process.stderr.write(text); },
};

/** Exit code for bad input: unreadable file, not JSON, unknown format, impossible layer, bad flag. */
export const EXIT_BAD_INPUT = 2;

/** Writes `message` as exactly one line on stderr (newlines folded) and returns exit code 2. */
export function reportProblem(io: CliIo, message: string): number {
  io.err(`floplab: ${message.replace(/\s*\n\s*/g, ' ').trim()}\n`);
  return EXIT_BAD_INPUT;
}
