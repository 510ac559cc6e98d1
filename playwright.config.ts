import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

// Debian's Chromium where it exists (this machine and CI); Playwright's own browser elsewhere.
const debianChromium = '/usr/bin/chromium';
const executablePath = existsSync(debianChromium) ? debianChromium : undefined;

// FLOPLAB_PORT / FLOPLAB_DIST let several checkouts or people run the suite side by side.
const port = Number(process.env.FLOPLAB_PORT ?? 4173);
const dist = process.env.FLOPLAB_DIST ?? 'dist';

export default defineConfig({
  testDir: 'e2e',
  // e2e/screenshots/ only takes pictures to look at (slow: it compresses MobileNetV1 on software
  // WebGL); `npm run screenshots` runs it, `npm test` leaves it out.
  testIgnore: process.env.FLOPLAB_SCREENSHOTS ? [] : ['screenshots/**'],
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort --outDir ${dist}`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
