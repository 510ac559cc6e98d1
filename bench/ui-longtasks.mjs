#!/usr/bin/env node
/**
 * Main-thread long tasks (> 50 ms) caused by edits on the playground page, in real Chromium.
 *
 * Not a test: it asserts nothing, it prints figures to compare before/after a change on one
 * machine (the numbers depend heavily on the machine and its load).
 *
 * Needs a production build and Chromium:
 *   npx vite build --outDir /tmp/dist-bench        (or `npm run build`, which writes dist/)
 *   FLOPLAB_DIST=/tmp/dist-bench node bench/ui-longtasks.mjs [--runs=3] [--presets=lenet-5,resnet-50]
 *     [--quiet=400] [--profile=add|undo add|select|field|undo field] [--all-functions] [--top=40]
 * It serves the build itself (a tiny static server on a free port), so no preview server is
 * needed. Chromium: $CHROMIUM, else /usr/bin/chromium, else Playwright's own.
 *
 * For each preset (a fresh browser context, so no saved work, each run) it records the long tasks of:
 *   open page     loading the page with the default model (shows that the recorder works)
 *   preset        pick the preset in "Preset" (from the default model; left out for lenet-5)
 *   add           click "Add Dropout" in the palette
 *   undo add      the Undo button (removes it again)
 *   select        select the first Conv2D (or Dense) in the "Layers" list
 *   field         type a new Filters (Units) value in the inspector
 *   undo field    the Undo button (restores the old value)
 *   to Compare    the Compare tab
 *   to Analysis   back to the Analysis tab
 *   preset out    pick another preset (mobilenet-v2; lenet-5 from it)
 * After each step it waits until the page is quiet: nothing is aria-busy, and neither the DOM nor
 * the main thread has been busy for QUIET_MS (the worker's answer redraws the page, so it ends a
 * quiet spell; a step is over once its answer has come and been drawn).
 * The element is found before the long-task record starts: Playwright's role queries run in the
 * page, and on a 177-layer model they alone make long tasks.
 * Output: per preset and step, the long tasks of every run (ms) and the worst of them.
 * --profile=STEP adds a CPU profile summary of that step (build with `--minify false` for names).
 */
import { createReadStream, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium, mimeOf, serveDist } from './browser.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const RUNS = Number(args.runs ?? 3);
const PRESETS = (args.presets ?? 'lenet-5,resnet-50').split(',');
const DIST = resolve(process.env.FLOPLAB_DIST ?? 'dist');
/** A step is over when nothing has changed in the page and no long task ran for this long. */
const QUIET_MS = Number(args.quiet ?? 400);
/** `--profile=add` prints a CPU profile summary of that step (for readable names build with `--minify false`). */
const PROFILE = args.profile ?? null;
/** With --profile: `--all-functions` lists every function by inclusive time (not only components), `--top=N` rows. */
const ALL_FUNCTIONS = 'all-functions' in args;
const TOP = args.top ? Number(args.top) : null;

if (!existsSync(join(DIST, 'index.html'))) {
  console.error(`No build in ${DIST}: run \`npx vite build --outDir ${DIST}\` first (or set FLOPLAB_DIST).`);
  process.exit(1);
}

/** Serves DIST; unknown paths get index.html (single-page app). */
function serve() {
  return serveDist(DIST, (res, file) => {
    res.writeHead(200, { 'content-type': mimeOf(file) });
    createReadStream(file).pipe(res);
  });
}

/**
 * Finds the element of `locator` first (Playwright's role queries run in the page and would count
 * as the page's own long tasks on a big model), then runs `action` on it, waits until the page is
 * quiet and returns the long tasks (ms) the action caused.
 */
async function longTasksOf(page, locator, action, step) {
  const element = await locator.elementHandle();
  await waitQuiet(page);
  await page.evaluate(() => { window.__longTasks.length = 0; });
  const cdp = PROFILE === step ? await startProfile(page) : null;
  await action(element);
  await waitQuiet(page);
  if (cdp) printProfile(step, (await cdp.send('Profiler.stop')).profile);
  return page.evaluate(() => window.__longTasks.splice(0));
}

/** Waits until nothing is aria-busy and the page has had no DOM change and no long task for QUIET_MS. */
async function waitQuiet(page) {
  await page.waitForFunction((quietMs) => !document.querySelector('[aria-busy="true"]')
    && performance.now() - window.__lastActivity >= quietMs, QUIET_MS, { timeout: 60_000 });
}

async function startProfile(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return cdp;
}

/** Self time by function and inclusive time by component (capitalised names; build with --minify false). */
function printProfile(step, profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const self = new Map();
  const incl = new Map();
  for (const [id, us] of selfUs) {
    const f = byId.get(id).callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + us);
    const seen = new Set();
    for (let cur = id; cur; cur = parent.get(cur)) {
      const name = byId.get(cur).callFrame.functionName;
      if (name && (ALL_FUNCTIONS || /^[A-Z]/.test(name)) && !seen.has(name)) { seen.add(name); incl.set(name, (incl.get(name) ?? 0) + us); }
    }
  }
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, TOP ?? n).map(([k, us]) => `    ${(us / 1000).toFixed(1).padStart(7)} ms  ${k}`).join('\n');
  const what = ALL_FUNCTIONS ? 'every function' : 'capitalised names (components)';
  console.log(`  profile of '${step}', self time:\n${top(self, 25)}\n  inclusive, ${what}:\n${top(incl, 30)}`);
}

/** A fresh context (no saved work) on the default model, with the long-task and activity records. */
async function openPage(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__longTasks = [];
    window.__lastActivity = performance.now();
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__longTasks.push(Math.round(e.duration));
        window.__lastActivity = Math.max(window.__lastActivity, e.startTime + e.duration);
      }
    }).observe({ type: 'longtask' });
    const watch = () => new MutationObserver(() => { window.__lastActivity = performance.now(); })
      .observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
    if (document.documentElement) watch(); else document.addEventListener('DOMContentLoaded', watch);
  });
  await page.goto(url);
  // An empty record must mean "no long task", not "no recorder".
  if (!(await page.evaluate(() => PerformanceObserver.supportedEntryTypes.includes('longtask')))) {
    throw new Error('This Chromium does not report long tasks (PerformanceObserver "longtask")');
  }
  await page.waitForFunction(() => document.querySelector('[data-testid="total-params"]')?.hasAttribute('data-value'));
  return page;
}

/** Picks `preset`: waits until the stack shows its layers' count has changed (then quiet). */
async function pickPreset(page, preset) {
  const select = page.getByLabel('Preset');
  const before = await page.locator('#stack-heading').textContent();
  return longTasksOf(page, select, async (el) => {
    await el.selectOption(preset);
    await page.waitForFunction((b) => document.querySelector('#stack-heading')?.textContent !== b, before);
  }, 'preset');
}

/** The first layer with a Filters (Conv2D) or Units (Dense) field: its name and that field's label. */
async function fieldTarget(page) {
  return page.evaluate(() => {
    // The row's second line starts with the layer type.
    const typeOf = (li) => li.querySelector('[data-layer-select] > span:nth-child(2) > span')?.textContent?.trim();
    const items = [...document.querySelectorAll('ol[aria-label="Layers"] li[data-layer]')];
    const conv = items.find((li) => typeOf(li) === 'Conv2D');
    if (conv) return { name: conv.dataset.layer, label: 'Filters' };
    const dense = items.find((li) => typeOf(li) === 'Dense');
    return dense ? { name: dense.dataset.layer, label: 'Units' } : null;
  });
}

async function runOnce(browser, url, preset) {
  const page = await openPage(browser, url);
  await waitQuiet(page);
  // The page's own start-up, as a check that the recorder works (it nearly always has one).
  const open = await page.evaluate(() => window.__longTasks.splice(0));
  const undoButton = page.getByRole('button', { name: /Undo/ });
  const click = (el) => el.click();
  const steps = { 'open page': open };
  if (preset !== 'lenet-5') steps.preset = await pickPreset(page, preset);
  steps.add = await longTasksOf(page, page.getByRole('button', { name: 'Add Dropout', exact: true }), click, 'add');
  steps['undo add'] = await longTasksOf(page, undoButton, click, 'undo add');
  const target = await fieldTarget(page);
  if (target) {
    steps.select = await longTasksOf(page, page.getByRole('button', { name: `Select ${target.name}`, exact: true }), click, 'select');
    const field = page.getByRole('complementary', { name: 'Inspector' }).getByLabel(target.label, { exact: true });
    const old = Number(await field.inputValue());
    steps.field = await longTasksOf(page, field, (el) => el.fill(String(old + 8)), 'field');
    steps['undo field'] = await longTasksOf(page, undoButton, click, 'undo field');
  }
  steps['to Compare'] = await longTasksOf(page, page.getByRole('tab', { name: 'Compare' }), click, 'to Compare');
  steps['to Analysis'] = await longTasksOf(page, page.getByRole('tab', { name: 'Analysis' }), click, 'to Analysis');
  steps['preset out'] = await pickPreset(page, preset === 'lenet-5' ? 'mobilenet-v2' : 'lenet-5');
  await page.context().close();
  return steps;
}

const server = await serve();
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchChromium();
try {
  console.log(`dist ${DIST}, ${RUNS} run(s) per preset; long tasks in ms (> 50 ms each), worst per step`);
  for (const preset of PRESETS) {
    const byStep = {};
    for (let run = 0; run < RUNS; run++) {
      for (const [step, tasks] of Object.entries(await runOnce(browser, url, preset))) (byStep[step] ??= []).push(tasks);
    }
    console.log(`\n${preset}`);
    for (const [step, runs] of Object.entries(byStep)) {
      const worst = Math.max(0, ...runs.flat());
      const text = runs.map((r) => `[${r.join(', ')}]`).join(' ');
      console.log(`  ${step.padEnd(11)} worst ${String(worst).padStart(5)} ms   ${text}`);
    }
  }
} finally {
  await browser.close();
  server.close();
}
