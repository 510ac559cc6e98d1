/**
 * A dead worker is noticed, named in an alert and replaced; no job waits forever. The worker is
 * closed from inside (`self.close()` through Playwright's worker handle), which fires no event on
 * the page: the heartbeat (or Chromium's MessagePort close event) has to notice it.
 * Also: TensorFlow.js is not loaded until a job needs it.
 */
import { expect, test, type Page, type Response, type Worker } from './fixtures';
import { expectParams, waitForAnalysis } from './state-helpers';
import { openWithPreset } from './preset-helpers';

/**
 * A tiny trained-looking model.json with its weights file: Dense 4 → 3 (15 weights). Not
 * digits-shaped, so compressing it runs no accuracy step.
 */
const TINY_MODEL_JSON = {
  format: 'layers-model',
  modelTopology: {
    class_name: 'Sequential',
    config: {
      name: 'tiny',
      layers: [{
        class_name: 'Dense',
        config: { name: 'fc', units: 3, activation: 'linear', use_bias: true, batch_input_shape: [null, 4], dtype: 'float32' },
      }],
    },
  },
  weightsManifest: [{
    paths: ['tiny.weights.bin'],
    weights: [{ name: 'fc/kernel', shape: [4, 3], dtype: 'float32' }, { name: 'fc/bias', shape: [3], dtype: 'float32' }],
  }],
};
const TINY_WEIGHTS = Buffer.from(new Float32Array(Array.from({ length: 15 }, (_, i) => (i - 7) / 10)).buffer);

/** The app's worker (the page has only this one). */
async function appWorker(page: Page): Promise<Worker> {
  await expect.poll(() => page.workers().length).toBeGreaterThan(0);
  return page.workers()[page.workers().length - 1];
}

/** Closes the app's worker from inside, as a crash would: no 'error' event reaches the page. */
async function closeWorker(page: Page): Promise<void> {
  const worker = await appWorker(page);
  // Closed after the evaluation answers, so Playwright's call itself does not hang.
  await worker.evaluate(() => { setTimeout(() => self.close(), 0); });
}

const workerAlert = (page: Page) => page.getByTestId('worker-alert');

async function measure(page: Page) {
  await page.getByRole('tab', { name: /Analysis/ }).click();
  await page.getByRole('button', { name: 'Measure in this browser' }).click();
}

async function compress(page: Page) {
  await page.getByRole('tab', { name: /Compress/ }).click();
  await page.getByRole('button', { name: 'Compress', exact: true }).click();
}

test('a worker closed while idle is named in an alert within seconds; Measure and Compress then work', async ({ page }) => {
  await openWithPreset(page, 'lenet-5');
  await waitForAnalysis(page);
  await closeWorker(page);
  await expect(workerAlert(page)).toHaveAttribute('role', 'alert');
  await expect(workerAlert(page)).toContainText(/The background worker stopped: it (closed or crashed|stopped answering)/, { timeout: 8_000 });
  await expect(workerAlert(page)).toContainText('A new worker has started');
  // The figures still follow edits (analysis runs in the new worker or on the page).
  await measure(page);
  await expect(page.getByTestId('measured-median-ms')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('measured-backend')).toHaveText(/^(webgl|wasm|cpu)$/);
  await compress(page);
  await expect(page.getByTestId('after-weight-bytes')).toBeVisible({ timeout: 60_000 });
});

test('a job running when the worker closes ends with the alert instead of waiting forever, and runs again', async ({ page }) => {
  await openWithPreset(page, 'resnet-50');
  await waitForAnalysis(page);
  await measure(page);
  const bar = page.getByRole('progressbar', { name: 'Measuring' });
  await expect(bar).toHaveAttribute('aria-valuetext', /(Warm-up|Timed) run/, { timeout: 60_000 });
  await closeWorker(page);
  await expect(workerAlert(page)).toBeVisible({ timeout: 8_000 });
  await expect(page.getByRole('alert').filter({ hasText: 'Cannot measure: The background worker stopped' })).toBeVisible();
  await expect(bar).toBeHidden();
  // Run it again on the new worker (LeNet-5: quick).
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('lenet-5');
  await waitForAnalysis(page);
  await measure(page);
  await expect(page.getByTestId('measured-median-ms')).toBeVisible({ timeout: 60_000 });
});

test('imported weights are sent again to the new worker: Compress still uses them', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Import model').setInputFiles([
    { name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(TINY_MODEL_JSON)) },
    { name: 'tiny.weights.bin', mimeType: 'application/octet-stream', buffer: TINY_WEIGHTS },
  ]);
  await expectParams(page, 15);
  await waitForAnalysis(page);
  await closeWorker(page);
  await expect(workerAlert(page)).toContainText('Your imported weights were sent to it again.', { timeout: 8_000 });
  await compress(page);
  await expect(page.getByTestId('weights-source')).toHaveText('Compressed the imported weights.', { timeout: 60_000 });
});

test('an imported .onnx is read again for the new worker: Compress still writes the compressed .onnx', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Import model').setInputFiles('src/core/onnx/fixtures/resnet-basic-block.onnx');
  await expect(page.getByRole('status').filter({ hasText: 'Imported resnet-basic-block.onnx' })).toBeVisible({ timeout: 30_000 });
  await waitForAnalysis(page);
  await closeWorker(page);
  await expect(workerAlert(page)).toContainText('Your imported weights were sent to it again.', { timeout: 8_000 });
  await compress(page);
  await expect(page.getByTestId('weights-source')).toHaveText('Compressed the imported weights.', { timeout: 60_000 });
  await expect(page.getByRole('region', { name: 'Export as ONNX' })).toBeVisible();
});

test('a tab killed outright (as by running out of memory) keeps the saved work: reopening shows it', async ({ page, context }) => {
  await page.goto('/');
  await waitForAnalysis(page);
  const storage = () => page.evaluate(() => JSON.stringify(localStorage));
  const before = await storage();
  const preset = page.getByRole('combobox', { name: 'Preset' });
  await preset.selectOption('alexnet');
  await waitForAnalysis(page);
  const params = await page.getByTestId('total-params').getAttribute('data-value');
  // The save is debounced: wait until the saved copy has changed.
  await expect.poll(storage).not.toBe(before);
  const saved = await storage();
  const crashed = page.waitForEvent('crash');
  const cdp = await context.newCDPSession(page);
  // The renderer dies: no unload, no last save. (The call itself never answers: not awaited.)
  void cdp.send('Page.crash').catch(() => undefined);
  await crashed;
  const again = await context.newPage();
  await again.goto('/');
  await expectParams(again, Number(params));
  expect(await again.evaluate(() => JSON.stringify(localStorage))).toBe(saved);
});

/** A string only TensorFlow.js's code holds (a kernel name; FlopLab's own layer is DepthwiseConv2D). */
const TFJS_MARKER = 'DepthwiseConv2dNative';

test('TensorFlow.js is fetched only when a job needs it, never for the first figures', async ({ page }) => {
  const scripts: Response[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('.js')) scripts.push(response);
  });
  await openWithPreset(page, 'lenet-5');
  await waitForAnalysis(page);
  await appWorker(page);
  // The worker's script has come: everything it loads at start has been fetched with it.
  await expect.poll(() => scripts.some((r) => /\/entry-[^/]+\.js$/.test(r.url()))).toBe(true);
  const holdsTfjs = async (list: Response[]) => {
    for (const response of list) if ((await response.text()).includes(TFJS_MARKER)) return true;
    return false;
  };
  expect(await holdsTfjs(scripts), 'a script with TensorFlow.js was fetched at start').toBe(false);
  const before = scripts.length;
  await measure(page);
  await expect(page.getByTestId('measured-median-ms')).toBeVisible({ timeout: 60_000 });
  expect(await holdsTfjs(scripts.slice(before)), 'Measure fetched TensorFlow.js').toBe(true);
});
