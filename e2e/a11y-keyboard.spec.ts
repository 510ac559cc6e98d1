/**
 * A newcomer at projector size and by keyboard only (issue 7, "Keyboard and small things"):
 * the skip link, focus after adding a layer and after "Make separable", palette names that
 * contain their visible text, Compare naming B after its layers, the totals fitting their cards,
 * no scrolling into blank space, and "Measure" off on an empty model.
 */
import { expect, test, type Page } from './fixtures';
import { openEmptyModel } from './editor-helpers';
import { focusedName, KeyCounter } from './keyboard-helpers';
import { waitForAnalysis } from './state-helpers';

/** The palette button whose accessible name starts with `prefix` (e.g. "Add Input"), by its full name. */
async function paletteName(page: Page, prefix: string): Promise<string> {
  const name = await page.getByRole('button', { name: new RegExp(`^${prefix}\\b`) }).first().getAttribute('aria-label');
  if (name === null) throw new Error(`No palette button named '${prefix}…'`);
  return name;
}

test("keyboard only: the lecture's 7×7 conv is built with few key presses; each added layer's first field gets the focus", async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'FlopLab' })).toBeVisible();
  const keys = new KeyCounter(page);
  await keys.tabTo('New model');
  await keys.press('Enter');
  await expect(page.getByRole('list', { name: 'Layers' }).getByRole('listitem')).toHaveCount(0);

  // Input 25×25×9 (normal-vs-separable.ts).
  await keys.tabTo(await paletteName(page, 'Add Input'));
  await keys.press('Enter');
  await expect.poll(() => focusedName(page)).toBe('Height');
  await keys.tabTo('Height');
  await keys.replace('25');
  await keys.tabTo('Width');
  await keys.replace('25');
  await keys.tabTo('Channels');
  await keys.replace('9');

  // Conv2D: 64 filters, 7×7, 'valid'.
  await keys.tabTo('Add Conv2D');
  await keys.press('Enter');
  await expect.poll(() => focusedName(page)).toBe('Filters');
  await keys.tabTo('Filters');
  await keys.replace('64');
  await keys.tabTo('Kernel height');
  await keys.replace('7');
  await keys.tabTo('Kernel width');
  await keys.replace('7');
  await keys.tabTo('Padding');
  await keys.press('v'); // a closed <select> takes the option that starts with the typed letter
  await expect(page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Padding', { exact: true })).toHaveValue('valid');
  await keys.press('Tab'); // leave the last field so it commits

  // 7·7·9 × 19·19·64 = 10,188,864 MACs; params 7·7·9·64 + 64 = 28,288.
  await expect(page.getByTestId('total-macs')).toHaveAttribute('data-value', '10188864');
  await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', '28288');
  testInfo.annotations.push({ type: 'key presses', description: `lecture conv by keyboard: ${keys.presses}` });
  console.log(`[a11y-keyboard] key presses to build the lecture's conv: ${keys.presses}`);
  // Without Tabs: 3 Enter + 6 × Ctrl+A + 9 digits + 'v' + the last Tab = 20 presses. With the focus
  // left on the palette after each add this took 127 in all (Tab across the page to every field);
  // with the focus on the new layer's first field, 72 (of which 32 are the Shift+Tab trip from
  // Channels back to "Add Conv2D"). The bound leaves room for a few more palette buttons or fields.
  expect(keys.presses).toBeLessThan(90);
});

test('the first Tab reaches a visible "Skip to main content" link that jumps to the editor', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'FlopLab' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect.poll(() => focusedName(page)).toBe('Skip to main content');
  const link = page.getByRole('link', { name: 'Skip to main content' });
  await expect(link).toBeInViewport();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  // The next stop is inside <main>, past the whole header.
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('header') === null)).toBe(true);
});

test('"Make separable" and "Make normal" keep the focus on the swapped layer\'s button', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('normal-vs-separable-normal');
  await page.getByRole('button', { name: 'Select conv', exact: true }).click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByRole('button', { name: 'Make separable' }).focus();
  await page.keyboard.press('Enter');
  await expect(inspector).toContainText('SeparableConv2D');
  await expect(inspector.getByRole('button', { name: 'Make normal' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(inspector.getByRole('button', { name: 'Make separable' })).toBeFocused();
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
});

test("every palette button's accessible name contains its visible text as a word (WCAG 2.5.3)", async ({ page }) => {
  await page.goto('/');
  const buttons = page.locator('#palette-items button');
  await expect(buttons.first()).toBeVisible();
  const pairs = await buttons.evaluateAll((els) => els.map((el) => [el.textContent?.trim() ?? '', el.getAttribute('aria-label') ?? '']));
  expect(pairs.length).toBeGreaterThan(10);
  for (const [visible, name] of pairs) {
    expect(name, `'${visible}'`).toMatch(new RegExp(`(^|\\s)${visible.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`));
  }
});

test('Compare calls B after its layers once its conv is made separable', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('normal-vs-separable-normal');
  await expect(page.getByTestId('total-macs')).toHaveAttribute('data-value', '10188864');
  await waitForAnalysis(page);
  await page.getByRole('tab', { name: 'Compare' }).click();
  await page.getByRole('button', { name: 'Pin the current model as A' }).click();
  await page.getByRole('button', { name: 'Select conv', exact: true }).click();
  await page.getByRole('complementary', { name: 'Inspector' }).getByRole('button', { name: 'Make separable' }).click();
  // 7·7 × 19·19·9 + 9 × 19·19·64 = 159,201 + 207,936 = 367,137 MACs.
  await expect(page.getByTestId('total-macs')).toHaveAttribute('data-value', '367137');
  const compare = page.getByRole('region', { name: 'Comparison A vs B' });
  await expect(compare.getByTestId('compare-name-b')).toHaveText('Separable 7×7 convolution');
  await expect(compare).toContainText('A is the pinned model (Normal 7×7 convolution');
});

for (const [width, height] of [[1024, 768], [1280, 800]] as const) {
  test(`at ${width}×${height}: the page never scrolls into blank space and the totals fit their cards`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/');
    await page.getByRole('tab', { name: 'Compare' }).click();
    await page.getByRole('button', { name: "Open the lecture's pair (normal vs separable)" }).click();
    await expect(page.getByTestId('separable-swap')).toBeVisible();
    await page.getByRole('checkbox', { name: 'Show unchanged layers' }).check();
    await expect(page.getByRole('region', { name: 'Per-layer differences' }).locator('tbody tr')).toHaveCount(3);
    // The screen-reader captions sit inside their boxes: the document is no taller than its content.
    const contentBottom = await page.evaluate(() => Math.max(...[...document.body.children].map((el) => el.getBoundingClientRect().bottom + window.scrollY)));
    const scrollHeight = await page.evaluate(() => document.scrollingElement!.scrollHeight);
    expect(scrollHeight).toBeLessThanOrEqual(Math.max(height, Math.ceil(contentBottom)));
    // Nothing in the Compare view is cut off at the right: wide tables scroll in their own box.
    const panel = page.getByRole('tabpanel');
    expect(await panel.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);

    // VGG-16 with the detailed convention has the widest figures ("30.97 G FLOPs").
    await page.getByRole('combobox', { name: 'Preset' }).selectOption('vgg-16');
    await page.getByRole('tab', { name: 'Analysis' }).click();
    await page.getByRole('checkbox', { name: 'Detailed FLOPs' }).check();
    await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', '138357544');
    await waitForAnalysis(page);
    const overflowing = await page.getByRole('region', { name: 'Model totals' }).locator('[data-testid]').evaluateAll((els) =>
      els.filter((el) => el.scrollWidth > el.clientWidth || el.getBoundingClientRect().right > el.parentElement!.getBoundingClientRect().right)
        .map((el) => el.getAttribute('data-testid')));
    expect(overflowing).toEqual([]);
  });
}

test('"Measure" is off on an empty model and says why', async ({ page }) => {
  await openEmptyModel(page);
  const measure = page.getByRole('button', { name: 'Measure in this browser' });
  await expect(measure).toBeDisabled();
  await expect(measure).toHaveAccessibleDescription(/The model is empty/);
  await expect(page.getByTestId('measure-disabled-reason')).toBeVisible();
  await page.getByRole('button', { name: 'Add Input (InputLayer)', exact: true }).click();
  await expect(measure).toBeEnabled();
  await expect(page.getByTestId('measure-disabled-reason')).toHaveCount(0);
});
