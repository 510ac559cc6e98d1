import { expect, test } from './fixtures';

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
    // The stack is virtualised: bring the block's header to the top so its rows are drawn.
    await page.getByRole('button', { name: /^conv2_block1\b/ }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.getByRole('button', { name: 'Select conv2_block1_add' }).click();
    // The table and charts are drawn in the background (deferred); wait until they have caught up.
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await expect(page.getByRole('table').getByText('conv1_conv').first()).toBeVisible();
    await page.screenshot({ path: `/tmp/editor-resnet-${width}.png` });
  });
}

test('screenshot of a broken layer and an empty model at 1280×800', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Select c3', exact: true }).click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByLabel('Kernel height', { exact: true }).fill('40');
  await inspector.getByLabel('Filters', { exact: true }).fill('0');
  await expect(page.getByTestId('layer-error')).toBeVisible();
  await page.screenshot({ path: '/tmp/editor-error-1280.png' });
  await page.getByRole('button', { name: 'New model', exact: true }).click();
  await page.screenshot({ path: '/tmp/editor-empty-1280.png' });
});

test('screenshots of the Compare and Compress tabs at 1280×800', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Compare' }).click();
  await page.getByRole('button', { name: /lecture's pair/ }).click();
  await expect(page.getByRole('button', { name: 'Clear A', exact: true })).toBeVisible();
  await page.screenshot({ path: '/tmp/editor-compare-1280.png' });
  await page.getByRole('tab', { name: 'Compress' }).click();
  await page.screenshot({ path: '/tmp/editor-compress-1280.png' });
});
