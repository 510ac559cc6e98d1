/**
 * Start-up: a share link in the fragment wins, then the locally saved work, then the default
 * preset. A damaged link or saved copy opens the default model with a message saying why.
 */
import { findPreset } from '../core/presets/index';
import { warmUpWorker } from './analysis';
import { browserStorage, loadSavedWork, startPersistence, type WorkStorage } from './persistence';
import { applyShareState } from './share';
import { useFlopLab } from './store';
import { decodeShareState, shareParam } from './url-codec';

/** The first model a class sees: small enough to read layer by layer, with every classic part. */
export const DEFAULT_PRESET_ID = 'lenet-5';

let started = false;

/**
 * Loads the starting model from the URL fragment, the saved work or the default preset, then
 * keeps the work saved and follows share links pasted into this tab. Runs once.
 */
export function initFromLocation(storage: WorkStorage | null = browserStorage()): void {
  if (started) return;
  started = true;
  const fromLink = shareParam(window.location.hash);
  if (fromLink !== null) {
    clearFragment();
    openShared(fromLink, false);
  } else {
    openSavedWork(storage);
  }
  startPersistence(storage);
  warmUpWorker(useFlopLab.getState().graph);
  window.addEventListener('hashchange', () => {
    const pasted = shareParam(window.location.hash);
    if (pasted === null) return;
    clearFragment();
    openShared(pasted, true);
  });
}

/** Opens a link's state; a damaged link opens the default model and says so. */
function openShared(encoded: string, recordHistory: boolean): void {
  const decoded = decodeShareState(encoded);
  if (decoded.ok) {
    applyShareState(decoded.value, { recordHistory });
    return;
  }
  openDefaultModel(recordHistory);
  useFlopLab.getState().showNotice({
    kind: 'error',
    message: `This share link is damaged (${decoded.error.message}). Opened the default model instead.`,
  });
}

function openSavedWork(storage: WorkStorage | null): void {
  const saved = loadSavedWork(storage);
  if (saved?.ok) {
    applyShareState(saved.value);
    return;
  }
  openDefaultModel(false);
  if (saved && !saved.ok) {
    useFlopLab.getState().showNotice({
      kind: 'error',
      message: `Your saved work could not be restored (${saved.error.message}). Opened the default model instead.`,
    });
  }
}

function openDefaultModel(recordHistory: boolean): void {
  const preset = findPreset(DEFAULT_PRESET_ID);
  if (!preset) return;
  useFlopLab.getState().setGraph(preset.build(), { presetId: preset.id, recordHistory });
  useFlopLab.getState().selectLayer(null);
}

/** The link's state now lives in the store (and the saved work); the address bar stays clean. */
function clearFragment(): void {
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, '', `${pathname}${search}`);
}
