/** Opening the app on a preset, chosen by its id (labels repeat: "LeNet-5" and "LeNet-5 (trained)"). */
import type { Page } from './fixtures';

export async function openWithPreset(page: Page, presetId: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Preset' }).selectOption(presetId);
}
