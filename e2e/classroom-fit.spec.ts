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

/** Pairs of boxes (by index) that overlap by more than a pixel. */
function collisions(boxes: { x: number; y: number; width: number; height: number }[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      const dx = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const dy = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (dx > 1 && dy > 1) out.push([i, j]);
    }
  }
  return out;
}

test('1024×768: the per-layer table shows its last column without scrolling sideways', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('resnet-50');
  await waitForAnalysis(page);
  const box = page.getByRole('region', { name: 'Layer table (scrolls)' });
  await expect(box.getByRole('row').nth(3)).toBeVisible();
  await page.screenshot({ path: '/tmp/floplab-layer-table-1024.png' });
  expect(await box.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  const latency = box.getByRole('columnheader', { name: /Latency/ });
  const [cell, container] = [await latency.boundingBox(), await box.boundingBox()];
  expect(cell!.x + cell!.width).toBeLessThanOrEqual(container!.x + container!.width + 1);
});

for (const width of [1024, 1280]) {
  test(`${width} px: the size waterfall's labels do not collide`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/');
    await page.getByRole('combobox', { name: 'Preset' }).selectOption('lenet-300-100');
    await waitForAnalysis(page);
    await page.getByRole('tab', { name: /Compress/ }).click();
    await page.getByRole('button', { name: 'Compress', exact: true }).click();
    const chart = page.getByRole('region', { name: 'Size after each stage', exact: true });
    await expect(chart.locator('.waterfall-tick')).toHaveCount(5, { timeout: 150_000 });
    await expect(chart.locator('.waterfall-label')).toHaveCount(5);
    await chart.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: `/tmp/floplab-waterfall-${width}.png` });
    const boxes = async (selector: string) => Promise.all((await chart.locator(selector).all()).map(async (l) => (await l.boundingBox())!));
    const labels = await boxes('.waterfall-label');
    const ticks = await boxes('.waterfall-tick');
    expect(ticks).toHaveLength(5);
    expect(collisions(labels), 'bar labels').toEqual([]);
    expect(collisions(ticks), 'stage names').toEqual([]);
  });
}
