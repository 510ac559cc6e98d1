/**
 * Start-up: the locally saved work (or the default preset), then a share link in the fragment on
 * top of it. Never lose work: a damaged link leaves the saved work open and untouched; a valid
 * link becomes the current model with the previous one a step away (Undo, and the notice's
 * "Restore your previous model"); an unreadable saved copy is kept aside before anything is saved.
 */
import { findPreset } from '../core/presets/index';
import type { Result } from '../core/result';
import { warmUpWorker } from './analysis';
import { browserStorage, keepUnreadableWork, loadSavedWork, startPersistence, type WorkStorage } from './persistence';
import { clearLessonParams, openLessonLink, readLessonLink, watchLessonLinks } from './lesson-link';
import { applyShareState, shareStateOf } from './share';
import { useFlopLab } from './store';
import type { HistoryEntry } from './store-types';
import { decodeShareState, shareParam, type ShareState } from './url-codec';

/** The first model a class sees: small enough to read layer by layer, with every classic part. */
export const DEFAULT_PRESET_ID = 'lenet-5';
export const RESTORE_LABEL = 'Restore your previous model';

let started = false;

/**
 * Loads the saved work or the default preset, then the share link in the URL fragment if any;
 * keeps the work saved and follows share links pasted into this tab. Runs once.
 */
export function initFromLocation(storage: WorkStorage | null = browserStorage()): void {
  if (started) return;
  started = true;
  // A lesson link (#lesson=…&step=…, issue 10) may come with the share payload; its listener
  // goes first so a pasted link's lesson part is read before the fragment is cleared below.
  const lessonLink = readLessonLink(window.location.hash);
  if (lessonLink) clearLessonParams();
  watchLessonLinks();
  const fromLink = shareParam(window.location.hash);
  if (fromLink !== null) clearFragment();
  const link = fromLink === null ? null : decodeShareState(fromLink);
  const saved = loadSavedWork(storage);
  const messages: string[] = [];
  let saveTo = storage;
  if (saved && !saved.ok) {
    const aside = keepUnreadableWork(storage);
    if (!aside.ok) saveTo = null;
    messages.push(unreadableMessage(saved.error.message, aside, link?.ok ? 'Opened the link.' : 'Opened the default model instead.'));
  }
  if (link?.ok) {
    // The link's model opens first (its figures at once); saved work stays one step back.
    applyShareState(link.value);
    if (saved?.ok && !sameModel(saved.value, link.value)) {
      const previous: HistoryEntry = { graph: saved.value.graph, presetId: saved.value.presetId };
      useFlopLab.setState({ past: [previous], canUndo: true });
      if (messages.length === 0) offerRestore(saved.value, link.value);
      else if (link.value.weightsLeftBehind) messages.push(WEIGHTS_LEFT_BEHIND);
    } else if (link.value.weightsLeftBehind) {
      useFlopLab.getState().showNotice({ kind: 'info', message: WEIGHTS_LEFT_BEHIND });
    }
  } else {
    if (saved?.ok) applyShareState(saved.value);
    else openDefaultModel();
    if (link) messages.push(damagedLinkMessage(link.error.message, saved?.ok === true));
  }
  if (messages.length > 0) useFlopLab.getState().showNotice({ kind: 'error', message: messages.join('\n') });
  // A link's model is saved at once (it must survive a reload); otherwise nothing is written
  // until the user changes something, so a bad start can never overwrite the saved copy.
  startPersistence(saveTo, { saveNow: link?.ok === true, onSaveError: showSaveError });
  // A lesson that sets up its own model follows the rule for links: the previous work is one step away.
  if (lessonLink) openLessonLink(lessonLink, { withModel: link?.ok !== true, keepPrevious: saved?.ok === true });
  warmUpWorker(useFlopLab.getState().graph);
  window.addEventListener('hashchange', () => {
    const pasted = shareParam(window.location.hash);
    if (pasted === null) return;
    clearFragment();
    openPastedLink(pasted);
  });
}

/** A link pasted into the open page: opens over the current work, undoably; a damaged one changes nothing. */
function openPastedLink(encoded: string): void {
  const decoded = decodeShareState(encoded);
  const store = useFlopLab.getState();
  if (!decoded.ok) {
    store.showNotice({ kind: 'error', message: damagedLinkMessage(decoded.error.message, true) });
    return;
  }
  const previous = shareStateOf(store);
  applyShareState(decoded.value, { recordHistory: true });
  if (!sameModel(previous, decoded.value)) offerRestore(previous, decoded.value);
  else if (decoded.value.weightsLeftBehind) store.showNotice({ kind: 'info', message: WEIGHTS_LEFT_BEHIND });
}

/** Said when a link's model was trained in the sender's page: links carry no weights. */
export const WEIGHTS_LEFT_BEHIND =
  "This model was trained on the sender's machine, and its weights stayed there (a link carries only the architecture). Train it here in the Train tab to see its accuracy.";

/** The notice that says the link replaced the user's model, with the button that brings it back. */
function offerRestore(previous: ShareState, opened: ShareState): void {
  useFlopLab.getState().showNotice({
    kind: 'info',
    message: `Opened the shared model '${opened.graph.name}'. It replaced your model '${previous.graph.name}': Undo or the button brings yours back.${opened.weightsLeftBehind ? ` ${WEIGHTS_LEFT_BEHIND}` : ''}`,
    action: { label: RESTORE_LABEL, run: () => applyShareState(previous, { recordHistory: true }) },
  });
}

function damagedLinkMessage(reason: string, keptWork: boolean): string {
  return `This share link is damaged (${reason}). ${keptWork ? 'Your model is unchanged.' : 'Opened the default model instead.'}`;
}

function unreadableMessage(reason: string, aside: Result<string>, opened: string): string {
  const why = `Your saved work could not be restored (${reason}).`;
  return aside.ok
    ? `${why} It is kept unchanged in this browser's storage under '${aside.value}'. ${opened}`
    : `${why} It could not be copied aside (${aside.error.message}), so this tab saves nothing over it. ${opened}`;
}

function sameModel(a: ShareState, b: ShareState): boolean {
  return a.presetId === b.presetId && JSON.stringify(a.graph) === JSON.stringify(b.graph);
}

function openDefaultModel(): void {
  const preset = findPreset(DEFAULT_PRESET_ID);
  if (!preset) return;
  useFlopLab.getState().setGraph(preset.build(), { presetId: preset.id, recordHistory: false });
  useFlopLab.getState().selectLayer(null);
}

function showSaveError(reason: string): void {
  useFlopLab.getState().showNotice({
    kind: 'error',
    message: `Your latest changes are not saved in this browser: ${reason}. Export the model (Export → FlopLab JSON) to keep it.`,
  });
}

/** The link's state now lives in the store (and the saved work); the address bar stays clean. */
function clearFragment(): void {
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, '', `${pathname}${search}`);
}
