/**
 * The analysis views as a user meets them: totals, the per-layer table (MACs/FLOPs switch,
 * sorting, formulas, detailed convention), the device picker and the A vs B comparison.
 *
 * Hand-worked figures (COUNTING.md):
 *   VGG-16: 15,470,264,320 MACs, 138,357,544 params (COUNTING.md worked check).
 *   VGG-16 default FLOPs = 2 × MACs + one per pooled output element of the five 2×2 max pools:
 *     112·112·64 + 56·56·128 + 28·28·256 + 14·14·512 + 7·7·512 = 1,530,368
 *     2 × 15,470,264,320 + 1,530,368 = 30,942,059,008
 *   block2_conv1 (3×3, 64 → 128, 112×112 'same'): 3·3·64 × 112·112·128 = 924,844,032 MACs;
 *     separable: 3·3 × 112·112·64·1 + 64·1 × 112·112·128 = 7,225,344 + 102,760,448 = 109,985,792,
 *     saving 814,858,240 MACs; ratio 1/128 + 1/9 = 0.119.
 */
import { expect, test, type Page } from './fixtures';
import { waitForAnalysis } from './state-helpers';

const VGG = { macs: 15_470_264_320, params: 138_357_544, flops: 30_942_059_008 } as const;

async function openPreset(page: Page, id: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Preset' }).selectOption(id);
}

const table = (page: Page) => page.getByRole('region', { name: 'Per-layer costs' });
const bodyRows = (page: Page) => table(page).locator('tbody tr[data-layer]');

test('totals, MACs/FLOPs switch, sorting and a formula with its numbers', async ({ page }) => {
  await openPreset(page, 'vgg-16');
  await expect(page.getByTestId('total-macs')).toHaveAttribute('data-value', String(VGG.macs));
  await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', String(VGG.params));
  await expect(page.getByTestId('total-flops')).toHaveAttribute('data-value', String(VGG.flops));
  await expect(page.getByTestId('total-macs')).toHaveText('15.47 G MACs');
  await expect(page.getByTestId('total-params')).toHaveText('138.4 M');

  // MACs / FLOPs switch: the column follows.
  const grid = table(page);
  await expect(grid.getByRole('columnheader', { name: /^MACs/ })).toBeVisible();
  await grid.getByRole('radio', { name: 'FLOPs', exact: true }).check();
  await expect(grid.getByRole('columnheader', { name: /^FLOPs/ })).toBeVisible();
  await expect(grid.getByRole('button', { name: /^FLOPs of block1_pool: 802,816\./ })).toBeVisible();
  await grid.getByRole('radio', { name: 'MACs', exact: true }).check();

  // Sorting by params: largest first, then flipped.
  const paramsHeader = grid.getByRole('columnheader', { name: /^Params/ });
  await expect(paramsHeader).toHaveAttribute('aria-sort', 'none');
  await paramsHeader.getByRole('button').click();
  await expect(paramsHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(bodyRows(page).first()).toHaveAttribute('data-layer', 'fc1');
  await paramsHeader.getByRole('button').click();
  await expect(paramsHeader).toHaveAttribute('aria-sort', 'ascending');
  // The table draws the rows near its view: at the bottom of its box, the last row is fc1.
  await grid.getByRole('region', { name: 'Layer table (scrolls)' }).evaluate((box) => { box.scrollTop = box.scrollHeight; });
  await expect(bodyRows(page).last()).toHaveAttribute('data-layer', 'fc1');
  await expect(bodyRows(page).last()).toHaveAttribute('aria-rowindex', await grid.getByRole('table').getAttribute('aria-rowcount') ?? '');
  await grid.getByRole('columnheader', { name: /^#/ }).getByRole('button').click();
  await expect(bodyRows(page).first()).toHaveAttribute('data-layer', 'input_1');

  // Clicking a figure shows its formula with the numbers filled in; clicking again hides it.
  const macs = grid.getByRole('button', { name: /^MACs of block2_conv1: 924,844,032\./ });
  await macs.click();
  const formula = grid.getByRole('figure', { name: 'Formula: MACs of block2_conv1 (Conv2D)' });
  await expect(formula.getByTestId('formula-text')).toHaveText('K·K·Cin × Hout·Wout·Cout = 3·3·64 × 112·112·128 = 924,844,032');
  await expect(formula.locator('.katex')).toBeVisible();
  await macs.click();
  await expect(formula).toHaveCount(0);

  // The row click selected the layer: the row is highlighted and the inspector shows it.
  await expect(grid.locator('tr[data-layer="block2_conv1"]')).toHaveAttribute('aria-current', 'true');
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toContainText('block2_conv1');
});

test('the detailed convention raises total FLOPs and the per-layer figures follow', async ({ page }) => {
  await openPreset(page, 'vgg-16');
  const flops = page.getByTestId('total-flops');
  await expect(flops).toHaveAttribute('data-value', String(VGG.flops));
  // block1_conv1 by default: 2 × 3·3·3 × 224·224·64 = 2 × 86,704,128 = 173,408,256 FLOPs.
  await table(page).getByRole('radio', { name: 'FLOPs', exact: true }).check();
  const conv1 = table(page).getByRole('button', { name: /^FLOPs of block1_conv1: / });
  await expect(conv1).toHaveAccessibleName(/: 173,408,256\./);
  await table(page).getByRole('checkbox', { name: 'Detailed FLOPs' }).check();
  await expect(conv1).not.toHaveAccessibleName(/: 173,408,256\./);
  await expect(flops).not.toHaveAttribute('data-value', String(VGG.flops));
  const detailed = Number(await flops.getAttribute('data-value'));
  expect(detailed).toBeGreaterThan(VGG.flops);
  await expect(page.getByRole('region', { name: 'Model totals' })).toContainText('detailed convention');
  await table(page).getByRole('checkbox', { name: 'Detailed FLOPs' }).uncheck();
  await expect(flops).toHaveAttribute('data-value', String(VGG.flops));
});

test('changing the device changes the latency estimate; typed figures switch to Custom', async ({ page }) => {
  await openPreset(page, 'vgg-16');
  const latency = page.getByTestId('latency-estimate-ms');
  // The default model's latency is on show until VGG-16's analysis lands: read it only after.
  await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', String(VGG.params));
  await waitForAnalysis(page);
  await expect(latency).toHaveAttribute('data-value', /\d/);
  const before = await latency.getAttribute('data-value');
  const device = page.getByRole('combobox', { name: 'Device' });
  // The Analysis view loads after the first totals: wait for its device picker to be there.
  await expect(device).toBeVisible();
  const options = await device.locator('option').allTextContents();
  expect(options).toContain('Custom');
  await device.selectOption('rtx-4090');
  await expect(latency).not.toHaveAttribute('data-value', before!);
  await expect(page.getByLabel('Peak GFLOPS')).toHaveValue('82600');
  await expect(page.getByText(/Source:.*Ada Lovelace/)).toBeVisible();

  const onGpu = Number(await latency.getAttribute('data-value'));
  await page.getByLabel('Peak GFLOPS').fill('8260');
  await expect(device).toHaveValue('custom');
  await expect(latency).not.toHaveAttribute('data-value', String(onGpu));
  expect(Number(await latency.getAttribute('data-value'))).toBeGreaterThan(onGpu);

  // A bad figure is refused inline; the last good estimate stays.
  const kept = await latency.getAttribute('data-value');
  await page.getByLabel('Memory bandwidth (GB/s)').fill('-3');
  await expect(page.getByText(/Enter a positive number/)).toBeVisible();
  await expect(latency).toHaveAttribute('data-value', kept!);
});

test('pin A, make a conv separable, and see the saving with 1/Cout + 1/K² filled in', async ({ page }) => {
  await openPreset(page, 'vgg-16');
  await page.getByRole('tab', { name: 'Compare' }).click();
  await page.getByRole('button', { name: 'Pin the current model as A' }).click();
  await page.getByRole('tab', { name: 'Analysis' }).click();
  await table(page).locator('tr[data-layer="block2_conv1"]').click();
  await page.getByRole('complementary', { name: 'Inspector' }).getByRole('button', { name: 'Make separable' }).click();
  await expect(page.getByTestId('total-macs')).toHaveAttribute('data-value', String(VGG.macs - 814_858_240));

  await page.getByRole('tab', { name: 'Compare' }).click();
  const compare = page.getByRole('region', { name: 'Comparison A vs B' });
  await expect(compare.getByTestId('compare-macs')).toHaveAttribute('data-delta', String(-814_858_240));
  const swap = compare.getByTestId('separable-swap');
  await expect(swap).toHaveCount(1);
  await expect(swap).toContainText('block2_conv1: Conv2D → SeparableConv2D');
  await expect(swap.getByTestId('swap-saving')).toHaveAttribute('data-value', '814858240');
  await expect(swap).toContainText('depthwise 7,225,344 + pointwise 102,760,448');
  await expect(swap.getByTestId('swap-formula')).toHaveText('1/Cout + 1/K² = 1/128 + 1/9 = 0.119');
  await expect(swap).toContainText('pointwise');
  const changed = compare.getByRole('region', { name: 'Per-layer differences' }).locator('tbody tr');
  await expect(changed).toHaveCount(1);
  await expect(changed.first()).toHaveAttribute('data-layer', 'block2_conv1');
});

test("the lecture's preset pair is compared even though its layers are named differently", async ({ page }) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Compare' }).click();
  await page.getByRole('button', { name: "Open the lecture's pair (normal vs separable)" }).click();
  const swap = page.getByTestId('separable-swap');
  await expect(swap).toContainText('conv → separable_conv: Conv2D → SeparableConv2D');
  // 7·7·9 × 19·19·64 = 10,188,864 → 159,201 + 207,936 = 367,137 MACs (normal-vs-separable preset).
  await expect(swap.getByTestId('swap-saving')).toHaveAttribute('data-value', String(10_188_864 - 367_137));
  await expect(swap.getByTestId('swap-formula')).toHaveText('1/Cout + 1/K² = 1/64 + 1/49 = 0.036');
});

test('a broken layer dims the totals, keeps the last good figures and is marked in the table', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('lenet-5');
  const macs = page.getByTestId('total-macs');
  await expect(macs).toHaveAttribute('data-value', /^\d+$/);
  const good = await macs.getAttribute('data-value');
  await table(page).locator('tr[data-layer="c1"]').click();
  // LeNet-5's c1 reads a 32×32 input with 'valid' padding: a 40-high kernel cannot fit.
  await page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Kernel height', { exact: true }).fill('40');
  await expect(page.getByRole('region', { name: 'Model totals' }).getByRole('status')).toContainText('Showing the last valid model');
  await expect(macs).toHaveAttribute('data-value', good!);
  await expect(table(page).getByTestId('layer-table-error')).toContainText('c1');
});
