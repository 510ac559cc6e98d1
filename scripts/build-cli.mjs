/**
 * Builds the command line into dist-cli/ (the package's `floplab` bin): `npm run build:cli`,
 * also run by `npm install` through the root `prepare` script. One ESM bundle of our sources
 * for Node, packages left external (tfjs, zod from node_modules) and code split, so `analyze`
 * never loads the compression code and `compress` loads TensorFlow.js only for --structured.
 * A built file starts in ~0.1 s where tsx compiles TypeScript for ~1 s.
 */
import { chmodSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Builds into `outdir` (default dist-cli/; the tests build into node_modules/.cache, where the
 * external packages still resolve). Returns the path of the executable file.
 */
export async function buildCli(outdir = join(root, 'dist-cli')) {
  rmSync(outdir, { recursive: true, force: true }); // no stale chunks from an earlier build
  const { build } = await import('esbuild');
  await build({
    entryPoints: { floplab: join(root, 'src/cli/bin.ts') },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    splitting: true,
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
  });
  const bin = join(outdir, 'floplab.mjs');
  chmodSync(bin, 0o755);
  return bin;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const esbuildMissing = await import('esbuild').then(() => false, () => true);
  if (esbuildMissing && process.env.npm_lifecycle_event === 'prepare') {
    // `npm install --omit=dev` runs prepare without the dev dependencies: do not fail the install.
    process.stderr.write('floplab: dist-cli not built (esbuild, a dev dependency, is not installed); run `npm run build:cli` after installing it.\n');
  } else {
    await buildCli(process.argv[2]);
  }
}
