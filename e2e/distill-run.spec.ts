/**
 * Issue 9 in a real browser: a short distillation (one epoch, few labels) from the trained
 * LeNet-300-100 into the student MLP draws both students' curves and the gap figure; the
 * distilled student can be kept as the current model. Kept tiny: WebGL here is software-rendered
 * and the worker trains the dense student on wasm.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';

async function setField(page: Page, label: string, value: string) {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Tab');
}

test('a one-epoch distillation shows both curves, the four figures and keeps the student', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Distill' }).click();
  await expect(page.getByRole('heading', { name: 'Knowledge distillation' })).toBeVisible();
  // Both models' costs side by side, from the cost engine: LeNet-300-100 has 266,610 params, the student 50,890 (784·64 + 64 + 64·10 + 10).
  const costs = page.getByTestId('distill-costs');
  await expect(costs).toContainText('266.6 K');
  await expect(costs).toContainText('50.89 K');
  await expect(page.getByLabel('Transfer set')).toBeChecked();
  await expect(page.getByLabel('Labelled examples', { exact: true })).toHaveValue('500');
  await setField(page, 'Epochs', '1');
  await setField(page, 'Labelled examples', '200');
  await setField(page, 'Temperature', '4');
  await setField(page, 'Alpha', '0.1');
  await page.getByLabel('Transfer set').uncheck();
  await page.getByRole('button', { name: 'Distill', exact: true }).click();
  await expect(page.getByRole('progressbar', { name: 'Distilling' })).toBeVisible();
  const gap = page.getByTestId('gap-recovered');
  await expect(gap).toBeVisible({ timeout: 50_000 });
  const value = (name: string) => page.getByTestId(name).getAttribute('data-value').then(Number);
  const teacher = await value('teacher-accuracy');
  const alone = await value('student-alone-accuracy');
  const distilled = await value('student-distilled-accuracy');
  // The shipped teacher's recorded accuracy is 97.05 %; the students are above chance after one epoch.
  expect(teacher).toBeGreaterThan(0.95);
  expect(alone).toBeGreaterThan(0.1);
  expect(distilled).toBeGreaterThan(0.1);
  const gapText = await gap.getAttribute('data-value');
  if (teacher > alone) expect(Number(gapText)).toBeCloseTo((distilled - alone) / (teacher - alone), 6);
  else expect(gapText).toBe('');
  const curves = page.getByTestId('distill-curves');
  await expect(curves).toHaveAttribute('data-epochs', '1');
  await expect(curves.locator('.distill-line-alone')).toHaveCount(1);
  await expect(curves.locator('.distill-line-distilled')).toHaveCount(1);
  await expect(curves.locator('.recharts-reference-line')).toHaveCount(1);
  await expect(page.getByTestId('dark-knowledge')).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  // Keep it: the distilled student becomes the current model, with its accuracy measured.
  await page.getByRole('button', { name: 'Keep the distilled student' }).click();
  await expect(page.getByText(/Imported model\.json/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('test-accuracy')).toHaveAttribute('data-value', String(distilled));
  const totals = page.getByRole('region', { name: 'Model totals' });
  await expect(totals).toContainText('50.89 K');
  // Undoable: one step back is the model from before.
  await page.getByRole('button', { name: /Undo/ }).click();
  await expect(totals).not.toContainText('50.89 K');
});

test('Cancel stops a distillation at once and the page stays usable', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Distill' }).click();
  await page.getByRole('button', { name: 'Distill', exact: true }).click();
  const bar = page.getByRole('progressbar', { name: 'Distilling' });
  await expect(bar).toHaveAttribute('aria-valuetext', /Epoch 1 of 10, step \d+/, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Distillation cancelled.')).toBeVisible();
  await expect(bar).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Distill', exact: true })).toBeEnabled();
  await expect(page.getByTestId('gap-recovered')).toHaveCount(0);
});
