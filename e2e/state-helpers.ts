/** Shared steps of the state-*.spec.ts files: reading the totals bar as a user's page shows it. */
import { expect, type Page } from './fixtures';

export const TOTAL_IDS = [
  'total-params', 'total-macs', 'total-flops', 'total-weight-bytes', 'total-peak-activation-bytes', 'latency-estimate-ms',
] as const;

/**
 * Waits until the totals bar says no analysis is running (aria-busy="false"): the figures then
 * belong to the current graph and convention, not to the one before the last change.
 */
export async function waitForAnalysis(page: Page): Promise<void> {
  await expect(page.getByRole('region', { name: 'Model totals' })).toHaveAttribute('aria-busy', 'false');
}

/** The exact figures behind the totals bar (data-value), once they are there and settled. */
export async function readTotals(page: Page): Promise<Record<string, string | null>> {
  await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', /^\d+$/);
  await waitForAnalysis(page);
  const entries = await Promise.all(
    TOTAL_IDS.map(async (id) => [id, await page.getByTestId(id).getAttribute('data-value')] as const),
  );
  return Object.fromEntries(entries);
}

/** Waits until the totals show `params` parameters. */
export async function expectParams(page: Page, params: number): Promise<void> {
  await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', String(params));
}

/** LeNet-5, the default model: 61,706 params (its preset's documented figure). */
export const LENET5_PARAMS = 61706;
