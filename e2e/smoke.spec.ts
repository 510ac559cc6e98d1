import { test, expect } from '@playwright/test';

test('the built app opens and shows its title', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'FlopLab' })).toBeVisible();
});
