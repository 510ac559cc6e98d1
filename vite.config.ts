import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { VitePWA } from 'vite-plugin-pwa';

/** index.html's Content-Security-Policy meta tag: the one place the policy is written. */
const CSP_META = /<meta http-equiv="Content-Security-Policy" content="([^"]+)" \/>\n?/;
const pagePolicy = CSP_META.exec(readFileSync(new URL('./index.html', import.meta.url), 'utf8'))?.[1];
if (!pagePolicy) throw new Error('index.html has no Content-Security-Policy meta tag');
/**
 * The policy as an HTTP header: a worker script takes its policy from its own response, not
 * from the page; frame-ancestors works only in a header.
 */
export const CSP_HEADER = `${pagePolicy}; frame-ancestors 'none'`;

/**
 * The dev server injects inline scripts (React Fast Refresh) that the policy forbids: drop the
 * meta tag there. Builds and `vite preview` keep the policy (the e2e suite runs on preview).
 */
function devWithoutCsp(): Plugin {
  return {
    name: 'floplab-dev-without-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(CSP_META, ''),
  };
}

/**
 * Offline after the first visit (issue 10): a generated Workbox service worker precaches the
 * whole build — page, worker chunks, TensorFlow.js and its .wasm binaries, the
 * digits, public/models/**, the lessons (bundled). Registered by src/ui/offline after the first
 * paint (injectRegister false). Workbox skips files over 2 MiB by default: raised to 8 MiB.
 */
function offline() {
  return VitePWA({
    strategies: 'generateSW',
    injectRegister: false,
    registerType: 'autoUpdate',
    manifest: false,
    workbox: {
      globPatterns: ['**/*.{js,css,html,wasm,bin,json,svg,woff2}'],
      maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      navigateFallback: 'index.html',
      cleanupOutdatedCaches: true,
      clientsClaim: true,
      skipWaiting: true,
    },
  });
}

// One config for the app (vite), the unit tests (vitest) and the e2e preview server.
export default defineConfig({
  plugins: [react(), tailwindcss(), devWithoutCsp(), offline()],
  worker: { format: 'es' },
  build: {
    chunkSizeWarningLimit: 4000,
    // The policy allows fonts only from the app's origin ("font-src 'self'"): never inline one as
    // a data: URL (KaTeX's smallest font would be, now that its style sheet loads with KaTeX).
    assetsInlineLimit: (file) => (/\.(woff2?|ttf|otf)$/.test(file) ? false : undefined),
  },
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true, headers: { 'Content-Security-Policy': CSP_HEADER } },
});
