import { expect, type Page } from './fixtures';

/**
 * The small CNN of the editor tests, built from the palette:
 *   Input 28×28×1 → Conv2D 8 3×3 valid → MaxPooling2D 2 → Flatten → Dense 10.
 * Hand-worked figures (COUNTING.md):
 *   conv2d   params 3·3·1·8 + 8 = 80;  output 26×26×8;  MACs 3·3·1 × 26·26·8 = 9 × 5,408 = 48,672
 *   pool     output 13×13×8 = 1,352 elements;  FLOPs 1,352 (one per output element);  MACs 0
 *   flatten  1,352
 *   dense    params 1,352·10 + 10 = 13,530;  MACs 1,352 × 10 = 13,520
 *   totals   params 80 + 13,530 = 13,610;  MACs 48,672 + 13,520 = 62,192;
 *            FLOPs 2 × 62,192 + 1,352 = 125,736;  weights 13,610 × 4 B = 54,440 B
 */
export const SMALL_CNN = { params: 13_610, macs: 62_192, flops: 125_736, weightBytes: 54_440 } as const;

/**
 * Conv2D → SeparableConv2D (8 filters, 3×3, depth multiplier 1) on 28×28×1, output 26×26×8:
 *   depthwise 3·3 × 26·26·1 = 6,084 MACs, pointwise 1 × 26·26·8 = 5,408 MACs: 11,492 in all,
 *   so total MACs drop by 48,672 − 11,492 = 37,180 to 25,012.
 *   params 3·3·1 + 1·8 + 8 = 25 (was 80): total 13,610 − 55 = 13,555.
 */
export const SEPARABLE = { macsDrop: 37_180, macs: 25_012, params: 13_555 } as const;

export async function openEmptyModel(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'FlopLab' })).toBeVisible();
  await page.getByRole('button', { name: 'New model', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Layers' }).getByRole('listitem')).toHaveCount(0);
}

export const stackItems = (page: Page) => page.getByRole('list', { name: 'Layers' }).getByRole('listitem');

/** Builds SMALL_CNN with the mouse from the palette and the inspector. */
export async function buildSmallCnn(page: Page): Promise<void> {
  await openEmptyModel(page);
  await page.getByRole('button', { name: 'Add Input (InputLayer)', exact: true }).click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByLabel('Height', { exact: true }).fill('28');
  await inspector.getByLabel('Width', { exact: true }).fill('28');
  await inspector.getByLabel('Channels', { exact: true }).fill('1');
  await page.getByRole('button', { name: 'Add Conv2D', exact: true }).click();
  await inspector.getByLabel('Filters', { exact: true }).fill('8');
  await inspector.getByLabel('Kernel height', { exact: true }).fill('3');
  await inspector.getByLabel('Kernel width', { exact: true }).fill('3');
  await inspector.getByLabel('Padding', { exact: true }).selectOption('valid');
  await page.getByRole('button', { name: 'Add MaxPool (MaxPooling2D)', exact: true }).click();
  await page.getByRole('button', { name: 'Add Flatten', exact: true }).click();
  await page.getByRole('button', { name: 'Add Dense', exact: true }).click();
  await inspector.getByLabel('Units', { exact: true }).fill('10');
  await expect(stackItems(page)).toHaveCount(5);
}

export async function expectTotal(page: Page, id: string, value: number): Promise<void> {
  await expect(page.getByTestId(id)).toHaveAttribute('data-value', String(value));
}
