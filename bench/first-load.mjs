#!/usr/bin/env node
/**
 * First load: how much JavaScript crosses the network (gzip, as a static host sends it) before the
 * totals show, on the main page and in the worker (issue 7's target: ≤ 200 KB).
 *
 * Not a test: it prints figures. Needs a production build and Chromium:
 *   npx vite build --outDir /tmp/dist-bench        (or `npm run build`, which writes dist/)
 *   FLOPLAB_DIST=/tmp/dist-bench node bench/first-load.mjs [--runs=3] [--preset=resnet-50]
 * `npm run bench -- first-load` runs it on $FLOPLAB_DIST (default dist/).
 *
 * It serves the build itself and gzips every response (level 6, what nginx and most static hosts
 * use), and counts the bytes it sent for .js files (page and worker alike: the server sees both)
 * whose request reached it before the totals bar showed figures (`total-params` got its
 * data-value; a MutationObserver in the page notes the time). A file still on its way counts whole. Each run is a fresh browser context
 * (empty cache). With --preset, the saved work is a preset (by its share state) before the load.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium, mimeOf, serveDist } from './browser.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const RUNS = Number(args.runs ?? 3);
const PRESET = args.preset ?? null;
const DIST = resolve(process.env.FLOPLAB_DIST ?? 'dist');
const TARGET_BYTES = 200 * 1024;

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg']);

/** Every response: when its request came, its path, and the bytes sent (gzipped where a host would). */
const sent = [];
const gzipCache = new Map();

function body(file) {
  if (!COMPRESSIBLE.has(extname(file))) return { bytes: readFileSync(file), encoding: null };
  if (!gzipCache.has(file)) gzipCache.set(file, gzipSync(readFileSync(file), { level: 6 }));
  return { bytes: gzipCache.get(file), encoding: 'gzip' };
}

/** Serves DIST as a static host would, gzipped where it would, and records what was sent. */
function serve() {
  return serveDist(DIST, (res, file, path) => {
    const { bytes, encoding } = body(file);
    sent.push({ at: Date.now(), path, bytes: bytes.length });
    res.writeHead(200, {
      'content-type': mimeOf(file),
      'content-length': bytes.length,
      ...(encoding ? { 'content-encoding': encoding } : {}),
    });
    res.end(bytes);
  });
}

/** Saves a preset as the browser's saved work, through the page itself (the app's own code writes it). */
async function savePreset(context, url, preset) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('[data-testid="total-params"]')?.hasAttribute('data-value'));
  const saved = await page.evaluate(() => JSON.stringify(localStorage));
  await page.getByLabel('Preset').selectOption(preset);
  // The work is saved after a short debounce: wait until the saved copy has changed.
  await page.waitForFunction((before) => JSON.stringify(localStorage) !== before, saved);
  await page.close();
}

/** The files `entries` import statically (`import … from "./x.js"`, not `import("./x.js")`), themselves included. */
function staticClosure(entries) {
  const seen = new Set();
  const todo = [...entries];
  while (todo.length > 0) {
    const path = todo.pop();
    if (seen.has(path) || !existsSync(join(DIST, path))) continue;
    seen.add(path);
    const dir = path.slice(0, path.lastIndexOf('/') + 1);
    const code = readFileSync(join(DIST, path), 'utf8');
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+)["']/g)) todo.push(dir + m[1]);
  }
  return seen;
}

async function loadOnce(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  if (PRESET) await savePreset(context, url, PRESET);
  const page = await context.newPage();
  // The moment the figures land in the page (same clock as the server's: one machine).
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.querySelector('[data-testid="total-params"]')?.hasAttribute('data-value')) return;
      window.__totalsAt = Date.now();
      observer.disconnect();
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-value'] });
  });
  const workers = [];
  page.on('worker', (w) => workers.push(new URL(w.url()).pathname));
  const start = sent.length;
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => window.__totalsAt !== undefined, null, { timeout: 60_000 });
  const shownAt = await page.evaluate(() => window.__totalsAt);
  // The worker starts at boot: its first chunk (and what it imports statically) is part of the
  // first load even when the page drew the first totals itself before the worker answered.
  if (workers.length === 0) await page.waitForEvent('worker', { timeout: 30_000 });
  const workerFiles = staticClosure(workers);
  const served = sent.slice(start);
  const before = served.filter((r) => r.at <= shownAt || workerFiles.has(r.path));
  const missing = [...workerFiles].filter((f) => !served.some((r) => r.path === f));
  const js = [...before.filter((r) => /\.m?js$/.test(r.path)), ...missing.map((path) => ({ path, bytes: body(join(DIST, path)).bytes.length }))];
  await context.close();
  return {
    ms: Math.round(shownAt - t0),
    jsBytes: js.reduce((s, r) => s + r.bytes, 0),
    allBytes: before.reduce((s, r) => s + r.bytes, 0),
    files: js.map((r) => `${r.path.replace(/^\/assets\//, '')} ${(r.bytes / 1024).toFixed(1)}`),
  };
}

const server = await serve();
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchChromium();
try {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`No build in ${DIST}: run \`npx vite build --outDir ${DIST}\` first (or set FLOPLAB_DIST).`);
  console.log(`dist ${DIST}, ${RUNS} cold load(s)${PRESET ? ` with ${PRESET} saved` : ' (default model)'}; gzip level 6`);
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await loadOnce(browser, url));
  const worst = runs.reduce((a, b) => (b.jsBytes > a.jsBytes ? b : a));
  for (const r of runs) console.log(`  JS ${(r.jsBytes / 1024).toFixed(1)} KB (all files ${(r.allBytes / 1024).toFixed(1)} KB), totals after ${r.ms} ms`);
  console.log(`  JS files before the totals (KB gzip): ${worst.files.join(', ')}`);
  const verdict = worst.jsBytes <= TARGET_BYTES ? 'met' : 'NOT met';
  console.log(`first-load JS before totals: ${(worst.jsBytes / 1024).toFixed(1)} KB gzip (target ≤ ${TARGET_BYTES / 1024} KB: ${verdict})`);
} finally {
  await browser.close();
  server.close();
}
