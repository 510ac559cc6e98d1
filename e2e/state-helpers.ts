/** Shared steps of the state-*.spec.ts files: reading the totals bar as a user's page shows it. */
import { expect, type Page } from './fixtures';

export const TOTAL_IDS = [
  'total-params', 'total-macs', 'total-flops', 'total-weight-bytes', 'total-peak-activation-bytes', 'latency-estimate-ms',
] as const;

/** The exact figures behind the totals bar (data-value), once they are there. */
export async function readTotals(page: Page): Promise<Record<string, string | null>> {
  await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', /^\d+$/);
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
