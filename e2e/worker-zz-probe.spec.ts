import { test } from '@playwright/test';
test('probe', async ({ page }) => {
  await page.goto('/');
  const browser = page.context().browser()!;
  for (let round = 0; round < 2; round++) {
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    await page.getByRole('button', { name: 'Compress', exact: true }).click();
    await page.getByRole('progressbar').waitFor();
    await page.getByRole('progressbar').waitFor({ state: 'detached', timeout: 60000 });
    await page.waitForTimeout(1500);
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
    const events = trace.traceEvents as any[];
    const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
    const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`));
    const top = tasks.sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0)).slice(0, 6).map((e) => [Math.round(e.tdur / 1000), Math.round(e.dur / 1000)]);
    console.log('round', round, 'top tdur/dur ms', JSON.stringify(top));
  }
});
