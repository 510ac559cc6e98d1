/**
 * Fits a projector, a laptop and a phone (issue 10): at each size no element of the main views
 * makes the page scroll sideways, with a lesson open; at phone size the totals and the lesson of a
 * shared link can be read.
 */
import { expect, test, type Page } from './fixtures';
import { waitForAnalysis } from './state-helpers';

const SIZES = [
  { width: 1024, height: 768 }, { width: 1280, height: 800 }, { width: 1920, height: 1080 }, { width: 390, height: 844 },
];

/** Elements wider than the page (none may be: the page itself must not scroll sideways). */
async function overflow(page: Page): Promise<{ page: boolean; culprits: string[] }> {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 1)
      .filter((el) => !el.closest('.sr-only') && getComputedStyle(el).visibility !== 'hidden')
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)}`);
    return { page: doc.scrollWidth > doc.clientWidth, culprits };
  });
}

for (const size of SIZES) {
  test(`${size.width}×${size.height}: no view overflows the page horizontally`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size);
    await page.goto('/#lesson=separable&step=1');
    await expect(page.getByRole('region', { name: 'Lesson' })).toBeVisible();
    await waitForAnalysis(page);
    await expect(page.getByTestId('total-macs')).toBeInViewport();
    const names = await page.getByRole('tablist', { name: 'Views' }).getByRole('tab').allTextContents();
    for (const name of names) {
      await page.getByRole('tab', { name }).click();
      await expect(page.getByRole('tabpanel')).not.toContainText('Loading');
      const o = await overflow(page);
      expect(o.page, `${name} view at ${size.width}: ${o.culprits.join(', ')}`).toBe(false);
    }
    await page.getByRole('button', { name: 'Presenter mode' }).click();
    await expect(page.getByRole('img', { name: 'QR code of the share link' })).toBeVisible();
    const o = await overflow(page);
    expect(o.page, `presenter at ${size.width}: ${o.culprits.join(', ')}`).toBe(false);
  });
}

for (const width of [1024, 1280]) {
  test(`${width} px: a long typeset formula wraps inside its box instead of being cut off`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/');
    await page.getByRole('combobox', { name: 'Preset' }).selectOption('vgg-16');
    await waitForAnalysis(page);
    // block1_conv2's MACs: the widest conv formula of VGG-16 (3·3·64 × 224·224·64).
    await page.getByRole('row').filter({ hasText: 'block1_conv2' }).getByRole('button').filter({ hasText: /G$|G / }).first().click();
    const figure = page.getByRole('figure', { name: /MACs of block1_conv2/ });
    await expect(figure.locator('.katex')).toBeVisible();
    const box = figure.locator('.katex').first().locator('..');
    expect(await box.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await expect(figure.locator('.katex')).toContainText('1,849,688,064');
  });
}
