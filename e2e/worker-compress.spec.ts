import { expect, test, type Page } from './fixtures';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { expectParams, LENET5_PARAMS, waitForAnalysis } from './state-helpers';
import { waitForMainThreadIdle, waitForMark } from './wait-helpers';
import { openWithPreset } from './preset-helpers';

/** In the app the lab sits behind a "Compress" tab; a page that shows it directly has none. */
async function openLab(page: Page) {
  const tab = page.getByRole('tab', { name: /Compress/ });
  if (await tab.count()) await tab.first().click();
  await expect(page.getByRole('heading', { name: 'Compression lab' })).toBeVisible();
}

/** Registers a PerformanceObserver for long tasks (> 50 ms) on the page's main thread. */
async function watchLongTasks(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: { startTime: number; duration: number }[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push({ startTime: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: false });
  });
}
const longTaskEntries = (page: Page) => page.evaluate(() => (window as unknown as { longTasks: { startTime: number; duration: number }[] }).longTasks);

async function compressLeNet(page: Page) {
  await openWithPreset(page, 'lenet-5');
  await openLab(page);
  await page.getByLabel('Pruning sparsity (%)').fill('50');
  await page.getByLabel('Quantization bits').fill('8');
  await page.getByLabel('Weight sharing clusters').fill('16');
  await page.getByRole('button', { name: 'Compress', exact: true }).click();
  await expect(page.getByTestId('after-weight-bytes')).toBeVisible({ timeout: 60_000 });
}

interface TraceEvent { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string } }

/** Main-thread tasks of the page from a Chromium trace: wall time and CPU time (thread time), ms. */
function mainThreadTasks(events: TraceEvent[]) {
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  return events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`))
    .map((e) => ({ ts: e.ts, wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 }));
}

test('compress LeNet-5 from the UI: results and charts appear, storage shrinks, the main thread never blocks', async ({ page, browser }, testInfo) => {
  await openWithPreset(page, 'lenet-5');
  await openLab(page);
  await page.getByLabel('Pruning sparsity (%)').fill('50');
  await page.getByLabel('Quantization bits').fill('8');
  await page.getByLabel('Weight sharing clusters').fill('16');
  // Playwright's own polling (role and text queries) runs on the page's main thread too, so
  // during the trace the test only clicks through an element handle and waits on a cheap check.
  const compressButton = await page.getByRole('button', { name: 'Compress', exact: true }).elementHandle();
  await watchLongTasks(page);
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
  await compressButton!.evaluate((button) => (button as HTMLButtonElement).click());
  await waitForMark(page, 'floplab:compress-done');
  // Keep tracing until the results are drawn (the page's main thread goes idle).
  await expect(page.getByTestId('after-weight-bytes')).toBeVisible();
  await waitForMainThreadIdle(page);
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
  const after = page.getByTestId('after-weight-bytes');
  await expect(after).toBeVisible();

  // While the worker compresses (until its answer arrives), no main-thread task may take 50 ms.
  const mark = trace.traceEvents.find((e) => e.name === 'floplab:compress-done');
  expect(mark, 'the results mark is in the trace').toBeDefined();
  const tasks = mainThreadTasks(trace.traceEvents);
  const during = tasks.filter((t) => t.ts < mark!.ts);
  const afterwards = tasks.filter((t) => t.ts >= mark!.ts);
  const maxCpu = (list: typeof tasks) => Math.max(0, ...list.map((t) => t.cpuMs));
  const resultsStartMs = await page.evaluate(() => performance.getEntriesByName('floplab:compress-done')[0]?.startTime ?? Infinity);
  const observed = (await longTaskEntries(page)).filter((t) => t.startTime < resultsStartMs);
  testInfo.annotations.push({
    type: 'main thread',
    description: `while compressing: ${during.length} tasks, longest ${maxCpu(during).toFixed(1)} ms CPU; ` +
      `PerformanceObserver long tasks: [${observed.map((t) => t.duration.toFixed(0)).join(', ')}] ms wall; ` +
      `drawing the results: longest task ${maxCpu(afterwards).toFixed(1)} ms CPU; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
  });
  console.log(`[worker-compress] ${testInfo.annotations.at(-1)?.description}`);
  // The trace recorded the main thread both while compressing and while drawing: the max of an
  // empty list would pass any bound.
  expect(during.length).toBeGreaterThan(0);
  expect(afterwards.length).toBeGreaterThan(0);
  expect(maxCpu(during)).toBeLessThan(50);
  // Wall-clock long tasks also count a main thread that merely waited for a core, so on this
  // shared 2-core machine they are bounded loosely, but always checked: none may come near the
  // 472–882 ms freezes of issue 7, and the observer is shown to work by a deliberate 120 ms task.
  expect(observed.filter((t) => t.duration >= 250)).toEqual([]);
  // A task of the page's own (a timer), as the app's work would be.
  await page.evaluate(() => new Promise<void>((resolve) => setTimeout(() => {
    const end = performance.now() + 120;
    while (performance.now() < end) { /* a deliberate long task */ }
    resolve();
  })));
  await expect.poll(async () => (await longTaskEntries(page)).filter((t) => t.startTime >= resultsStartMs && t.duration >= 100).length).toBeGreaterThan(0);

  const afterBytes = Number(await after.getAttribute('data-value'));
  const beforeBytes = Number(await page.getByTestId('before-weight-bytes').getAttribute('data-value'));
  expect(afterBytes).toBeGreaterThan(0);
  expect(afterBytes).toBeLessThan(beforeBytes);
  expect(Number(await page.getByTestId('compression-ratio').getAttribute('data-value'))).toBeCloseTo(beforeBytes / afterBytes, 6);
  const effective = Number(await page.getByTestId('after-flops').getAttribute('data-value'));
  const dense = Number(await page.getByTestId('after-dense-flops').getAttribute('data-value'));
  expect(effective).toBeLessThan(dense);

  for (const chart of ['Size after each stage', 'Before and after', 'Per-layer sparsity and bits', 'Weight histogram before and after']) {
    const card = page.getByRole('region', { name: chart, exact: true });
    await card.scrollIntoViewIfNeeded();
    await expect(card).toBeVisible();
    await expect(card.locator('svg.recharts-surface').first()).toBeVisible();
  }
  await expect(page.getByRole('list', { name: /Codebook of/ })).toBeVisible();
  // Every text in the codebook chips has at least 4.5 : 1 contrast with the chip (WCAG 2 formula).
  const contrasts = await page.getByRole('list', { name: /Codebook of/ }).first().evaluate((list) => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = (c: string) => {
      const [r, g, b] = rgb(c).map((v) => v / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const chip = list.querySelector('li')!;
    const background = lum(getComputedStyle(chip).backgroundColor);
    return [chip, ...chip.querySelectorAll('span')].map((el) => {
      const text = lum(getComputedStyle(el).color);
      return (Math.max(text, background) + 0.05) / (Math.min(text, background) + 0.05);
    });
  });
  for (const ratio of contrasts) expect(ratio).toBeGreaterThanOrEqual(4.5);
  await expect(page.getByTestId('top1-agreement')).toBeVisible();
  await expect(page.getByText('Sparse storage is not dense speed.')).toBeVisible();

  // The tab panel scrolls inside the page: scroll the figures into view, then shoot the viewport.
  await page.getByTestId('after-weight-bytes').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/worker-compress-results.png' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByRole('heading', { name: 'Compression lab' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/worker-compress-1920.png' });
});

test('cancel stops a compression at once and says so', async ({ page }) => {
  await openWithPreset(page, 'mobilenet-v1');
  await openLab(page);
  await page.getByRole('button', { name: 'Compress', exact: true }).click();
  await expect(page.getByRole('progressbar', { name: 'Compressing' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Compression cancelled.')).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Compressing' })).toHaveCount(0);
  await expect(page.getByTestId('after-weight-bytes')).toHaveCount(0);
});

test('export the compressed model and import it again through "Import model"', async ({ page }) => {
  const importInput = page.getByLabel('Import model');
  await compressLeNet(page);
  await expectParams(page, LENET5_PARAMS);
  const downloads: string[] = [];
  page.on('download', async (d) => {
    // Keep the names the page suggests: model.json names its weights file by that name.
    const path = `/tmp/worker-export/${d.suggestedFilename()}`;
    await d.saveAs(path);
    downloads.push(path);
  });
  await page.getByRole('button', { name: 'Download compressed model' }).click();
  await expect.poll(() => downloads.length, { timeout: 15_000 }).toBe(2);
  const modelJson = JSON.parse(await readFile(downloads.find((p) => p.endsWith('model.json'))!, 'utf8'));
  expect(modelJson.weightsManifest[0].weights.some((w: { quantization?: unknown }) => w.quantization)).toBe(true);

  await expect(importInput).toHaveCount(1);
  await importInput.setInputFiles(downloads);
  // The import is done when the stack shows the imported model's layers and the analysis settled.
  await expect(page.getByRole('combobox', { name: 'Preset' })).not.toHaveValue('lenet-5');
  await waitForAnalysis(page);
  await expect(page.getByRole('alert').filter({ hasText: /Could not|cannot|failed/i })).toHaveCount(0);
  // Compression keeps every parameter (pruned ones are stored zeros): still LeNet-5's 61,706.
  await expectParams(page, LENET5_PARAMS);
  // The re-imported LeNet-5 fits the digits: the page measures its weights' test accuracy.
  await expect(page.getByTestId('test-accuracy')).toHaveAttribute('data-value', /^0\.\d+$/, { timeout: 60_000 });
  await openLab(page);
  // The re-imported LeNet-5 fits the digits, so its weights count as trained: this test is about
  // the import path, so no retraining epoch (LeNet-5's conv layers train slowly on the CPU here).
  const epochs = page.getByLabel('Retraining epochs', { exact: true });
  await epochs.fill('0');
  await epochs.press('Tab');
  await page.getByRole('button', { name: 'Compress', exact: true }).click();
  await expect(page.getByTestId('weights-source')).toHaveText('Compressed the imported weights.', { timeout: 60_000 });
});
