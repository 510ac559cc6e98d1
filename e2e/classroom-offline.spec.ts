/**
 * Offline (issue 10): after the first visit the whole app works with the network off — the page,
 * the worker, TensorFlow.js, the trained models and the lessons come from the service worker's cache.
 */
import { expect, test } from './fixtures';
import { expectParams, LENET5_PARAMS } from './state-helpers';

test('load once, wait for the cache, go offline, reload, open a lesson and run a compression', async ({ page, context }, testInfo) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await expectParams(page, LENET5_PARAMS);
  // The service worker is active and controls the page: its precache (install) is complete.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 60_000 }).toBe(true);
  const cache = await page.evaluate(async () => {
    const name = (await caches.keys()).find((key) => key.startsWith('workbox-precache'));
    if (!name) return { entries: 0, bytes: 0, urls: [] as string[] };
    const store = await caches.open(name);
    const requests = await store.keys();
    let bytes = 0;
    for (const request of requests) bytes += (await (await store.match(request))!.arrayBuffer()).byteLength;
    return { entries: requests.length, bytes, urls: requests.map((r) => new URL(r.url).pathname) };
  });
  await testInfo.attach('offline-cache.json', { body: JSON.stringify(cache, null, 2), contentType: 'application/json' });
  console.log(`offline cache: ${cache.entries} files, ${cache.bytes} bytes`);
  for (const path of ['/index.html', '/data/digits.bin', '/models/lenet-300-100-digits/model.json']) expect(cache.urls).toContain(path);
  expect(cache.urls.some((u) => u.endsWith('.wasm'))).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Lessons' })).toBeVisible();
  await page.getByRole('button', { name: 'Lessons' }).click();
  await page.getByRole('button', { name: 'Start 9. Compression' }).click();
  await expect(page.getByRole('region', { name: 'Lesson' }).getByRole('heading', { level: 2 })).toHaveText('Reducing the size of a model');
  await expect(page.getByRole('heading', { name: 'Compression lab' })).toBeVisible();
  await page.getByLabel('Pruning sparsity (%)').fill('50');
  await page.getByLabel('Quantization bits').fill('8');
  await page.getByLabel('Weight sharing clusters').fill('16');
  await page.getByRole('button', { name: 'Compress', exact: true }).click();
  await expect(page.getByTestId('after-weight-bytes')).toBeVisible({ timeout: 120_000 });
});
