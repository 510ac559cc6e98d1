/** "The current work is saved locally and restored after a reload" (issue 3). */
import { expect, test } from './fixtures';
import { expectParams, LENET5_PARAMS, readTotals } from './state-helpers';

test('reload keeps the work', async ({ page }) => {
  const fallbacks: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('in the worker failed')) fallbacks.push(m.text());
  });
  await page.goto('/');
  await expectParams(page, LENET5_PARAMS);
  // LeNet-5 without f6 (Dense 120→84): 61,706 − (120·84 + 84) − (84·10 + 10) + (120·10 + 10) = 51,902
  await page.getByRole('button', { name: 'Delete f6' }).click();
  await expectParams(page, 51902);
  await page.getByRole('combobox', { name: 'Device' }).selectOption('raspberry-pi-5');
  const totals = await readTotals(page);

  await page.reload();
  await expectParams(page, 51902);
  expect(await readTotals(page)).toEqual(totals);
  await expect(page.getByRole('combobox', { name: 'Device' })).toHaveValue('raspberry-pi-5');
  await expect(page.getByRole('list', { name: 'Layers' })).not.toContainText('f6');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(fallbacks).toEqual([]); // edits were analysed in the worker, not by the fallback
});

test('damaged saved work opens the default model with a message', async ({ page }) => {
  await page.goto('/');
  await expectParams(page, LENET5_PARAMS);
  await page.evaluate(() => localStorage.setItem('floplab.work', 'v1.damaged'));
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('saved work could not be restored');
  await expectParams(page, LENET5_PARAMS);
});
