/**
 * Screenshots of the analysis views at a classroom projector's sizes, for a person to look at
 * (/tmp/views-*.png). The assertions only check that what is shot is on screen.
 */
import { expect, test, type Page } from './fixtures';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

/** Scrolls the views tab panel so the element named `label` sits at its top. */
async function scrollPanelTo(page: Page, label: string): Promise<void> {
  await page.evaluate((name) => {
    const panel = document.querySelector('[role=tabpanel]');
    const el = [...document.querySelectorAll('[aria-label]')].find((e) => e.getAttribute('aria-label') === name);
    if (panel && el) panel.scrollTop += el.getBoundingClientRect().top - panel.getBoundingClientRect().top - 8;
  }, label);
}

for (const size of SIZES) {
  const tag = `${size.width}x${size.height}`;

  test(`analysis views at ${tag}`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto('/');
    await page.getByRole('combobox', { name: 'Preset' }).selectOption('mobilenet-v1');
    await expect(page.getByTestId('total-macs')).toHaveAttribute('data-value', '568740352');
    const table = page.getByRole('region', { name: 'Per-layer costs' });
    await table.getByRole('button', { name: /^MACs of conv_pw_1: / }).click();
    await expect(table.getByTestId('formula-text')).toBeVisible();
    await scrollPanelTo(page, 'Per-layer costs');
    await page.screenshot({ path: `/tmp/views-${tag}-table.png` });
    await scrollPanelTo(page, 'Cost charts');
    await page.screenshot({ path: `/tmp/views-${tag}-charts.png` });
    await scrollPanelTo(page, 'Latency per layer on the chosen device');
    await page.screenshot({ path: `/tmp/views-${tag}-latency.png` });
    await scrollPanelTo(page, 'Device');
    await page.screenshot({ path: `/tmp/views-${tag}-device.png` });
  });

  test(`comparison at ${tag}`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto('/');
    await page.getByRole('tab', { name: 'Compare' }).click();
    await page.getByRole('button', { name: "Open the lecture's pair (normal vs separable)" }).click();
    await expect(page.getByTestId('separable-swap')).toBeVisible();
    await page.screenshot({ path: `/tmp/views-${tag}-compare.png` });
    await scrollPanelTo(page, 'Separable convolutions');
    await page.screenshot({ path: `/tmp/views-${tag}-compare-swap.png` });
  });
}
