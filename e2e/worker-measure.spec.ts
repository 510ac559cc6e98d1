import { expect, test, type Page } from './fixtures';

interface TraceEvent { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string } }

/** CPU time (thread time) of the page's main-thread tasks in a Chromium trace, ms. */
function mainThreadCpuMs(events: TraceEvent[], before: number): number[] {
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  return events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`) && e.ts < before)
    .map((e) => (e.tdur ?? 0) / 1000);
}

/** Opens the page with a preset loaded (LeNet-5 is small and quick). */
async function openWithPreset(page: Page, presetName: RegExp) {
  await page.goto('/');
  const preset = page.getByRole('combobox', { name: 'Preset' });
  const option = preset.locator('option').filter({ hasText: presetName }).first();
  await preset.selectOption(await option.getAttribute('value') ?? '');
}

test('measure a small preset in the browser: a median and a backend appear beside the estimates, the main thread never blocks', async ({ page, browser }, testInfo) => {
  await openWithPreset(page, /LeNet-5/);
  // Playwright's own polling runs on the page's main thread: during the trace the test only
  // clicks through a handle and waits on the job's user-timing mark.
  const button = await page.getByRole('button', { name: 'Measure in this browser' }).elementHandle();
  // Let the page finish drawing the new preset's tables and charts first: that is not measuring.
  await page.waitForTimeout(1500);
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
  await button!.evaluate((b) => (b as HTMLButtonElement).click());
  await page.waitForFunction(() => performance.getEntriesByName('floplab:measure-done').length > 0, null, { polling: 250, timeout: 60_000 });
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
  const mark = trace.traceEvents.find((e) => e.name === 'floplab:measure-done');
  const cpu = mainThreadCpuMs(trace.traceEvents, mark!.ts);
  testInfo.annotations.push({ type: 'main thread', description: `while measuring: ${cpu.length} tasks, longest ${Math.max(...cpu).toFixed(1)} ms CPU` });
  expect(Math.max(...cpu)).toBeLessThan(50);

  const median = page.getByTestId('measured-median-ms');
  await expect(median).toBeVisible({ timeout: 60_000 });
  expect(Number(await median.getAttribute('data-value'))).toBeGreaterThan(0);
  await expect(page.getByTestId('measured-backend')).toHaveText(/^(webgl|wasm|cpu)$/);
  await expect(page.getByTestId('naive-estimate-ms')).toBeVisible();
  await expect(page.getByTestId('roofline-estimate-ms')).toBeVisible();
  await page.getByRole('region', { name: /Measured in this browser/ }).or(page.locator('section[aria-labelledby="measure-heading"]')).first().screenshot({ path: '/tmp/worker-measure.png' });
});

test('a measurement can be cancelled and says so, and the worker is free again', async ({ page }) => {
  await openWithPreset(page, /MobileNetV1|MobileNet V1|MobileNet v1/i);
  await page.getByRole('button', { name: 'Measure in this browser' }).click();
  await expect(page.getByRole('progressbar', { name: 'Measuring' })).toBeVisible();
  await page.waitForTimeout(500);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Measurement cancelled.')).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Measuring' })).toHaveCount(0);
  // The worker is free again: a new measurement of LeNet-5 finishes.
  await openWithPreset(page, /LeNet-5/);
  await page.getByRole('button', { name: 'Measure in this browser' }).click();
  await expect(page.getByTestId('measured-median-ms')).toBeVisible({ timeout: 60_000 });
});

test('calibrating this browser measures GFLOPS and bandwidth', async ({ page }) => {
  await openWithPreset(page, /LeNet-5/);
  await page.getByRole('button', { name: 'Calibrate this browser' }).click();
  await expect(page.getByTestId('calibration')).toContainText(/GFLOPS.*GB\/s/, { timeout: 60_000 });
});

test('a model too big for the tab is refused with its size', async ({ page }) => {
  await openWithPreset(page, /VGG-16/);
  await page.getByRole('button', { name: 'Measure in this browser' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Cannot run this model in the browser' })).toContainText('553.4 MB');
});
