/**
 * Offline (issue 10): the service worker that vite-plugin-pwa generates (Workbox precache of the
 * whole build: page, worker chunks, TensorFlow.js with its wasm, the digits, the trained models,
 * the lessons). It is registered after the first paint, from a chunk of its own, so it costs the
 * first load nothing; the worker script comes from this origin (CSP worker-src 'self').
 */
/// <reference types="vite-plugin-pwa/client" />
import { useFlopLab } from '../../state/store';

/** The first figures are in (or there is nothing to analyse): what the first-load budget measures up to. */
const figuresIn = () => {
  const s = useFlopLab.getState();
  return s.report !== null || s.errors.length > 0 || s.graph.layers.length === 0;
};

/** Registers the service worker once the page has loaded and its first figures are painted (production builds only). */
export function registerOfflineAfterFirstPaint(): void {
  if (import.meta.env.DEV || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const register = () => {
    // Two frames: the first paint has happened before the worker starts downloading the cache.
    requestAnimationFrame(() => setTimeout(() => {
      void import('virtual:pwa-register').then(({ registerSW }) => registerSW({ immediate: true }));
    }));
  };
  const afterFigures = () => {
    if (figuresIn()) { register(); return; }
    const stop = useFlopLab.subscribe(() => {
      if (!figuresIn()) return;
      stop();
      register();
    });
  };
  if (document.readyState === 'complete') afterFigures();
  else window.addEventListener('load', afterFigures, { once: true });
}
