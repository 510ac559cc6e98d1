import { expect, test, type Locator, type Page } from './fixtures';
import { buildSmallCnn, expectTotal, SMALL_CNN, stackItems } from './editor-helpers';

/** A real pointer drag (dnd-kit needs a few moves past its 6 px activation distance). */
async function drag(page: Page, from: Locator, to: Locator, where: 'top' | 'bottom'): Promise<void> {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 10, { steps: 3 });
  const y = where === 'top' ? b.y + b.height * 0.25 : b.y + b.height * 0.75;
  await page.mouse.move(b.x + b.width / 2, y, { steps: 12 });
  await page.mouse.move(b.x + b.width / 2, y + 1, { steps: 2 });
  await page.mouse.up();
}

// A tall window, so the whole stack is visible and nothing scrolls under the pointer.
test.use({ viewport: { width: 1600, height: 1200 } });

const names = async (page: Page) =>
  stackItems(page).evaluateAll((items) => items.map((li) => li.getAttribute('data-layer')));

test('dragging a palette item into the stack inserts it there', async ({ page }) => {
  await buildSmallCnn(page);
  const pool = stackItems(page).filter({ hasText: 'max_pooling2d' });
  await drag(page, page.getByRole('button', { name: 'Add BatchNorm (BatchNormalization)', exact: true }), pool, 'top');
  await expect.poll(() => names(page)).toEqual(['input', 'conv2d', 'batch_normalization', 'max_pooling2d', 'flatten', 'dense']);
  // BN on 8 channels: 4 · 8 = 32 params (16 of them non-trainable).
  await expectTotal(page, 'total-params', SMALL_CNN.params + 32);
});

test('dragging a layer by its handle reorders the stack', async ({ page }) => {
  await buildSmallCnn(page);
  await drag(page, page.getByRole('button', { name: 'Drag flatten', exact: true }), stackItems(page).filter({ hasText: 'max_pooling2d' }), 'top');
  await expect.poll(() => names(page)).toEqual(['input', 'conv2d', 'flatten', 'max_pooling2d', 'dense']);
});
