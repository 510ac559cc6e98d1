/**
 * The long lists on ResNet-50 (177 layers): one tab stop each, arrow keys and Home/End move the
 * focus between rows, including rows the virtualised list has not drawn yet.
 */
import { expect, test, type Page } from './fixtures';
import { expectTotal } from './editor-helpers';

const STACK = 'ol[aria-label="Layers"]';
const TABLE = '[aria-label="Layer table (scrolls)"]';

async function openResNet50(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('resnet-50');
  await expectTotal(page, 'total-params', 25_636_712);
}

/** Controls the Tab key reaches (tabindex ≥ 0, enabled, rendered) before the views' tab list. */
function tabStopsBeforeViews(page: Page): Promise<number> {
  return page.evaluate(() => {
    const views = document.querySelector('[role="tablist"]');
    if (!views) throw new Error('no views tab list');
    return [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')]
      .filter((el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0)
      .filter((el) => (el.compareDocumentPosition(views) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0).length;
  });
}

/** The data-layer of the row holding the focus, and the focused control's data-cell. */
function focusedRow(page: Page): Promise<{ layer: string | null; cell: string | null }> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return {
      layer: el?.closest('[data-layer]')?.getAttribute('data-layer') ?? null,
      cell: el?.getAttribute('data-cell') ?? null,
    };
  });
}

test('ResNet-50: the stack is one tab stop (1,107 controls before the views without it)', async ({ page }) => {
  await openResNet50(page);
  await expect(page.locator(`${STACK} li[data-layer]`).first()).toBeVisible();
  // Header, palette, the stack's scroll box and its one row, the inspector: a few dozen, not 1,107.
  expect(await tabStopsBeforeViews(page)).toBeLessThanOrEqual(60);
  await expect(page.locator(`${STACK} [data-cell][tabindex="0"]`)).toHaveCount(1);
  await expect(page.locator(`${TABLE} [data-cell][tabindex="0"]`)).toHaveCount(1);
});

test('ResNet-50 stack: End, Home and the arrows move the focus between rows, drawn or not', async ({ page }) => {
  await openResNet50(page);
  await page.locator(`${STACK} [data-cell][tabindex="0"]`).focus();
  await page.keyboard.press('End');
  await expect.poll(() => focusedRow(page)).toEqual({ layer: 'predictions', cell: 'select' });
  await page.keyboard.press('Home');
  await expect.poll(() => focusedRow(page)).toEqual({ layer: 'input_1', cell: 'select' });
  await page.keyboard.press('ArrowDown');
  await expect.poll(async () => (await focusedRow(page)).layer).not.toBe('input_1');
  // ←/→ move inside the row; the tab stop follows the focus.
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await focusedRow(page)).cell).toBe('drag');
  await expect(page.locator(`${STACK} [data-cell][tabindex="0"]`)).toHaveAttribute('data-cell', 'drag');
});

test('ResNet-50 table: End reaches the last row (scrolled in), Home the first, ↓ the next', async ({ page }) => {
  await openResNet50(page);
  const stop = page.locator(`${TABLE} [data-cell][tabindex="0"]`);
  await expect(stop).toHaveCount(1);
  await stop.focus();
  await page.keyboard.press('End');
  await expect.poll(() => focusedRow(page)).toEqual({ layer: 'predictions', cell: 'name' });
  await expect(page.locator(`${TABLE} tr[data-layer="predictions"]`)).toBeInViewport();
  await page.keyboard.press('Home');
  await expect.poll(() => focusedRow(page)).toEqual({ layer: 'input_1', cell: 'name' });
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => focusedRow(page)).toEqual({ layer: 'input_1', cell: 'params' });
  await page.keyboard.press('ArrowDown');
  // The second row in # order keeps the column.
  await expect.poll(async () => (await focusedRow(page)).cell).toBe('params');
  await expect.poll(async () => (await focusedRow(page)).layer).not.toBe('input_1');
});
