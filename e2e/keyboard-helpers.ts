/** Keyboard-only steps: where the focus is, and Tab / Shift+Tab to a control, counting key presses. */
import type { Page } from './fixtures';

/** The accessible name of the focused element (aria-label, else its label, else its text). */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el || el === document.body) return '';
    return (el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent ?? el.textContent ?? '').trim();
  });
}

/** Is the control named `name` after the focused element in document order (Tab reaches it going forward)? */
function isAfterFocus(page: Page, name: string): Promise<boolean> {
  return page.evaluate((wanted) => {
    const nameOf = (el: Element) =>
      (el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '').trim();
    const target = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
      .find((el) => nameOf(el) === wanted);
    const from = document.activeElement;
    if (!target || !from || from === document.body) return true;
    return (from.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  }, name);
}

/** Counts every key press a keyboard-only user makes through these helpers. */
export class KeyCounter {
  presses = 0;
  constructor(private readonly page: Page) {}

  async press(key: string): Promise<void> {
    this.presses += 1;
    await this.page.keyboard.press(key);
  }

  /** Types `text`: one key press per character. */
  async type(text: string): Promise<void> {
    this.presses += text.length;
    await this.page.keyboard.type(text);
  }

  /** Replaces a focused field's value: Ctrl+A, then the text. */
  async replace(text: string): Promise<void> {
    await this.press('Control+a');
    await this.type(text);
  }

  /**
   * Presses Tab (or Shift+Tab, when the control comes before the focus in the page) until the
   * control named `name` has the focus; nothing when it already has it.
   */
  async tabTo(name: string, max = 400): Promise<void> {
    const key = (await isAfterFocus(this.page, name)) ? 'Tab' : 'Shift+Tab';
    for (let i = 0; i < max; i++) {
      if ((await focusedName(this.page)) === name) return;
      await this.press(key);
    }
    throw new Error(`${key} never reached '${name}' (focus is on '${await focusedName(this.page)}')`);
  }
}
