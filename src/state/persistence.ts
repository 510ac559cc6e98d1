/**
 * Keeping the work across reloads: the share state of the store, in the same versioned and
 * validated format as share links, saved to localStorage shortly after each change.
 */
import type { Result } from '../core/result';
import { shareableState, shareStateOf } from './share';
import { useFlopLab } from './store';
import { decodeShareState, encodeShareState, type ShareState } from './url-codec';

export const STORAGE_KEY = 'floplab.work';
/** Saves wait this long after the last change (typing a number is one save). */
export const SAVE_DEBOUNCE_MS = 300;

/** The part of Web Storage used here (tests pass an in-memory one). */
export type WorkStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** localStorage, or null where it is unavailable (blocked cookies, sandboxed frames). */
export function browserStorage(): WorkStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The saved work: null when there is none, an error value when it cannot be restored. */
export function loadSavedWork(storage: WorkStorage | null): Result<ShareState> | null {
  let saved: string | null;
  try {
    saved = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
  return saved === null ? null : decodeShareState(saved);
}

/** Writes `state` now; a full or blocked storage only costs the saved copy. */
export function saveWork(storage: WorkStorage | null, state: ShareState): void {
  try {
    storage?.setItem(STORAGE_KEY, encodeShareState(state));
  } catch (error) {
    console.warn('FlopLab: could not save the work locally', error);
  }
}

/**
 * Saves the work after each change (debounced) and when the page is hidden or closed.
 * Returns a function that stops saving.
 */
export function startPersistence(storage: WorkStorage | null, debounceMs = SAVE_DEBOUNCE_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = shareStateOf(useFlopLab.getState());
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    saveWork(storage, shareableState(useFlopLab.getState()));
  };
  // The starting state is work too (a share link just opened must survive a reload).
  flush();
  const unsubscribe = useFlopLab.subscribe((state) => {
    const next = shareStateOf(state);
    if (sameShareState(next, last)) return;
    last = next;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  });
  const onHide = () => {
    if (timer !== null) flush();
  };
  const hasWindow = typeof window !== 'undefined';
  if (hasWindow) {
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
  }
  return () => {
    unsubscribe();
    if (timer !== null) flush();
    if (hasWindow) {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
    }
  };
}

/** Field by field by identity: the store replaces what it changes. */
function sameShareState(a: ShareState, b: ShareState): boolean {
  return (Object.keys(a) as (keyof ShareState)[]).every((key) =>
    key === 'customDevice'
      ? a.customDevice?.peakGflops === b.customDevice?.peakGflops && a.customDevice?.bandwidthGBs === b.customDevice?.bandwidthGBs
      : a[key] === b[key]);
}
