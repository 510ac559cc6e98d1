import { expect, test, type Page } from '@playwright/test';

/** Opens the page with a preset loaded (LeNet-5 is small and quick). */
async function openWithPreset(page: Page, presetName: RegExp) {
  await page.goto('/');
  const preset = page.getByRole('combobox', { name: 'Preset' });
  const option = preset.locator('option').filter({ hasText: presetName }).first();
  await preset.selectOption(await option.getAttribute('value') ?? '');
}

test('measure a small preset in the browser: a median and a backend appear beside the estimates', async ({ page }) => {
  await openWithPreset(page, /LeNet-5/);
  await page.getByRole('button', { name: 'Measure in this browser' }).click();
  const median = page.getByTestId('measured-median-ms');
  await expect(median).toBeVisible({ timeout: 60_000 });
  expect(Number(await median.getAttribute('data-value'))).toBeGreaterThan(0);
  await expect(page.getByTestId('measured-backend')).toHaveText(/^(webgl|wasm|cpu)$/);
  await expect(page.getByTestId('naive-estimate-ms')).toBeVisible();
  await expect(page.getByTestId('roofline-estimate-ms')).toBeVisible();
  await page.getByRole('region', { name: /Measured in this browser/ }).or(page.locator('section[aria-labelledby="measure-heading"]')).first().screenshot({ path: '/tmp/worker-measure.png' });
});

test('a measurement can be cancelled and says so; no long task blocks the page meanwhile', async ({ page }) => {
  await openWithPreset(page, /MobileNetV1|MobileNet V1|MobileNet v1/i);
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.longTasks.push(e.duration); })
      .observe({ type: 'longtask', buffered: false });
  });
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
