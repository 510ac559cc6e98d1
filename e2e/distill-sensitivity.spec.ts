/**
 * Issue 9 in a real browser: per-layer sensitivity of the trained LeNet-300-100 draws one line
 * per layer (fc1, fc2, output) in each chart, and "Use these results" fills the plan's per-layer
 * sparsity overrides with what the analysis found (checked against the report's own points).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { waitForAnalysis } from './state-helpers';

const LAYERS = ['fc1', 'fc2', 'output'];

test('sensitivity on LeNet-300-100: a line per layer, and "Use these results" fills the overrides', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('lenet-300-100-digits');
  await waitForAnalysis(page);
  await page.getByRole('tab', { name: 'Compress' }).click();
  await expect(page.getByRole('button', { name: 'Use these results' })).toBeDisabled();
  await page.getByRole('button', { name: 'Analyse sensitivity' }).click();
  await expect(page.getByRole('progressbar', { name: 'Analysing sensitivity' })).toBeVisible();
  const prune = page.getByTestId('sensitivity-chart-prune');
  const quantize = page.getByTestId('sensitivity-chart-quantize');
  await expect(quantize).toBeVisible({ timeout: 50_000 });
  for (const chart of [prune, quantize]) {
    await expect(chart).toHaveAttribute('data-lines', String(LAYERS.length));
    await expect(chart.locator('.sensitivity-line')).toHaveCount(LAYERS.length);
    for (const name of LAYERS) await expect(chart.getByText(name, { exact: true })).toBeVisible();
  }
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.getByRole('button', { name: 'Use these results' }).click();
  const applied = page.getByTestId('sensitivity-applied');
  await expect(applied).toBeVisible();
  // The sentence lists the sparsity chosen per layer; the overrides table shows the same numbers.
  const text = (await applied.textContent()) ?? '';
  await page.getByText(/Per-layer overrides/).click();
  for (const name of LAYERS) {
    const chosen = new RegExp(`${name} (\\d+) %`).exec(text);
    expect(chosen, `${name} in "${text}"`).not.toBeNull();
    await expect(page.getByLabel(`Sparsity (%) for ${name}`)).toHaveValue(chosen![1]);
  }
  // With 1 pp allowed, the big first layer tolerates at least half of its weights removed (Han et al. 2015: fc1 is the least sensitive).
  expect(Number(/fc1 (\d+) %/.exec(text)![1])).toBeGreaterThanOrEqual(50);
});
