/**
 * Issue 8 in a real browser: a trained preset shows its test accuracy at once; pruning 90 % of
 * its weights loses accuracy, and retraining (masks fixed) wins it back. Kept short
 * for software WebGL: LeNet-300-100 is dense (the worker runs wasm), the test split is the full
 * 2,000 digits (inference is quick), retraining is one epoch on the 8,000 training digits.
 */
import { expect, test, type Page } from './fixtures';
import { waitForAnalysis } from './state-helpers';

const TRAINED = 'lenet-300-100-digits';

async function setField(page: Page, label: string, value: string) {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Tab');
}

async function pruneOnly(page: Page, sparsityPercent: string) {
  for (const stage of ['Share', 'Quantize', 'Huffman']) {
    const box = page.getByRole('checkbox', { name: new RegExp(`^${stage}`) });
    if (await box.isChecked()) await box.uncheck();
  }
  await setField(page, 'Pruning sparsity (%)', sparsityPercent);
}

async function compressAndRead(page: Page): Promise<{ before: number; after: number }> {
  await page.getByRole('button', { name: 'Compress', exact: true }).click();
  await expect(page.getByRole('progressbar', { name: 'Compressing' })).toHaveCount(0, { timeout: 80_000 });
  const before = page.getByTestId('accuracy-before');
  await expect(before).toBeVisible();
  return {
    before: Number(await before.getAttribute('data-value')),
    after: Number(await page.getByTestId('accuracy-after').getAttribute('data-value')),
  };
}

test('a trained preset shows its recorded test accuracy at once, and in the preset list', async ({ page }) => {
  await page.goto('/');
  const preset = page.getByRole('combobox', { name: 'Preset' });
  const option = preset.locator(`option[value="${TRAINED}"]`);
  await expect(option).toHaveText(/LeNet-300-100.*: \d+\.\d\d % test accuracy/);
  // Every trained preset says so, with its recorded accuracy (LeNet-300-100, LeNet-5, the student MLP as they ship).
  const trainedOptions = preset.locator('optgroup[label^="Trained"] option');
  expect(await trainedOptions.count()).toBeGreaterThanOrEqual(2);
  for (const text of await trainedOptions.allTextContents()) expect(text).toMatch(/: \d+\.\d\d % test accuracy$/);
  await preset.selectOption(TRAINED);
  await waitForAnalysis(page);
  const total = page.getByTestId('test-accuracy');
  await expect(total).toBeVisible();
  const recorded = Number(await total.getAttribute('data-value'));
  expect(recorded).toBeGreaterThan(0.9);
  await expect(option).toContainText(`${(recorded * 100).toFixed(2)} %`);
});

test('pruning 90 %: without retraining accuracy drops; one epoch of retraining (masks fixed) keeps it within 1 point', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Preset' }).selectOption(TRAINED);
  await waitForAnalysis(page);
  await page.getByRole('tab', { name: 'Compress' }).click();
  await pruneOnly(page, '90');
  await setField(page, 'Retraining epochs', '0');
  const plain = await compressAndRead(page);
  // The plan's defaults: one epoch on the 8,000 training digits, SGD with momentum at 0.05 (a few
  // seconds for this dense model).
  await setField(page, 'Retraining epochs', '1');
  const retrained = await compressAndRead(page);
  const recorded = Number(await page.getByTestId('test-accuracy').getAttribute('data-value'));
  // 'before' is the shipped weights' accuracy, measured in the browser: the recorded figure.
  expect(plain.before).toBeCloseTo(recorded, 6);
  expect(retrained.before).toBe(plain.before);
  const dropPlain = plain.before - plain.after;
  const dropRetrained = retrained.before - retrained.after;
  console.log(`prune 90 %: ${plain.before} -> ${plain.after} without retraining, -> ${retrained.after} with 1 epoch on 8,000 digits`);
  expect(dropRetrained).toBeLessThanOrEqual(0.01);
  expect(dropPlain).toBeGreaterThan(dropRetrained);
  // The waterfall gains an accuracy line.
  await expect(page.getByText(/Green line: test accuracy after the stage/)).toBeVisible();
});

test('Sweep sparsity: says how long it takes, then accuracy without and with retraining at 8 sparsities', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Preset' }).selectOption(TRAINED);
  await waitForAnalysis(page);
  await page.getByRole('tab', { name: 'Compress' }).click();
  await page.getByRole('button', { name: 'Sweep sparsity' }).click();
  const estimate = page.getByTestId('sweep-estimate');
  await expect(estimate).toContainText(/This sweep takes about \d+ s in this browser/, { timeout: 60_000 });
  const estimateMs = Number(await estimate.getAttribute('data-value'));
  const started = Date.now();
  const table = page.getByTestId('sweep-table');
  await expect(table).toBeVisible({ timeout: 280_000 });
  const rows = await table.locator('tbody tr').allTextContents();
  console.log(`sweep: estimated ${(estimateMs / 1000).toFixed(0)} s, took ${((Date.now() - started) / 1000).toFixed(0)} s after the estimate`);
  console.log(rows.join('\n'));
  expect(rows).toHaveLength(8);
  expect(rows[0]).toMatch(/^0 %/);
  expect(rows[7]).toMatch(/^99 %/);
  // Han et al. Fig. 5's shape: at 99 % retraining keeps far more than pruning alone.
  const pct = (s: string) => [...s.matchAll(/(\d+\.\d\d) %/g)].map((m) => Number(m[1]));
  const [plain99, retrained99] = pct(rows[7]);
  expect(retrained99).toBeGreaterThan(plain99);
});

test('Reproduce Deep Compression: the table beside the paper\'s row, noting our 8,000 training digits', async ({ page }) => {
  test.setTimeout(400_000);
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Preset' }).selectOption(TRAINED);
  await waitForAnalysis(page);
  await page.getByRole('tab', { name: 'Compress' }).click();
  const started = Date.now();
  await page.getByRole('button', { name: 'Reproduce Deep Compression' }).click();
  await expect(page.getByRole('progressbar', { name: 'Reproducing Deep Compression' })).toBeVisible();
  const result = page.getByTestId('deep-compression-result');
  await expect(result).toBeVisible({ timeout: 380_000 });
  const ratio = Number(await result.getAttribute('data-ratio'));
  const table = page.getByRole('region', { name: "Deep Compression, ours and the paper's" });
  console.log(`Deep Compression in the browser: ${((Date.now() - started) / 1000).toFixed(0)} s\n${(await table.locator('tr').allInnerTexts()).join('\n')}`);
  expect(ratio).toBeGreaterThanOrEqual(35);
  await expect(table.getByRole('rowheader', { name: /^Paper:/ })).toBeVisible();
  await expect(result).toContainText('we train on 8,000 digits');
});
