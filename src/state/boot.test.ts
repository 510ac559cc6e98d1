import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findPreset } from '../core/presets/index';
import type { WorkStorage } from './persistence';
import type { ShareState } from './url-codec';

/** A fresh store and boot module per test (boot runs once per page). */
async function freshModules() {
  vi.resetModules();
  const boot = await import('./boot');
  const store = await import('./store');
  const codec = await import('./url-codec');
  const persistence = await import('./persistence');
  const share = await import('./share');
  return { ...boot, ...store, ...codec, ...persistence, ...share };
}

function memoryStorage(): WorkStorage {
  const items = new Map<string, string>();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) };
}

/** Just enough of `window` and `document` for boot and persistence. */
function fakePage(hash: string) {
  const listeners = new Map<string, () => void>();
  const location = { hash, pathname: '/app/', search: '', origin: 'https://example.org' };
  const replaceState = vi.fn((_s: unknown, _t: string, url: string) => {
    location.hash = url.includes('#') ? url.slice(url.indexOf('#')) : '';
  });
  vi.stubGlobal('window', {
    location, history: { state: null, replaceState },
    addEventListener: (type: string, fn: () => void) => listeners.set(type, fn),
    removeEventListener: () => undefined,
  });
  vi.stubGlobal('document', { addEventListener: () => undefined, removeEventListener: () => undefined });
  return { location, replaceState, fire: (type: string) => listeners.get(type)?.() };
}

const sample = (graphId: string): ShareState => ({
  graph: findPreset(graphId)!.build(), presetId: graphId, deviceId: 'custom',
  customDevice: { peakGflops: 10, bandwidthGBs: 2 }, convention: 'detailed', metric: 'flops', tab: 'compare',
  selectedLayer: null,
});

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('initFromLocation', () => {
  it('opens a share link, clears it from the address bar and saves it as the work', async () => {
    const m = await freshModules();
    const storage = memoryStorage();
    const page = fakePage(m.shareFragment(sample('mobilenet-v1')));
    m.initFromLocation(storage);
    const s = m.useFlopLab.getState();
    expect(s.graph).toEqual(sample('mobilenet-v1').graph);
    expect(s).toMatchObject({ presetId: 'mobilenet-v1', deviceId: 'custom', peakGflops: 10, convention: 'detailed', metric: 'flops', tab: 'compare', notice: null });
    expect(s.report?.convention).toBe('detailed'); // figures at once, under the link's convention
    expect(s.canUndo).toBe(false);
    expect(page.replaceState).toHaveBeenCalledWith(null, '', '/app/');
    expect(m.loadSavedWork(storage)).toMatchObject({ ok: true, value: { presetId: 'mobilenet-v1' } });
  });

  it('a link to a model trained in the sender\'s page opens its architecture and says the weights stayed behind', async () => {
    const m = await freshModules();
    const trainedHere = { ...sample('lenet-300-100'), presetId: null, weightsLeftBehind: true };
    fakePage(m.shareFragment(trainedHere));
    m.initFromLocation(memoryStorage());
    const s = m.useFlopLab.getState();
    expect(s.graph).toEqual(trainedHere.graph);
    expect(s.trained).toBeNull();
    expect(s.notice).toEqual({ kind: 'info', message: m.WEIGHTS_LEFT_BEHIND });
  });

  it('a share link says weights stayed behind only for weights trained or imported in the page', async () => {
    const m = await freshModules();
    fakePage('');
    m.initFromLocation(memoryStorage());
    const graph = findPreset('lenet-300-100')!.build();
    m.useFlopLab.getState().setGraph(graph, { presetId: null });
    const flag = () => m.decodeShareState(m.encodeShareState(m.shareStateOf(m.useFlopLab.getState())));
    expect(flag()).toMatchObject({ ok: true, value: { weightsLeftBehind: undefined } });
    m.useFlopLab.getState().recordTrained(graph, 0.9, 'trained');
    expect(flag()).toMatchObject({ ok: true, value: { weightsLeftBehind: true } });
    m.useFlopLab.getState().recordTrained(graph, 0.9, 'preset');
    expect(flag()).toMatchObject({ ok: true, value: { weightsLeftBehind: undefined } });
  });

  it('a damaged link opens the default model with an error notice', async () => {
    const m = await freshModules();
    fakePage('#s=v1.bm90LWEtbGluaw');
    m.initFromLocation(memoryStorage());
    const s = m.useFlopLab.getState();
    expect(s.presetId).toBe(m.DEFAULT_PRESET_ID);
    expect(s.report).not.toBeNull();
    expect(s.notice?.kind).toBe('error');
    expect(s.notice?.message).toMatch(/^This share link is damaged \(.+\)\. Opened the default model instead\.$/);
  });

  it('without a link, restores the saved work', async () => {
    const m = await freshModules();
    const storage = memoryStorage();
    m.saveWork(storage, sample('resnet-18'));
    fakePage('');
    m.initFromLocation(storage);
    expect(m.useFlopLab.getState().presetId).toBe('resnet-18');
    expect(m.useFlopLab.getState().notice).toBeNull();
  });

  it('damaged saved work: the default model and a notice', async () => {
    const m = await freshModules();
    const storage = memoryStorage();
    storage.setItem(m.STORAGE_KEY, 'v1.AAAA');
    fakePage('');
    m.initFromLocation(storage);
    expect(m.useFlopLab.getState().presetId).toBe(m.DEFAULT_PRESET_ID);
    expect(m.useFlopLab.getState().notice?.message).toMatch(/saved work could not be restored/);
  });

  it('nothing at all: the default preset, analysed at once', async () => {
    const m = await freshModules();
    fakePage('');
    m.initFromLocation(null);
    const s = m.useFlopLab.getState();
    expect(s.presetId).toBe('lenet-5');
    expect(s.report?.totals.params).toBe(61706);
  });

  it('a link pasted into the open page loads it, undoably', async () => {
    const m = await freshModules();
    const page = fakePage('');
    m.initFromLocation(null);
    page.location.hash = m.shareFragment(sample('vgg-16'));
    page.fire('hashchange');
    expect(m.useFlopLab.getState().presetId).toBe('vgg-16');
    m.useFlopLab.getState().undo();
    expect(m.useFlopLab.getState().presetId).toBe('lenet-5');
  });
});

describe('never lose work', () => {
  /** Saved AlexNet work with one edit, as a user leaves it. */
  async function savedAlexNet() {
    const m = await freshModules();
    const storage = memoryStorage();
    const graph = findPreset('alexnet')!.build();
    graph.layers = graph.layers.map((l) => (l.type === 'Dense' && l.units === 4096 ? { ...l, units: 1000 } : l));
    const work: ShareState = { ...sample('alexnet'), graph, presetId: null };
    m.saveWork(storage, work);
    return { m, storage, work, savedText: storage.getItem(m.STORAGE_KEY) };
  }

  it('a link cut short by 12 characters leaves the saved work open and the saved copy untouched', async () => {
    const { m, storage, work, savedText } = await savedAlexNet();
    const link = m.shareFragment(sample('vgg-16'));
    fakePage(link.slice(0, -12));
    m.initFromLocation(storage);
    const s = m.useFlopLab.getState();
    expect(s.graph).toEqual(work.graph);
    expect(s.notice?.kind).toBe('error');
    expect(s.notice?.message).toMatch(/^This share link is damaged \(.+\)\. Your model is unchanged\.$/);
    vi.advanceTimersByTime(10_000);
    expect(storage.getItem(m.STORAGE_KEY)).toBe(savedText);
  });

  it('a valid link over saved work: the link opens, Undo and "Restore your previous model" bring the work back', async () => {
    const { m, storage, work } = await savedAlexNet();
    fakePage(m.shareFragment(sample('vgg-16')));
    m.initFromLocation(storage);
    const store = m.useFlopLab;
    expect(store.getState().presetId).toBe('vgg-16');
    const notice = store.getState().notice;
    expect(notice?.kind).toBe('info');
    expect(notice?.message).toMatch(/replaced your model/);
    expect(notice?.action?.label).toBe('Restore your previous model');
    store.getState().undo();
    expect(store.getState().graph).toEqual(work.graph);
    store.getState().redo();
    expect(store.getState().presetId).toBe('vgg-16');
    notice!.action!.run();
    expect(store.getState().graph).toEqual(work.graph);
    expect(store.getState()).toMatchObject({ presetId: null, deviceId: 'custom', peakGflops: 10 });
    store.getState().undo(); // restoring is one step too
    expect(store.getState().presetId).toBe('vgg-16');
  });

  it('a valid pasted link offers the restore button too; a damaged pasted link changes nothing', async () => {
    const { m, storage, work } = await savedAlexNet();
    const page = fakePage('');
    m.initFromLocation(storage);
    page.location.hash = m.shareFragment(sample('vgg-16')).slice(0, -12);
    page.fire('hashchange');
    expect(m.useFlopLab.getState().graph).toEqual(work.graph);
    expect(m.useFlopLab.getState().notice?.message).toMatch(/Your model is unchanged/);
    page.location.hash = m.shareFragment(sample('vgg-16'));
    page.fire('hashchange');
    expect(m.useFlopLab.getState().presetId).toBe('vgg-16');
    m.useFlopLab.getState().notice!.action!.run();
    expect(m.useFlopLab.getState().graph).toEqual(work.graph);
  });

  it('an unreadable saved copy (newer version) is kept aside, not overwritten, and the user is told', async () => {
    const m = await freshModules();
    const storage = memoryStorage();
    storage.setItem(m.STORAGE_KEY, 'v2.written-by-a-newer-floplab');
    fakePage('');
    vi.setSystemTime(5000);
    m.initFromLocation(storage);
    expect(storage.getItem(`${m.UNREADABLE_KEY_PREFIX}5000`)).toBe('v2.written-by-a-newer-floplab');
    const notice = m.useFlopLab.getState().notice;
    expect(notice?.kind).toBe('error');
    expect(notice?.message).toContain('it has version v2, this page reads v1');
    expect(notice?.message).toContain("kept unchanged in this browser's storage under 'floplab.work.unreadable.5000'");
    m.useFlopLab.getState().updateLayer('c1', { filters: 7 });
    vi.advanceTimersByTime(1000);
    expect(storage.getItem(`${m.UNREADABLE_KEY_PREFIX}5000`)).toBe('v2.written-by-a-newer-floplab');
  });

  it('an unreadable copy that cannot be kept aside is never overwritten: this tab saves nothing', async () => {
    const m = await freshModules();
    const storage = memoryStorage();
    storage.setItem(m.STORAGE_KEY, 'v1.damaged');
    storage.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };
    fakePage('');
    m.initFromLocation(storage);
    expect(m.useFlopLab.getState().notice?.message).toMatch(/could not be copied aside \(the browser's storage for this page is full\), so this tab saves nothing over it/);
    m.useFlopLab.getState().updateLayer('c1', { filters: 7 });
    vi.advanceTimersByTime(1000);
    expect(storage.getItem(m.STORAGE_KEY)).toBe('v1.damaged');
  });

  it('a full storage is reported to the user in a notice', async () => {
    const m = await freshModules();
    const storage = memoryStorage();
    storage.setItem = () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    fakePage('');
    m.initFromLocation(storage);
    m.useFlopLab.getState().updateLayer('c1', { filters: 7 });
    vi.advanceTimersByTime(1000);
    expect(m.useFlopLab.getState().notice).toMatchObject({
      kind: 'error',
      message: "Your latest changes are not saved in this browser: the browser's storage for this page is full. Export the model (Export → FlopLab JSON) to keep it.",
    });
  });
});

describe('shareUrl', () => {
  it('is this page plus #s= and the state, and opens the same model', async () => {
    const m = await freshModules();
    fakePage('');
    m.initFromLocation(null);
    m.useFlopLab.getState().updateLayer('c1', { filters: 12 });
    const url = m.shareUrl();
    expect(url.startsWith('https://example.org/app/#s=v1.')).toBe(true);
    const decoded = m.decodeShareState(new URL(url).hash);
    expect(decoded.ok && decoded.value.graph).toEqual(m.useFlopLab.getState().graph);
  });
});
