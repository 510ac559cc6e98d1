import { test, expect } from './fixtures';

test('the built app opens and shows its title', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'FlopLab' })).toBeVisible();
});
