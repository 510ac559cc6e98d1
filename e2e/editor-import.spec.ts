import { expect, test, type Page } from './fixtures';
import { expectTotal, stackItems } from './editor-helpers';

// Input 28×28×1 → Flatten (784) → Dense 10: 784·10 + 10 = 7,850 params.
const CONFIG = {
  format: 'floplab', version: 1, name: 'Tiny MLP',
  layers: [
    { type: 'InputLayer', name: 'in', shape: [28, 28, 1] },
    { type: 'Flatten', name: 'flat' },
    { type: 'Dense', name: 'out', units: 10, useBias: true, activation: 'softmax' },
  ],
};
const file = (name: string, text: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

/** Drops files on the page the way a browser does (a native drag with Files). */
async function dropFiles(page: Page, files: { name: string; text: string }[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((fs) => {
    const dt = new DataTransfer();
    for (const f of fs) dt.items.add(new File([f.text], f.name, { type: 'application/json' }));
    return dt;
  }, files);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
}

test('"Import model" reads a FlopLab JSON file', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Import model', { exact: true }).setInputFiles(file('tiny.json', JSON.stringify(CONFIG)));
  await expect(stackItems(page)).toHaveCount(3);
  await expectTotal(page, 'total-params', 7_850);
});

test('dropping a file on the page imports it', async ({ page }) => {
  await page.goto('/');
  await dropFiles(page, [{ name: 'tiny.json', text: JSON.stringify(CONFIG) }]);
  await expect(stackItems(page)).toHaveCount(3);
  await expectTotal(page, 'total-params', 7_850);
});

test('an unreadable file gives an alert and the current model stays', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', /\d+/);
  const before = await page.getByTestId('total-params').getAttribute('data-value');
  // The stack loads just after the first totals: count its rows once they are there.
  await expect(stackItems(page).first()).toBeVisible();
  const count = await stackItems(page).count();
  expect(count).toBeGreaterThan(0);
  await page.getByLabel('Import model', { exact: true }).setInputFiles(file('broken.json', '{ not json'));
  const alert = page.getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(stackItems(page)).toHaveCount(count);
  await expectTotal(page, 'total-params', Number(before));
  await page.getByRole('button', { name: 'Dismiss message', exact: true }).click();
  await expect(alert).toHaveCount(0);
});

test('"Share link" fills a readonly "Share URL" textbox with a link that opens the same model', async ({ page, browser }) => {
  await page.goto('/');
  await page.getByLabel('Import model', { exact: true }).setInputFiles(file('tiny.json', JSON.stringify(CONFIG)));
  await expectTotal(page, 'total-params', 7_850);
  await page.getByRole('button', { name: 'Share link', exact: true }).click();
  const box = page.getByRole('textbox', { name: 'Share URL' });
  await expect(box).toHaveAttribute('readonly', '');
  const url = await box.inputValue();
  expect(url).toContain('#s=');
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  await expectTotal(other, 'total-params', 7_850);
  await fresh.close();
});
