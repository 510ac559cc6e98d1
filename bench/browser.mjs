/**
 * What the browser benches share: Chromium launched as this machine needs (Debian's binary where
 * there is one, no background networking: README "The machine"), and serving a production build
 * the way a static host does (unknown paths get index.html: a single-page app).
 */
import { existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from '@playwright/test';

export const MIME = {
  '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.ico': 'image/x-icon', '.bin': 'application/octet-stream',
};

/** Headless Chromium: $CHROMIUM, else Debian's /usr/bin/chromium, else Playwright's own. */
export function launchChromium() {
  const executablePath = process.env.CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Serves `dist` on a free loopback port: `respond(res, file, path)` sends the file a request names
 * (the request path kept inside `dist`; index.html for unknown paths and folders).
 */
export function serveDist(dist, respond) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(dist, path);
    if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) file = join(dist, 'index.html');
    respond(res, file, path);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** The content type a static host sends for `file`. */
export const mimeOf = (file) => MIME[extname(file)] ?? 'application/octet-stream';
