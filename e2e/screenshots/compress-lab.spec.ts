import { expect, test } from '../fixtures';
import { openWithPreset } from '../preset-helpers';

/** Screenshots of the measure panel and the compression lab, to look at (not compared). */
for (const [width, height] of [[1280, 800], [1920, 1080]] as const) {
  test(`compression lab and measure panel at ${width}×${height}`, async ({ page }) => {
    test.setTimeout(420_000);
    await page.setViewportSize({ width, height });
    await openWithPreset(page, 'mobilenet-v1');
    const tab = page.getByRole('tab', { name: /Compress/ });
    if (await tab.count()) await tab.first().click();
    await page.getByLabel('Pruning sparsity (%)').fill('60');
    await page.getByRole('button', { name: 'Compress', exact: true }).click();
    await expect(page.getByTestId('after-weight-bytes')).toBeVisible({ timeout: 200_000 });
    await page.getByRole('heading', { name: 'Compression lab' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/floplab-lab-${width}-form.png` });
    await page.getByTestId('after-weight-bytes').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/floplab-lab-${width}-summary.png` });
    for (const [i, name] of ['Size after each stage', 'Per-layer sparsity and bits', 'Weight histogram before and after', 'Per-layer results', 'Export'].entries()) {
      const region = page.getByRole('region', { name, exact: true });
      await region.scrollIntoViewIfNeeded();
      await page.waitForTimeout(200);
      await page.screenshot({ path: `/tmp/floplab-lab-${width}-${i}.png` });
    }
    const analysis = page.getByRole('tab', { name: /Analysis/ });
    if (await analysis.count()) await analysis.first().click();
    await page.getByRole('button', { name: 'Measure in this browser' }).click();
    await expect(page.getByTestId('measured-median-ms')).toBeVisible({ timeout: 150_000 });
    await page.getByTestId('measured-median-ms').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/floplab-measure-${width}.png` });
  });
}
