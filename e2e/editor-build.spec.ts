import { expect, test } from './fixtures';
import { PRESETS } from '../src/core/presets/index';
import { buildSmallCnn, expectTotal, SEPARABLE, SMALL_CNN, stackItems } from './editor-helpers';

test('a small CNN built from the palette has the hand-worked totals', async ({ page }) => {
  await buildSmallCnn(page);
  await expect(stackItems(page).nth(0)).toContainText('InputLayer');
  await expect(stackItems(page).nth(1)).toContainText('conv2d');
  await expect(stackItems(page).nth(1)).toContainText('26×26×8');
  await expect(stackItems(page).nth(4)).toContainText('Dense');
  await expectTotal(page, 'total-params', SMALL_CNN.params);
  await expectTotal(page, 'total-macs', SMALL_CNN.macs);
  await expectTotal(page, 'total-flops', SMALL_CNN.flops);
  await expectTotal(page, 'total-weight-bytes', SMALL_CNN.weightBytes);
});

test('"Make separable" drops the MACs by the depthwise + pointwise saving, "Make normal" restores them', async ({ page }) => {
  await buildSmallCnn(page);
  await expectTotal(page, 'total-macs', SMALL_CNN.macs);
  await page.getByRole('button', { name: 'Select conv2d', exact: true }).click();
  await page.getByRole('button', { name: 'Make separable', exact: true }).click();
  await expectTotal(page, 'total-macs', SMALL_CNN.macs - SEPARABLE.macsDrop);
  await expectTotal(page, 'total-macs', SEPARABLE.macs);
  await expectTotal(page, 'total-params', SEPARABLE.params);
  await expect(stackItems(page).nth(1)).toContainText('SeparableConv2D');
  await page.getByRole('button', { name: 'Make normal', exact: true }).click();
  await expectTotal(page, 'total-macs', SMALL_CNN.macs);
});

test('an impossible kernel marks the layer with the engine message and the totals keep their last good values', async ({ page }) => {
  await buildSmallCnn(page);
  await expectTotal(page, 'total-params', SMALL_CNN.params);
  await page.getByRole('button', { name: 'Select conv2d', exact: true }).click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByLabel('Kernel height', { exact: true }).fill('50');
  await inspector.getByLabel('Kernel width', { exact: true }).fill('50');
  const error = page.getByTestId('layer-error');
  await expect(error).toHaveCount(1);
  await expect(error).toHaveAttribute('role', 'alert');
  await expect(error).toContainText('conv2d');
  await expect(stackItems(page).nth(1).getByTestId('layer-error')).toBeVisible();
  await expectTotal(page, 'total-params', SMALL_CNN.params);
  await expectTotal(page, 'total-macs', SMALL_CNN.macs);
  // Fixing it brings the figures back to life.
  await inspector.getByLabel('Kernel height', { exact: true }).fill('3');
  await inspector.getByLabel('Kernel width', { exact: true }).fill('3');
  await expect(page.getByTestId('layer-error')).toHaveCount(0);
  await expectTotal(page, 'total-macs', SMALL_CNN.macs);
});

test('invalid values are flagged inline and never reach the model', async ({ page }) => {
  await buildSmallCnn(page);
  await page.getByRole('button', { name: 'Select conv2d', exact: true }).click();
  const filters = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Filters', { exact: true });
  for (const bad of ['0', '-3', '2.5', '']) {
    await filters.fill(bad);
    await expect(filters).toHaveAttribute('aria-invalid', 'true');
    await expectTotal(page, 'total-params', SMALL_CNN.params);
  }
  await expect(page.getByText('Enter a number.')).toBeVisible();
  await filters.fill('16');
  await expect(filters).toHaveAttribute('aria-invalid', 'false');
  // 3·3·1·16 + 16 = 160 conv params; dense 13·13·16·10 + 10 = 27,050: 27,210 in all.
  await expectTotal(page, 'total-params', 27_210);
});

test('undo and redo by buttons and by Ctrl+Z / Ctrl+Shift+Z', async ({ page }) => {
  await buildSmallCnn(page);
  await expectTotal(page, 'total-params', SMALL_CNN.params);
  await page.getByRole('button', { name: 'Delete dense', exact: true }).click();
  await expect(stackItems(page)).toHaveCount(4);
  await expectTotal(page, 'total-params', 80);
  await page.getByRole('button', { name: /Undo/ }).click();
  await expect(stackItems(page)).toHaveCount(5);
  await expectTotal(page, 'total-params', SMALL_CNN.params);
  await page.getByRole('button', { name: /Redo/ }).click();
  await expect(stackItems(page)).toHaveCount(4);
  await page.locator('body').click({ position: { x: 5, y: 780 } });
  await page.keyboard.press('Control+z');
  await expect(stackItems(page)).toHaveCount(5);
  await expectTotal(page, 'total-params', SMALL_CNN.params);
  await page.keyboard.press('Control+Shift+z');
  await expect(stackItems(page)).toHaveCount(4);
  await expectTotal(page, 'total-params', 80);
});

test('Ctrl+Z while typing in a field is left to the field', async ({ page }) => {
  await buildSmallCnn(page);
  const units = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Units', { exact: true });
  await units.focus();
  await page.keyboard.press('Control+z');
  await expect(stackItems(page)).toHaveCount(5);
});

test('the Preset combobox lists every preset and loads ResNet-50 with 25,636,712 params', async ({ page }) => {
  await page.goto('/');
  const preset = page.getByRole('combobox', { name: 'Preset' });
  const offered = await preset.locator('option:not([disabled])').allTextContents();
  // Trained presets first, each with its recorded test accuracy (issue 8), then the others.
  const trained = PRESETS.filter((p) => p.trained);
  expect(trained.map((p) => p.id).sort()).toEqual(['lenet-300-100-digits', 'lenet-5-digits', 'student-mlp-digits']);
  expect(offered).toEqual([
    ...trained.map((p) => `${p.name}: ${(p.trained!.testAccuracy * 100).toFixed(2)} % test accuracy`),
    ...PRESETS.filter((p) => !p.trained).map((p) => p.name),
  ]);
  await preset.selectOption({ label: 'ResNet-50' });
  await expectTotal(page, 'total-params', 25_636_712);
  // Residual blocks are grouped and collapsible; the Add shows its explicit inputs. (The stack
  // draws the rows near its view: bring the block's header to the top of it first.)
  await page.getByRole('button', { name: /^conv2_block1\b/ }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const add = stackItems(page).filter({ hasText: 'conv2_block1_add' });
  await expect(add).toContainText('← conv2_block1_0_bn, conv2_block1_3_bn');
  const header = page.getByRole('button', { name: /^conv2_block1\b/ });
  await expect(header).toHaveAttribute('aria-expanded', 'true');
  await header.click();
  await expect(header).toHaveAttribute('aria-expanded', 'false');
  await expect(add).toHaveCount(0);
  await header.click();
  await expect(add).toHaveCount(1);
});

test('"Duplicate" inserts a copy right after the layer', async ({ page }) => {
  await buildSmallCnn(page);
  await page.getByRole('button', { name: 'Duplicate conv2d', exact: true }).click();
  await expect(stackItems(page)).toHaveCount(6);
  await expect(stackItems(page).nth(2)).toContainText('conv2d_1');
  // conv2d_1: 3×3 valid on 26×26×8 → 24×24×8; params 3·3·8·8 + 8 = 584; MACs 3·3·8 × 24·24·8 = 72 × 4,608 = 331,776.
  // pool → 12×12×8 = 1,152; dense 1,152·10 + 10 = 11,530 params, 11,520 MACs.
  // Totals: params 80 + 584 + 11,530 = 12,194; MACs 48,672 + 331,776 + 11,520 = 391,968.
  await expectTotal(page, 'total-params', 12_194);
  await expectTotal(page, 'total-macs', 391_968);
});

test('Export "FlopLab JSON" and "CSV" download the model and the per-layer table', async ({ page }) => {
  await buildSmallCnn(page);
  await expectTotal(page, 'total-params', SMALL_CNN.params);
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'FlopLab JSON', exact: true }).click()]);
  const config = JSON.parse(await (await json.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8')));
  expect(config.format).toBe('floplab');
  expect(config.layers.map((l: { name: string }) => l.name)).toEqual(['input', 'conv2d', 'max_pooling2d', 'flatten', 'dense']);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV', exact: true }).click()]);
  const text = Buffer.concat(await (await csv.createReadStream()).toArray()).toString('utf8');
  expect(text).toContain('conv2d,Conv2D,26x26x8,80,48672');
  expect(text).toContain(`TOTAL,,10,${SMALL_CNN.params},${SMALL_CNN.macs}`);
});
