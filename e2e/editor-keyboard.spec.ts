import { expect, test, type Page } from './fixtures';
import { expectTotal, stackItems } from './editor-helpers';

/** The accessible name of the focused element (aria-label, else its label, else its text). */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el) return '';
    return el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent ?? el.textContent ?? '';
  });
}

/** Presses Tab (only Tab) until the element named `name` has the focus. */
async function tabTo(page: Page, name: string, max = 400): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await focusedName(page)).trim() === name) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached '${name}'`);
}

const names = async (page: Page) =>
  stackItems(page).evaluateAll((items) => items.map((li) => li.getAttribute('data-layer')));

test('keyboard only: add from the palette, select, edit, move and delete a layer', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'FlopLab' })).toBeVisible();
  await tabTo(page, 'New model');
  await page.keyboard.press('Enter');
  await expect(stackItems(page)).toHaveCount(0);

  // Input 8×8×3, then a Conv2D; Enter and Space both add.
  await tabTo(page, 'Add InputLayer');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Height');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('8');
  await tabTo(page, 'Width');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('8');
  await tabTo(page, 'Add Conv2D');
  await page.keyboard.press('Space');
  await tabTo(page, 'Add MaxPooling2D');
  await page.keyboard.press('Enter');
  expect(await names(page)).toEqual(['input', 'conv2d', 'max_pooling2d']);

  // Select conv2d in the stack and edit it in the inspector.
  await tabTo(page, 'Select conv2d');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Select conv2d', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await tabTo(page, 'Filters');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('4');
  // Conv2D 3×3 valid on 8×8×3 with 4 filters: 6×6×4, 3·3·3·4 + 4 = 112 params; the pool: 3×3×4.
  await expect(page.getByRole('button', { name: 'Select conv2d', exact: true })).toContainText('6×6×4');
  await expectTotal(page, 'total-params', 112);

  // Move it down with Alt+ArrowDown, back up with the "Move up" button.
  await tabTo(page, 'Select conv2d');
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(() => names(page)).toEqual(['input', 'max_pooling2d', 'conv2d']);
  await expect.poll(() => focusedName(page)).toBe('Select conv2d');
  await tabTo(page, 'Move conv2d up');
  await page.keyboard.press('Enter');
  await expect.poll(() => names(page)).toEqual(['input', 'conv2d', 'max_pooling2d']);

  // dnd-kit's keyboard sorting on the drag handle: Space, ArrowDown, Space.
  // (dnd-kit measures and animates between key presses, as it would for a person.)
  await tabTo(page, 'Drag conv2d');
  await page.keyboard.press('Space');
  await page.waitForTimeout(250);
  await page.keyboard.press('ArrowDown');
  await page.waitForTimeout(400);
  await page.keyboard.press('Space');
  await expect.poll(() => names(page)).toEqual(['input', 'max_pooling2d', 'conv2d']);

  // Delete it; the focus goes to a neighbour.
  await tabTo(page, 'Delete conv2d');
  await page.keyboard.press('Enter');
  await expect.poll(() => names(page)).toEqual(['input', 'max_pooling2d']);
  await expect.poll(() => focusedName(page)).toMatch(/^Select /);
  // Input 8×8×3 → MaxPooling2D 2: 4×4×3, no params.
  await expect(page.getByRole('button', { name: 'Select max_pooling2d', exact: true })).toContainText('4×4×3');
  await expectTotal(page, 'total-params', 0);
});
