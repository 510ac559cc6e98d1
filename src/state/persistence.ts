/**
 * Keeping the work across reloads: the share state of the store, in the same versioned and
 * validated format as share links, saved to localStorage shortly after each change.
 *
 * Never lose work: a saved copy that cannot be read (damaged, or written by a newer FlopLab) is
 * copied aside under its own key before anything may overwrite it, and a save that fails (a full
 * storage) is reported to the user through `onSaveError`, not only in the console.
 */
import { fail, ok, type Result } from '../core/result';
import { shareableState, shareStateOf } from './share';
import { useFlopLab } from './store';
import { decodeShareState, encodeShareState, type ShareState } from './url-codec';

export const STORAGE_KEY = 'floplab.work';
/** Unreadable saved copies are kept under this prefix + the time they were found (ms). */
export const UNREADABLE_KEY_PREFIX = 'floplab.work.unreadable.';
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
  const saved = readSavedText(storage);
  return saved === null ? null : decodeShareState(saved);
}

function readSavedText(storage: WorkStorage | null): string | null {
  try {
    return storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/**
 * Copies the saved text (one that could not be restored) to UNREADABLE_KEY_PREFIX + `nowMs`, so
 * that later saves cannot destroy it. Returns the key, or why the copy failed (then nothing may
 * be saved over the original).
 */
export function keepUnreadableWork(storage: WorkStorage | null, nowMs = Date.now()): Result<string> {
  const text = readSavedText(storage);
  if (storage === null || text === null) return fail({ code: 'parse-error', message: 'there is no saved copy to keep' });
  const key = `${UNREADABLE_KEY_PREFIX}${nowMs}`;
  try {
    storage.setItem(key, text);
    return storage.getItem(key) === text ? ok(key) : fail({ code: 'parse-error', message: 'the copy did not read back' });
  } catch (error) {
    return fail({ code: 'parse-error', message: storageErrorText(error) });
  }
}

/** Writes `state` now; a full or blocked storage gives an error value with a message for the user. */
export function saveWork(storage: WorkStorage | null, state: ShareState): Result<void> {
  try {
    storage?.setItem(STORAGE_KEY, encodeShareState(state));
    return ok(undefined);
  } catch (error) {
    console.warn('FlopLab: could not save the work locally', error);
    return fail({ code: 'parse-error', message: storageErrorText(error) });
  }
}

/** Why a storage write failed, in words: "the browser's storage for this page is full". */
export function storageErrorText(error: unknown): string {
  const name = error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error)
    ? String((error as { name: unknown }).name) : '';
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return "the browser's storage for this page is full";
  if (name === 'SecurityError') return 'the browser does not let this page store data';
  return `the browser refused to store it (${name || String(error)})`;
}

export interface PersistenceOptions {
  debounceMs?: number;
  /** Save the starting state at once (a share link just opened must survive a reload). */
  saveNow?: boolean;
  /** Called when a save fails after the last one succeeded (once per run of failures). */
  onSaveError?(message: string): void;
}

/**
 * Saves the work after each change (debounced) and when the page is hidden or closed. Nothing is
 * written until the work changes, unless `saveNow`: opening the app never overwrites the saved
 * copy with something the user did not make. Returns a function that stops saving.
 */
export function startPersistence(storage: WorkStorage | null, opts: PersistenceOptions = {}): () => void {
  const debounceMs = opts.debounceMs ?? SAVE_DEBOUNCE_MS;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = shareStateOf(useFlopLab.getState());
  let failing = false;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (storage === null) return;
    const saved = saveWork(storage, shareableState(useFlopLab.getState()));
    if (!saved.ok && !failing) opts.onSaveError?.(saved.error.message);
    failing = !saved.ok;
  };
  if (opts.saveNow) flush();
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
