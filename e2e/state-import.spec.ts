/**
 * "Import model" (issue 3): a TensorFlow.js model.json with its weights file, saved by tfjs
 * itself (e2e/fixtures/make-state-fixtures.ts); a malformed file leaves the model as it was.
 */
import { expect, test } from './fixtures';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectParams, LENET5_PARAMS } from './state-helpers';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

test('importing a model.json shows its figures', async ({ page }) => {
  await page.goto('/');
  await expectParams(page, LENET5_PARAMS);
  await page.getByLabel('Import model').setInputFiles([
    join(FIXTURES, 'state-small-cnn', 'model.json'), join(FIXTURES, 'state-small-cnn', 'small-cnn.weights.bin'),
  ]);
  await expect(page.getByRole('status').filter({ hasText: 'Imported model.json (6 layers)' })).toBeVisible();
  // 28×28×1 → conv 3×3×8 → 26×26×8 → pool 2 → 13×13×8 → conv 3×3×16 → 11×11×16 → 1936 → dense 10
  // params: (9·1·8 + 8) + (9·8·16 + 16) + (1936·10 + 10) = 80 + 1,168 + 19,370 = 20,618 (= tfjs countParams)
  await expectParams(page, 20618);
  // MACs: 9·1 × 26·26·8 + 9·8 × 11·11·16 + 1936·10 = 48,672 + 139,392 + 19,360 = 207,424
  await expect(page.getByTestId('total-macs')).toHaveAttribute('data-value', '207424');
  // FLOPs (default): 2 × MACs + one per pooled output 13·13·8 = 414,848 + 1,352 = 416,200
  await expect(page.getByTestId('total-flops')).toHaveAttribute('data-value', '416200');
  await expect(page.getByRole('list', { name: 'Layers' })).toContainText('conv_b');
});

test('a malformed model.json gives a message and the model stays', async ({ page }) => {
  await page.goto('/');
  await expectParams(page, LENET5_PARAMS);
  // A model.json cut short in the middle of its topology.
  await page.getByLabel('Import model').setInputFiles(join(FIXTURES, 'state-malformed-model.json'));
  await expect(page.getByRole('alert')).toContainText('state-malformed-model.json');
  await expect(page.getByRole('alert')).toContainText('not valid JSON');
  await expectParams(page, LENET5_PARAMS);
  await expect(page.getByRole('combobox', { name: 'Preset' })).toHaveValue('lenet-5');
});

test('a model.json that is JSON but no model names the problem', async ({ page }) => {
  await page.goto('/');
  await expectParams(page, LENET5_PARAMS);
  await page.getByLabel('Import model').setInputFiles({
    name: 'model.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": "world"}'),
  });
  await expect(page.getByRole('alert')).toContainText('Could not import model.json');
  await expectParams(page, LENET5_PARAMS);
});
