/**
 * Issue 8 in a real browser: train a small model in the worker with live curves, cancel a run,
 * and the sentence for a model the digits do not fit. Training is kept tiny (a few hundred
 * digits, one epoch): WebGL here is software-rendered, so the worker trains on wasm or cpu.
 */
import { expect, test, type Page } from './fixtures';
import { waitForAnalysis } from './state-helpers';

async function pickPreset(page: Page, value: string) {
  await page.getByRole('combobox', { name: 'Preset' }).selectOption(value);
  await waitForAnalysis(page);
}

async function openTrain(page: Page) {
  await page.getByRole('tab', { name: 'Train' }).click();
  await expect(page.getByRole('heading', { name: 'Train on the digits' })).toBeVisible();
}

async function setField(page: Page, label: string, value: string) {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Tab');
}

test('trains LeNet-300-100 for one epoch on 300 digits: live curves, test accuracy in the totals', async ({ page }) => {
  await page.goto('/');
  await pickPreset(page, 'lenet-300-100');
  await openTrain(page);
  await expect(page.getByTestId('test-accuracy')).toHaveCount(0);
  await setField(page, 'Epochs', '1');
  await setField(page, 'Batch size', '32');
  await setField(page, 'Training digits', '300');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('progressbar', { name: 'Training' })).toBeVisible();
  const result = page.getByTestId('train-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expect(result).toContainText('Trained 1 epoch on 300 digits from random weights');
  const accuracy = Number(await page.getByTestId('train-accuracy').getAttribute('data-value'));
  // Chance is 10 %; one epoch on 300 digits reaches well above it.
  expect(accuracy).toBeGreaterThan(0.4);
  const curves = page.getByTestId('training-curves');
  await expect(curves).toHaveAttribute('data-epochs', '1');
  expect(Number(await curves.getAttribute('data-batches'))).toBe(Math.ceil(300 / 32));
  await expect(curves.locator('.recharts-line path.recharts-curve').first()).toBeVisible();
  const total = page.getByTestId('test-accuracy');
  await expect(total).toHaveAttribute('data-value', String(accuracy));
  // The next run continues from these weights.
  await expect(page.getByText(/Continues from the current weights/)).toBeVisible();
});

test('Cancel stops a training run at once and the page stays usable', async ({ page }) => {
  await page.goto('/');
  await pickPreset(page, 'lenet-300-100');
  await openTrain(page);
  await setField(page, 'Epochs', '20');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const bar = page.getByRole('progressbar', { name: 'Training' });
  await expect(bar).toHaveAttribute('aria-valuetext', /Epoch 1 of 20, batch \d+/, { timeout: 60_000 });
  // The page answers while the worker trains, and the run goes on behind another tab.
  await page.getByRole('tab', { name: 'Analysis' }).click();
  await expect(page.getByRole('tab', { name: 'Analysis' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: 'Train' }).click();
  await expect(bar).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Training cancelled: the weights are as they were before.')).toBeVisible();
  await expect(bar).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  await expect(page.getByTestId('test-accuracy')).toHaveCount(0);
});

test('a model the digits do not fit says why and keeps its cost views', async ({ page }) => {
  await page.goto('/');
  await pickPreset(page, 'mobilenet-v1');
  await openTrain(page);
  await expect(page.getByRole('note')).toContainText(/The digits do not fit this model: Expected (input|output)/);
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toHaveCount(0);
  await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', /^\d+$/);
});

test('trained weights survive a reload (IndexedDB): the accuracy comes back with the model', async ({ page }) => {
  await page.goto('/');
  await pickPreset(page, 'lenet-300-100');
  await openTrain(page);
  await setField(page, 'Epochs', '1');
  await setField(page, 'Training digits', '300');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('train-result')).toBeVisible({ timeout: 60_000 });
  const accuracy = await page.getByTestId('test-accuracy').getAttribute('data-value');
  // The save (model.json + weights into IndexedDB) follows the result: wait until it is there.
  await expect.poll(() => page.evaluate(() => new Promise<boolean>((resolve) => {
    const open = indexedDB.open('floplab-weights');
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('weights')) { db.close(); resolve(false); return; }
      const get = db.transaction('weights').objectStore('weights').get('current');
      get.onsuccess = () => { db.close(); resolve(get.result !== undefined); };
      get.onerror = () => { db.close(); resolve(false); };
    };
    open.onerror = () => resolve(false);
  }))).toBe(true);
  await page.reload();
  await waitForAnalysis(page);
  await expect(page.getByTestId('test-accuracy')).toHaveAttribute('data-value', accuracy!);
  await expect(page.getByRole('region', { name: 'Model totals' })).toContainText('trained here');
  // The weights are in the worker again: the next run continues from them.
  await openTrain(page);
  await expect(page.getByText(/Continues from the current weights/)).toBeVisible();
});

test('the Train tab works from the keyboard', async ({ page }) => {
  await page.goto('/');
  await pickPreset(page, 'lenet-300-100');
  const compress = page.getByRole('tab', { name: 'Compress' });
  await compress.click();
  await compress.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Train' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Train on the digits' })).toBeVisible();
  const epochs = page.getByLabel('Epochs', { exact: true });
  await epochs.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1');
  // Tab order follows the form: batch size, learning rate, optimizer, seed, training digits.
  for (const name of ['Batch size', 'Learning rate', 'Optimizer', 'Seed', 'Training digits']) {
    await page.keyboard.press('Tab');
    await expect(page.getByLabel(name, { exact: true })).toBeFocused();
  }
  await page.keyboard.press('Control+A');
  await page.keyboard.type('200');
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await train.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('train-result')).toContainText('on 200 digits', { timeout: 60_000 });
});
