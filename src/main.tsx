// First: zod must not generate code at run time (CSP); see the module.
import './core/zod-csp';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import { initFromLocation } from './state/boot';
import { App } from './ui/app';
import { registerOfflineAfterFirstPaint } from './ui/offline/register-offline';

// The starting model: a share link in the URL, else the saved work, else the default preset.
initFromLocation();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The offline cache (service worker) starts after the first paint: no cost to the first load.
registerOfflineAfterFirstPaint();
