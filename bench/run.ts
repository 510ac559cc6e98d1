/**
 * `npm run bench`: runs every bench/*.bench.ts (each default-exports an async function that prints
 * its figures), then bench/first-load.mjs against a production build (`$FLOPLAB_DIST`, default
 * dist/). Pass a name filter to run some: `npm run bench -- kmeans`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts') && f.includes(filter)).sort();

for (const file of files) {
  console.log(`\n# ${file}`);
  const mod = (await import(join(here, file))) as { default: () => Promise<void> | void };
  await mod.default();
}

// Browser benches: scripts run by node against a production build ($FLOPLAB_DIST, default dist/).
for (const script of ['first-load.mjs', 'backends-browser.mjs'].filter((f) => f.includes(filter))) {
  console.log(`\n# ${script}`);
  spawnSync(process.execPath, [join(here, script)], { stdio: 'inherit' });
}
