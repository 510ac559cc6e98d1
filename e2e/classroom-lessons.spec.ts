/**
 * The classroom (issue 10): lessons walked by keyboard only, lesson links, presenter mode, QR codes.
 * Figures are read back from the totals bar (its own path through the engine), never typed here.
 */
import { expect, test, type Page } from './fixtures';
import { KeyCounter } from './keyboard-helpers';
import { expectParams, LENET5_PARAMS, waitForAnalysis } from './state-helpers';

const lessonRegion = (page: Page) => page.getByRole('region', { name: 'Lesson' });
const stepHeading = (page: Page) => lessonRegion(page).getByRole('heading', { level: 2 });

async function totalOf(page: Page, id: string): Promise<number> {
  await waitForAnalysis(page);
  return Number(await page.getByTestId(id).getAttribute('data-value'));
}

test('lessons 1–5 walked by keyboard only: a predict-first answer and a task done', async ({ page }) => {
  await page.goto('/');
  await expectParams(page, LENET5_PARAMS);
  const keys = new KeyCounter(page);
  await keys.tabTo('Lessons');
  await keys.press('Enter');
  const titles = ['1. Calculating the inference time', '2. Calculating the FLOPs', '3. MACs vs FLOPs', '4. Pooling', '5. Separable convolutions'];
  const steps = [3, 4, 3, 2, 3];
  for (const [n, title] of titles.entries()) {
    await keys.tabTo(`Start ${title}`);
    await keys.press('Enter');
    await expect(lessonRegion(page)).toContainText(`${title} · step 1 of ${steps[n]}`);
    if (n === 0) {
      // Predict first: c1's FLOPs, worked by hand: 2 × 5·5·1 × 28·28·6 = 2 × 117,600 = 235,200.
      await keys.tabTo('Your guess');
      await keys.type('200k');
      await keys.press('Enter');
      const answer = page.getByTestId('predict-answer');
      await expect(answer).toContainText('Answer: 235,200 FLOPs of c1.');
      await expect(answer).toContainText('Your guess 200,000 is 15.0 % too low.');
      await expect(answer.getByRole('figure', { name: 'Formula: FLOPs of c1' })).toBeVisible();
    }
    // ←/→ move between steps while the focus is in the Lesson panel (here on "All lessons").
    await keys.tabTo('All lessons');
    for (let step = 2; step <= steps[n]; step++) {
      await keys.press('ArrowRight');
      await expect(lessonRegion(page)).toContainText(`step ${step} of ${steps[n]}`);
    }
    await keys.press('ArrowLeft');
    await expect(lessonRegion(page)).toContainText(`step ${steps[n] - 1} of ${steps[n]}`);
    if (n === 4) {
      // Step 2 of the separable lesson: make conv separable; the task turns done.
      await expect(stepHeading(page)).toHaveText('Depthwise followed by pointwise');
      const status = page.getByTestId('task-status');
      await expect(status).toHaveAttribute('data-value', 'todo');
      const before = await totalOf(page, 'total-macs');
      await keys.tabTo('Make separable');
      await keys.press('Enter');
      await expect(status).toHaveAttribute('data-value', 'done');
      expect(await totalOf(page, 'total-macs')).toBeLessThan(before / 20);
    }
    await keys.tabTo('All lessons');
    await keys.press('Enter');
  }
  // The progress survives a reload (its own storage key) and can be reset.
  await page.reload();
  await page.getByRole('button', { name: 'Lessons' }).click();
  await expect(page.getByRole('button', { name: 'Continue 5. Separable convolutions' })).toBeVisible();
  expect(await page.evaluate(() => Object.keys(localStorage).sort())).toEqual(['floplab.lessons', 'floplab.work']);
  await page.getByRole('button', { name: 'Reset progress' }).click();
  await expect(page.getByRole('button', { name: 'Start 5. Separable convolutions' })).toBeVisible();
});

test('a lesson link opens at its step in a fresh context, with the model of the share payload when it has one', async ({ page, browser }) => {
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('alexnet');
  await page.getByRole('button', { name: 'Share link', exact: true }).click();
  const shared = await page.getByRole('textbox', { name: 'Share URL' }).inputValue();
  const alexParams = await totalOf(page, 'total-params');

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto('/#lesson=counting-flops&step=3');
  await expect(stepHeading(other)).toHaveText('Convolutions');
  await expect(other.getByRole('combobox', { name: 'Preset' })).toHaveValue('lenet-5');
  // A first visit has no work of the user's to bring back: no notice, nothing to undo.
  await expect(other.getByRole('button', { name: 'Restore your previous model' })).toHaveCount(0);
  await expect(other.getByRole('button', { name: 'Undo' })).toBeDisabled();
  const third = await fresh.newPage();
  await third.goto(`${shared}&lesson=macs-vs-flops&step=2`);
  await expect(stepHeading(third)).toHaveText('FLOPs vs FLOPS');
  await expectParams(third, alexParams);
  await fresh.close();
});

test('a lesson that sets up its model keeps the previous work one step away', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('alexnet');
  const alexParams = await totalOf(page, 'total-params');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('floplab.work')?.length ?? 0)).toBeGreaterThan(0);
  const opened = await page.context().newPage();
  await opened.goto('/#lesson=separable&step=1');
  await expect(stepHeading(opened)).toHaveText('A normal convolution');
  await expect(opened.getByRole('combobox', { name: 'Preset' })).toHaveValue('normal-vs-separable-normal');
  await opened.getByRole('button', { name: 'Restore your previous model' }).click();
  await expectParams(opened, alexParams);
  // A lesson link pasted into the open page does the same, and Undo brings the work back.
  await opened.goto('/#lesson=pooling&step=2');
  await expect(stepHeading(opened)).toHaveText('Pool before the expensive layer');
  await opened.getByRole('button', { name: 'Undo' }).click();
  await expectParams(opened, alexParams);
});

test('presenter mode at 1024×768: large type, no horizontal overflow, PageDown moves, QR of the link', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/#lesson=separable&step=1&presenter=1');
  await expect(page.getByRole('button', { name: 'Presenter mode' })).toHaveAttribute('aria-pressed', 'true');
  await expect(stepHeading(page)).toHaveText('A normal convolution');
  const qr = page.getByRole('img', { name: 'QR code of the share link' });
  await expect(qr).toBeVisible();
  expect((await qr.boundingBox())!.width).toBeGreaterThanOrEqual(240);
  await expect(page.getByText('Scan to open this model')).toBeVisible();
  const bodyPx = await lessonRegion(page).getByTestId('lesson-text').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(bodyPx).toBeGreaterThanOrEqual(20);
  await waitForAnalysis(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  await page.keyboard.press('PageDown');
  await expect(stepHeading(page)).toHaveText('Depthwise followed by pointwise');
  await page.keyboard.press('PageUp');
  await expect(stepHeading(page)).toHaveText('A normal convolution');
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await expect(page.getByRole('button', { name: 'Share link', exact: true })).toBeVisible();
});

test('the Share box has a QR code; a long link falls back to the lesson link and says so', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Share link', exact: true }).click();
  await expect(page.getByRole('img', { name: 'QR code of the share link' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('resnet-50');
  await page.getByRole('button', { name: 'Lessons' }).click();
  await page.getByRole('button', { name: /Start 1\./ }).click();
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('resnet-50');
  await page.getByRole('button', { name: 'Share link', exact: true }).click();
  const url = await page.getByRole('textbox', { name: 'Share URL' }).inputValue();
  expect(url.length).toBeGreaterThan(600);
  expect(url).toContain('lesson=inference-time&step=1&s=v1.');
  await expect(page.getByTestId('qr-note')).toContainText('without the model');
  const encoded = Number(await page.getByRole('img', { name: 'QR code of the share link' }).getAttribute('data-qr-text-length'));
  expect(encoded).toBeLessThanOrEqual(600);
});

test('a teacher imports a lesson file (validated) and shares it by link', async ({ page, browser }) => {
  await page.goto('/');
  await expectParams(page, LENET5_PARAMS);
  await page.getByRole('button', { name: 'Lessons' }).click();
  const input = page.getByLabel('Import lesson');
  await input.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"floplab-lesson","version":1,"id":"x","title":"X","steps":[{"title":"S","text":"t","task":{"kind":"eval","code":"alert(1)"}}]}') });
  await expect(page.getByRole('alert')).toContainText('step 1');
  const lesson = {
    format: 'floplab-lesson', version: 1, id: 'my-dense-lesson', title: 'My dense lesson',
    steps: [
      { title: 'One dense layer', text: 'LeNet-300-100: fc1 gives {{shape:fc1}}.', model: { preset: 'lenet-300-100' }, predict: { prompt: 'MACs of fc1?', quantity: 'macs', layer: 'fc1' } },
      { title: 'Second step', text: 'The model needs {{macs}} MACs.' },
    ],
  };
  await input.setInputFiles({ name: 'lesson.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(lesson)) });
  await expect(stepHeading(page)).toHaveText('One dense layer');
  await expect(lessonRegion(page).getByTestId('lesson-text')).toHaveText('LeNet-300-100: fc1 gives 300.');
  await page.getByRole('button', { name: 'Next step' }).click();
  await page.getByRole('button', { name: 'Share link', exact: true }).click();
  const url = await page.getByRole('textbox', { name: 'Share URL' }).inputValue();
  expect(url).toMatch(/#lx=[A-Za-z0-9_-]+&step=2&s=v1\./);
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  await expect(stepHeading(other)).toHaveText('Second step');
  await fresh.close();
});

test('a compression task (lesson 7) turns done from the Compress tab\'s result on the lesson\'s model, and not for another model', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/#lesson=quantization&step=2');
  await expect(stepHeading(page)).toHaveText('Quantize in the Compress tab');
  const status = page.getByTestId('task-status');
  await expect(status).toHaveAttribute('data-value', 'todo');
  await page.getByRole('tab', { name: /Compress/ }).click();
  // The default plan runs prune, share, quantize and Huffman: the quantize stage is among them.
  await page.getByRole('button', { name: 'Compress', exact: true }).click();
  await expect(status).toHaveAttribute('data-value', 'done', { timeout: 200_000 });
  // An edit makes another model: the result no longer counts for it.
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('lenet-5');
  await waitForAnalysis(page);
  await expect(status).toHaveAttribute('data-value', 'todo');
});
