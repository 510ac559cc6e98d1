import { test } from '@playwright/test';
test('probe', async ({ page, browser }) => {
  await page.goto('/');
  const preset = page.getByRole('combobox', { name: 'Preset' });
  const option = preset.locator('option').filter({ hasText: /LeNet-5/ }).first();
  await preset.selectOption(await option.getAttribute('value') ?? '');
  await page.getByRole('tab', { name: /Compress/ }).click();
  await page.waitForTimeout(500);
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
  await page.getByRole('button', { name: 'Compress', exact: true }).click();
  await page.getByTestId('after-weight-bytes').waitFor({ timeout: 60000 });
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
  const events = trace.traceEvents as any[];
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`)).filter((t) => t.tdur > 15000);
  for (const big of tasks.slice(0, 8)) {
    const inside = events.filter((e) => e.ph === 'X' && e.pid === big.pid && e.tid === big.tid && e.ts >= big.ts && e.ts + (e.dur ?? 0) <= big.ts + big.dur && e !== big);
    const sum = new Map<string, number>();
    for (const e of inside) sum.set(e.name + (e.args?.data?.functionName ? `(${e.args.data.functionName}@${String(e.args.data.url).split('/').pop()}:${e.args.data.lineNumber})` : e.args?.data?.type ? `(${e.args.data.type})` : ''), (sum.get(e.name) ?? 0) + (e.tdur ?? e.dur) / 1000);
    console.log(Math.round(big.tdur / 1000), JSON.stringify([...sum.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => [k, Math.round(v)])));
  }
});
test('profile', async ({ page }) => {
  await page.goto('/');
  const preset = page.getByRole('combobox', { name: 'Preset' });
  const option = preset.locator('option').filter({ hasText: /LeNet-5/ }).first();
  await preset.selectOption(await option.getAttribute('value') ?? '');
  await page.getByRole('tab', { name: /Compress/ }).click();
  await page.waitForTimeout(500);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.getByRole('button', { name: 'Compress', exact: true }).click();
  await page.getByText(/Timing the/).first().waitFor({ timeout: 60000 });
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes as any[]) for (const c of n.children ?? []) parent.set(c, n.id);
  const comp = new Map<string, number>();
  const dt = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id: number, i: number) => {
    let cur: number | undefined = id;
    const seen = new Set<string>();
    while (cur !== undefined) {
      const f = byId.get(cur).callFrame.functionName as string;
      if (f && !seen.has(f)) { comp.set(f, (comp.get(f) ?? 0) + dt[i] / 1000); seen.add(f); }
      cur = parent.get(cur);
    }
  });
  console.log([...comp.entries()].sort((a, b) => b[1] - a[1]).slice(0, 60).map(([k, v]) => `${k}:${v.toFixed(0)}`).join(' '));
});
