/**
 * Test helper: the built CLI as a real process. Builds dist-cli into node_modules/.cache (where
 * tfjs and zod still resolve) once per test file, then runs `node floplab.mjs …` (~0.1 s a start,
 * where tsx compiles for ~1 s).
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll } from 'vitest';

const exec = promisify(execFile);

export interface ProcessOutcome { code: number; stdout: string; stderr: string }

export interface BuiltCli {
  /** Runs `node floplab.mjs …args`; a process past `timeoutMs` is killed and reports code -1. */
  run: (args: string[], timeoutMs?: number) => Promise<ProcessOutcome>;
  /** Removes the build (return it from beforeAll). */
  dispose: () => void;
}

/** Builds the CLI into a private folder; returns a runner for it. */
export async function buildCliForTests(name: string): Promise<BuiltCli> {
  const outdir = join(process.cwd(), 'node_modules', '.cache', `floplab-cli-${name}-${process.pid}`);
  await exec(process.execPath, [join(process.cwd(), 'scripts', 'build-cli.mjs'), outdir]);
  const bin = join(outdir, 'floplab.mjs');
  const run: BuiltCli['run'] = (args, timeoutMs = 20_000) => exec(process.execPath, [bin, ...args], { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1 << 20 })
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
    .catch((e: { code?: number | string; killed?: boolean; stdout?: string; stderr?: string }) => ({
      code: e.killed ? -1 : typeof e.code === 'number' ? e.code : -2, stdout: e.stdout ?? '', stderr: e.stderr ?? '',
    }));
  return { run, dispose: () => rmSync(outdir, { recursive: true, force: true }) };
}

/**
 * Call inside a describe: builds the CLI (as `name`) before its tests and removes the build after
 * them. Returns the runner, usable from the tests on (before the build it throws).
 */
export function useBuiltCli(name: string): BuiltCli['run'] {
  let built: BuiltCli | undefined;
  beforeAll(async () => {
    built = await buildCliForTests(name);
    return built.dispose;
  }, 60_000);
  return (args, timeoutMs) => {
    if (!built) throw new Error(`useBuiltCli('${name}'): the CLI is not built yet (run it from a test, not at collection)`);
    return built.run(args, timeoutMs);
  };
}
