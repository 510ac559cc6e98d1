import { expect, test } from './fixtures';
import { expectParams, LENET5_PARAMS, waitForAnalysis } from './state-helpers';
import { waitForMainThreadIdle, waitForMark } from './wait-helpers';
import { openWithPreset } from './preset-helpers';

interface TraceEvent { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string } }

/** CPU time (thread time) of the page's main-thread tasks in a Chromium trace, ms. */
function mainThreadCpuMs(events: TraceEvent[], before: number): number[] {
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  return events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`) && e.ts < before)
    .map((e) => (e.tdur ?? 0) / 1000);
}

/** Opens the page with a preset loaded (LeNet-5 is small and quick). */
test('measure a small preset in the browser: a median and a backend appear beside the estimates, the main thread never blocks', async ({ page, browser }, testInfo) => {
  await openWithPreset(page, 'lenet-5');
  // Playwright's own polling runs on the page's main thread: during the trace the test only
  // clicks through a handle and waits on the job's user-timing mark.
  const button = await page.getByRole('button', { name: 'Measure in this browser' }).elementHandle();
  // Let the page finish drawing the new preset's tables and charts first: that is not measuring.
  await expectParams(page, LENET5_PARAMS);
  await waitForAnalysis(page);
  await waitForMainThreadIdle(page);
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
  await button!.evaluate((b) => (b as HTMLButtonElement).click());
  await waitForMark(page, 'floplab:measure-done');
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
  const mark = trace.traceEvents.find((e) => e.name === 'floplab:measure-done');
  expect(mark, 'the measure-done mark is in the trace').toBeDefined();
  const cpu = mainThreadCpuMs(trace.traceEvents, mark!.ts);
  testInfo.annotations.push({ type: 'main thread', description: `while measuring: ${cpu.length} tasks, longest ${Math.max(...cpu).toFixed(1)} ms CPU` });
  console.log(`[worker-measure] ${testInfo.annotations.at(-1)?.description}`);
  // The trace did record the main thread (the click, the progress messages): the max of nothing proves nothing.
  expect(cpu.length).toBeGreaterThan(0);
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
  await openWithPreset(page, 'mobilenet-v1');
  await page.getByRole('button', { name: 'Measure in this browser' }).click();
  const progress = page.getByRole('progressbar', { name: 'Measuring' });
  await expect(progress).toBeVisible();
  // Cancel once the worker has started the job (its first progress message replaced "Starting…").
  await expect(progress).not.toHaveAttribute('aria-valuetext', /Starting…/);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Measurement cancelled.')).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Measuring' })).toHaveCount(0);
  // The worker is free again: a new measurement of LeNet-5 finishes.
  await openWithPreset(page, 'lenet-5');
  await page.getByRole('button', { name: 'Measure in this browser' }).click();
  await expect(page.getByTestId('measured-median-ms')).toBeVisible({ timeout: 60_000 });
});

test('calibrating this browser measures GFLOPS and bandwidth', async ({ page }) => {
  await openWithPreset(page, 'lenet-5');
  await page.getByRole('button', { name: 'Calibrate this browser' }).click();
  await expect(page.getByTestId('calibration')).toContainText(/GFLOPS.*GB\/s/, { timeout: 60_000 });
});

test('a cancelled calibration says so and never changes the device, even when the worker answers afterwards', async ({ page }) => {
  await openWithPreset(page, 'lenet-5');
  const device = page.getByRole('combobox', { name: 'Device' });
  const deviceBefore = await device.inputValue();
  const peakBefore = await page.getByLabel('Peak GFLOPS').inputValue();
  // The race that matters: the worker finishes ("done") just as the user cancels. Hold the
  // worker's finished answer (comlink posts it through self.postMessage) until after the cancel.
  await expect.poll(() => page.workers().length).toBeGreaterThan(0);
  const worker = page.workers()[0];
  await worker.evaluate(() => {
    const scope = self as unknown as { postMessage(m: unknown, t?: Transferable[]): void; heldAnswers: [unknown, Transferable[] | undefined][] };
    const post = scope.postMessage.bind(self);
    scope.heldAnswers = [];
    scope.postMessage = (message: unknown, transfer?: Transferable[]) => {
      if (JSON.stringify(message ?? null).includes('peakGflops')) scope.heldAnswers.push([message, transfer]);
      else post(message, transfer as Transferable[]);
    };
    (scope as unknown as { releaseAnswers(): void }).releaseAnswers = () => {
      scope.postMessage = post;
      for (const [message, transfer] of scope.heldAnswers) post(message, transfer as Transferable[]);
    };
  });
  await page.getByRole('button', { name: 'Calibrate this browser' }).click();
  const progress = page.getByRole('progressbar', { name: 'Calibrating' });
  await expect(progress).toBeVisible();
  await expect.poll(() => worker.evaluate(() => (self as unknown as { heldAnswers: unknown[] }).heldAnswers.length), { timeout: 60_000 }).toBe(1);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Calibration cancelled.')).toBeVisible();
  await expect(progress).toHaveCount(0);
  // Now the finished answer arrives; the page sees it (the job's mark), and must drop it.
  await worker.evaluate(() => (self as unknown as { releaseAnswers(): void }).releaseAnswers());
  await waitForMark(page, 'floplab:calibrate-done');
  await expect(page.getByTestId('calibration')).toHaveCount(0);
  await expect(device).toHaveValue(deviceBefore);
  await expect(page.getByLabel('Peak GFLOPS')).toHaveValue(peakBefore);
  // The worker is free again: a calibration now finishes and does set the device.
  await page.getByRole('button', { name: 'Calibrate this browser' }).click();
  await expect(page.getByTestId('calibration')).toContainText(/GFLOPS.*GB\/s/, { timeout: 60_000 });
  await expect(device).not.toHaveValue(deviceBefore);
});

test('a model too big for the tab is refused with its size', async ({ page }) => {
  await openWithPreset(page, 'vgg-16');
  await page.getByRole('button', { name: 'Measure in this browser' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Cannot run this model in the browser' })).toContainText('553.4 MB');
});
