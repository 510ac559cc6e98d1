import { expect, test, type Page } from './fixtures';
import { expectTotal, stackItems } from './editor-helpers';
import { focusedName, KeyCounter } from './keyboard-helpers';
import { listTo, STACK } from './roving-helpers';

const names = async (page: Page) =>
  stackItems(page).evaluateAll((items) => items.map((li) => li.getAttribute('data-layer')));

test('keyboard only: add from the palette, select, edit, move and delete a layer', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'FlopLab' })).toBeVisible();
  const keys = new KeyCounter(page);
  const tabTo = (name: string) => keys.tabTo(name);
  // The stack is one tab stop: Tab reaches it, the arrow keys move inside it.
  const stackTo = (name: string) => listTo(page, keys, STACK, name);
  await tabTo('New model');
  await page.keyboard.press('Enter');
  await expect(stackItems(page)).toHaveCount(0);

  // Input 8×8×3, then a Conv2D; Enter and Space both add.
  await tabTo('Add Input (InputLayer)');
  await page.keyboard.press('Enter');
  await tabTo('Height');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('8');
  await tabTo('Width');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('8');
  await tabTo('Add Conv2D');
  await page.keyboard.press('Space');
  await tabTo('Add MaxPool (MaxPooling2D)');
  await page.keyboard.press('Enter');
  expect(await names(page)).toEqual(['input', 'conv2d', 'max_pooling2d']);

  // Select conv2d in the stack and edit it in the inspector.
  await stackTo('Select conv2d');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Select conv2d', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await tabTo('Filters');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('4');
  // Conv2D 3×3 valid on 8×8×3 with 4 filters: 6×6×4, 3·3·3·4 + 4 = 112 params; the pool: 3×3×4.
  await expect(page.getByRole('button', { name: 'Select conv2d', exact: true })).toContainText('6×6×4');
  await expectTotal(page, 'total-params', 112);

  // Move it down with Alt+ArrowDown, back up with the "Move up" button.
  await stackTo('Select conv2d');
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(() => names(page)).toEqual(['input', 'max_pooling2d', 'conv2d']);
  await expect.poll(() => focusedName(page)).toBe('Select conv2d');
  await stackTo('Move conv2d up');
  await page.keyboard.press('Enter');
  await expect.poll(() => names(page)).toEqual(['input', 'conv2d', 'max_pooling2d']);

  // dnd-kit's keyboard sorting on the drag handle: Space, ArrowDown, Space.
  // (dnd-kit measures and animates between key presses, as it would for a person.)
  await stackTo('Drag conv2d');
  // dnd-kit measures the rows once the drag starts; its live region says when each step is done.
  const announcer = page.locator('[id^="DndLiveRegion"]');
  await page.keyboard.press('Space');
  // "Picked up conv2d." is followed at once by "conv2d is over conv2d." once dnd-kit has measured the rows.
  await expect(announcer).toContainText(/Picked up conv2d\.|conv2d is over conv2d\./);
  // dnd-kit's KeyboardSensor adds its keydown listener in a setTimeout after the drag starts, while
  // React may already have announced it: a 0 ms timer of ours runs after that one (timers run in
  // order), so the arrow key cannot arrive before dnd-kit listens.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  await page.keyboard.press('ArrowDown');
  await expect(announcer).toContainText('conv2d is over max_pooling2d.');
  await page.keyboard.press('Space');
  await expect.poll(() => names(page)).toEqual(['input', 'max_pooling2d', 'conv2d']);

  // Delete it; the focus goes to a neighbour.
  await stackTo('Delete conv2d');
  await page.keyboard.press('Enter');
  await expect.poll(() => names(page)).toEqual(['input', 'max_pooling2d']);
  await expect.poll(() => focusedName(page)).toMatch(/^Select /);
  // Input 8×8×3 → MaxPooling2D 2: 4×4×3, no params.
  await expect(page.getByRole('button', { name: 'Select max_pooling2d', exact: true })).toContainText('4×4×3');
  await expectTotal(page, 'total-params', 0);
});
