import { expect, test } from '@playwright/test';

// Screenshots of the page for a human to look at (/tmp/editor-*.png); the asserts check that the
// main regions are on screen without scrolling the page at both projector sizes.
for (const [width, height] of [[1280, 800], [1920, 1080]] as const) {
  test(`layout at ${width}×${height}: header, totals, stack, inspector and tabs on one screen`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'FlopLab' })).toBeVisible();
    const stack = page.getByRole('list', { name: 'Layers' });
    await expect(stack.getByRole('listitem').first()).toBeVisible();
    await stack.getByRole('button', { name: /^Select / }).nth(1).click();
    for (const region of [page.getByTestId('total-params'), page.getByRole('tab', { name: 'Analysis' }), page.getByLabel('Preset')]) {
      await expect(region).toBeInViewport();
    }
    await page.screenshot({ path: `/tmp/editor-lenet-${width}.png` });
    await page.getByLabel('Preset').selectOption({ label: 'ResNet-50' });
    await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', '25636712');
    await page.getByRole('button', { name: 'Select conv2_block1_add' }).click();
    await page.screenshot({ path: `/tmp/editor-resnet-${width}.png` });
  });
}
