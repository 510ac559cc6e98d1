/** Waits for conditions instead of fixed sleeps. */
import type { Page } from './fixtures';

/**
 * Resolves once the page's main thread has been idle for `idlePeriods` idle callbacks in a row,
 * each with at least `minIdleMs` to spare (the browser grants up to 50 ms when nothing is
 * pending): the page has finished rendering and has no work queued.
 */
export async function waitForMainThreadIdle(page: Page, { idlePeriods = 3, minIdleMs = 40, timeoutMs = 30_000 } = {}): Promise<void> {
  await page.evaluate(({ periods, minMs, timeout }) => new Promise<void>((resolve, reject) => {
    const giveUp = setTimeout(() => reject(new Error(`the main thread was not idle within ${timeout} ms`)), timeout);
    let streak = 0;
    const tick = (deadline: IdleDeadline) => {
      streak = deadline.timeRemaining() >= minMs ? streak + 1 : 0;
      if (streak >= periods) {
        clearTimeout(giveUp);
        resolve();
      } else {
        requestIdleCallback(tick);
      }
    };
    requestIdleCallback(tick);
  }), { periods: idlePeriods, minMs: minIdleMs, timeout: timeoutMs });
}

/** Resolves once the user-timing mark `name` (e.g. "floplab:measure-done") exists, polling cheaply. */
export async function waitForMark(page: Page, name: string, timeoutMs = 60_000): Promise<void> {
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, name, { polling: 250, timeout: timeoutMs });
}
