/**
 * Screenshots of the Train tab (after a short run, curves drawn) and of the Compress tab with
 * accuracy, at 1024×768 and 1280×800, for a person to look at (/tmp/train-ui-*.png).
 * Run with FLOPLAB_SCREENSHOTS=1. The assertions only check that what is shot is on screen.
 */
import { expect, test, type Page } from '../fixtures';
import { waitForAnalysis } from '../state-helpers';

const SIZES = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
] as const;

async function setField(page: Page, label: string, value: string) {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Tab');
}

for (const size of SIZES) {
  const tag = `${size.width}x${size.height}`;
  test(`train and compress with accuracy at ${tag}`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(size);
    await page.goto('/');
    await page.getByRole('combobox', { name: 'Preset' }).selectOption('lenet-300-100-digits');
    await waitForAnalysis(page);
    await page.getByRole('tab', { name: 'Train' }).click();
    await setField(page, 'Epochs', '2');
    await setField(page, 'Training digits', '500');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(page.getByRole('progressbar', { name: 'Training' })).toBeVisible();
    await page.screenshot({ path: `/tmp/train-ui-train-running-${tag}.png` });
    await expect(page.getByTestId('train-result')).toBeVisible({ timeout: 120_000 });
    await page.getByTestId('training-curves').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/train-ui-train-${tag}.png` });
    await page.getByRole('tab', { name: 'Compress' }).click();
    await setField(page, 'Pruning sparsity (%)', '90');
    await setField(page, 'Retraining digits', '1000');
    await page.screenshot({ path: `/tmp/train-ui-compress-plan-${tag}.png` });
    await page.getByRole('button', { name: 'Compress', exact: true }).click();
    await expect(page.getByTestId('accuracy-after')).toBeVisible({ timeout: 180_000 });
    await page.getByTestId('accuracy-before').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/train-ui-compress-${tag}.png` });
    await page.getByText('Size after each stage').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/train-ui-waterfall-${tag}.png` });
  });
}
