/**
 * Accessibility (issue 10): axe-core on every view and every lesson step (normal and presenter
 * mode): no serious or critical violation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';
import { waitForAnalysis } from './state-helpers';

/** The shipped lesson files (data; Node cannot import JSON modules without attributes). */
const LESSONS = readdirSync('src/lessons').filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(`src/lessons/${f}`, 'utf8')) as { id: string; steps: { title: string; predict?: unknown }[] });

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

test('every view: no serious or critical axe violation', async ({ page }) => {
  await page.goto('/');
  await waitForAnalysis(page);
  const tabs = page.getByRole('tablist', { name: 'Views' }).getByRole('tab');
  const names = await tabs.allTextContents();
  for (const name of names) {
    await page.getByRole('tab', { name }).click();
    await expect(page.getByRole('tabpanel')).not.toContainText('Loading');
    expect(await seriousViolations(page), `view ${name}`).toEqual([]);
  }
  await page.getByRole('button', { name: 'Lessons' }).click();
  await expect(page.getByRole('region', { name: 'Lesson' })).toBeVisible();
  await page.getByRole('button', { name: 'Share link', exact: true }).click();
  await expect(page.getByRole('img', { name: 'QR code of the share link' })).toBeVisible();
  expect(await seriousViolations(page), 'lesson list and share box').toEqual([]);
  // The check can fail: an image without a text alternative is a critical violation.
  await page.evaluate(() => document.querySelector('main')!.append(Object.assign(document.createElement('img'), { src: 'data:,' })));
  expect((await seriousViolations(page)).join()).toContain('image-alt');
});

for (const lesson of LESSONS) {
  test(`lesson ${lesson.id}: every step, and presenter mode, has no serious or critical axe violation`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(`/#lesson=${lesson.id}&step=1`);
    const region = page.getByRole('region', { name: 'Lesson' });
    for (let step = 1; step <= lesson.steps.length; step++) {
      await expect(region.getByRole('heading', { level: 2 })).toHaveText(lesson.steps[step - 1].title);
      await waitForAnalysis(page);
      if (lesson.steps[step - 1].predict) {
        await region.getByRole('textbox', { name: 'Your guess' }).fill('1000');
        await region.getByRole('button', { name: 'Reveal' }).click();
        await expect(region.getByTestId('predict-answer')).toBeVisible();
      }
      expect(await seriousViolations(page), `${lesson.id} step ${step}`).toEqual([]);
      if (step < lesson.steps.length) await region.getByRole('button', { name: 'Next step' }).click();
    }
    await page.getByRole('button', { name: 'Presenter mode' }).click();
    await expect(page.getByRole('img', { name: 'QR code of the share link' })).toBeVisible();
    expect(await seriousViolations(page), `${lesson.id} presenter`).toEqual([]);
  });
}
