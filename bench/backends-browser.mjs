/**
 * tfjs backends in headless Chromium (software WebGL here): wasm (SIMD), webgl and cpu for a
 * measurement and a fidelity pass, timed on the page through Vite's dev server (the same code
 * the worker runs). Run: `node bench/backends-browser.mjs` (or `npm run bench -- backends`).
 */
import { createServer } from 'vite';
import { launchChromium } from './browser.mjs';

const server = await createServer({ server: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
await server.listen();
const url = server.resolvedUrls.local[0];
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'log') console.log(m.text()); });
  await page.goto(url);
  const run = () => page.evaluate(async () => {
    const { compareBackends, printRows } = await import('/bench/backends-core.ts');
    const { WASM_URLS } = await import('/src/worker/wasm-urls.ts');
    const { webglRenderer } = await import('/src/tf/backend.ts');
    console.log(`WebGL renderer: ${webglRenderer()}`);
    const rows = await compareBackends({
      backends: ['wasm', 'webgl', 'cpu'], presets: ['lenet-5', 'mobilenet-v1'], runs: 3, wasmUrls: WASM_URLS,
      fidelityFor: (backend, presetId) => backend !== 'cpu' || presetId === 'lenet-5',
    });
    printRows(rows);
  });
  // The dev server may reload the page once while it bundles dependencies on first use.
  await run().catch(async () => { await page.waitForLoadState('load'); await run(); });
} finally {
  await browser.close();
  await server.close();
}
