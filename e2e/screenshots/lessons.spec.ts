/**
 * Screenshots of every lesson step at 1024×768 (a projector), in the normal page and in presenter
 * mode, for a person to look at: /tmp/floplab-lesson-<id>-<step>[-presenter].png.
 * Run with `npm run screenshots`. The assertions only check that what is shot is on screen.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from '../fixtures';
import { waitForAnalysis } from '../state-helpers';

const LESSONS = readdirSync('src/lessons').filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(`src/lessons/${f}`, 'utf8')) as { id: string; steps: { title: string }[] });

for (const lesson of LESSONS) {
  test(`lesson ${lesson.id} at 1024×768`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1024, height: 768 });
    for (const presenter of [false, true]) {
      for (let step = 1; step <= lesson.steps.length; step++) {
        await page.goto(`/#lesson=${lesson.id}&step=${step}${presenter ? '&presenter=1' : ''}`);
        const heading = page.getByRole('region', { name: 'Lesson' }).getByRole('heading', { level: 2 });
        await expect(heading).toHaveText(lesson.steps[step - 1].title);
        await waitForAnalysis(page);
        await expect(page.getByText(/^Loading /)).toHaveCount(0);
        await page.screenshot({ path: `/tmp/floplab-lesson-${lesson.id}-${step}${presenter ? '-presenter' : ''}.png` });
      }
    }
  });
}
