/**
 * Share links (issue 3, "Sharing and keeping work"): a link reproduces the model, device and
 * view in a fresh browser; a damaged or hostile link shows a message and opens the default model.
 */
import { expect, test } from './fixtures';
import { deflateSync } from 'fflate';
import { expectParams, LENET5_PARAMS, readTotals } from './state-helpers';

test('a shared link opens the same model, device and view in a fresh browser', async ({ page, browser }) => {
  await page.goto('/');
  await expectParams(page, LENET5_PARAMS);
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('resnet-50');
  await expectParams(page, 25636712); // ResNet-50 (Keras applications): 25,636,712 params
  await page.getByLabel('Peak GFLOPS').fill('321');
  await page.getByLabel('Peak GFLOPS').press('Tab');
  await expect(page.getByRole('combobox', { name: 'Device' })).toHaveValue('custom');
  await page.getByRole('checkbox', { name: 'Detailed FLOPs' }).check();
  const totals = await readTotals(page);

  await page.getByRole('button', { name: 'Share link' }).click();
  const url = await page.getByRole('textbox', { name: 'Share URL' }).inputValue();
  expect(url).toMatch(/#s=v1\.[A-Za-z0-9_-]+$/);
  expect(url.length).toBeLessThanOrEqual(2000);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  await expectParams(other, 25636712);
  expect(await readTotals(other)).toEqual(totals);
  await expect(other.getByRole('combobox', { name: 'Preset' })).toHaveValue('resnet-50');
  await expect(other.getByRole('combobox', { name: 'Device' })).toHaveValue('custom');
  await expect(other.getByLabel('Peak GFLOPS')).toHaveValue('321');
  await expect(other.getByRole('checkbox', { name: 'Detailed FLOPs' })).toBeChecked();
  await expect(other.getByRole('alert')).toHaveCount(0);
  await fresh.close();
});

test('a damaged link shows a message and opens the default model', async ({ page }) => {
  await page.goto('/#s=v1.this-is-not-a-real-link');
  await expect(page.getByRole('alert')).toContainText('This share link is damaged');
  await expect(page.getByRole('alert')).toContainText('Opened the default model instead');
  await expectParams(page, LENET5_PARAMS);
  await expect(page.getByRole('combobox', { name: 'Preset' })).toHaveValue('lenet-5');
});

test('a hostile link runs no script and is refused with a message', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  // Schema-valid shape, but a field the schema forbids, and markup in the names.
  const hostile = {
    g: { n: '<img src=x onerror=alert(1)>', l: [{ t: 0, n: '<script>alert(2)</script>', h: [8, 8, 3] }, { t: 5, n: 'd', u: 1e12 }] },
    d: 'raspberry-pi-4',
  };
  const encoded = Buffer.from(deflateSync(new TextEncoder().encode(JSON.stringify(hostile)))).toString('base64url');
  await page.goto(`/#s=v1.${encoded}`);
  await expect(page.getByRole('alert')).toContainText('This share link is damaged');
  await expectParams(page, LENET5_PARAMS);
  expect(dialogs).toBe(0);
});

test('markup in a valid link is shown as text, never run', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  const markup = {
    g: { n: 'x', l: [{ t: 0, n: '<img src=x onerror=alert(1)>', h: [4] }, { t: 5, n: '<b>d</b>', u: 3 }] },
    d: 'raspberry-pi-4',
  };
  const encoded = Buffer.from(deflateSync(new TextEncoder().encode(JSON.stringify(markup)))).toString('base64url');
  await page.goto(`/#s=v1.${encoded}`);
  await expectParams(page, 4 * 3 + 3);
  await expect(page.getByRole('list', { name: 'Layers' })).toContainText('<b>d</b>');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(dialogs).toBe(0);
});
