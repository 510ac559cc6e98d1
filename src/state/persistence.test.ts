import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  keepUnreadableWork, loadSavedWork, saveWork, startPersistence, STORAGE_KEY, UNREADABLE_KEY_PREFIX, type WorkStorage,
} from './persistence';
import { shareableState, shareStateOf } from './share';
import { initialFlopLabState, useFlopLab } from './store';
import { encodeShareState } from './url-codec';

/** An in-memory Web Storage. */
function memoryStorage(): WorkStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

const state = () => useFlopLab.getState();

beforeEach(() => {
  useFlopLab.setState(initialFlopLabState, true);
  state().loadPreset('lenet-5');
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('saved work', () => {
  it('round-trips through storage', () => {
    const storage = memoryStorage();
    state().setCustomDevice({ peakGflops: 7, bandwidthGBs: 3 });
    state().selectLayer('c3');
    saveWork(storage, shareStateOf(state()));
    expect(storage.items.get(STORAGE_KEY)).toMatch(/^v1\./);
    expect(loadSavedWork(storage)).toEqual({ ok: true, value: shareStateOf(state()) });
  });

  it('nothing saved → null; damaged or foreign → an error value', () => {
    const storage = memoryStorage();
    expect(loadSavedWork(storage)).toBeNull();
    expect(loadSavedWork(null)).toBeNull();
    storage.setItem(STORAGE_KEY, '{"old":"format"}');
    expect(loadSavedWork(storage)?.ok).toBe(false);
    storage.setItem(STORAGE_KEY, 'v1.garbage!');
    expect(loadSavedWork(storage)?.ok).toBe(false);
  });

  it('storage that throws costs only the saved copy', () => {
    const throwing: WorkStorage = {
      getItem: () => { throw new Error('SecurityError'); },
      setItem: () => { throw new Error('QuotaExceededError'); },
      removeItem: () => undefined,
    };
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(loadSavedWork(throwing)).toBeNull();
    expect(() => saveWork(throwing, shareStateOf(state()))).not.toThrow();
  });

  it('saves at start, then once after a burst of changes (debounced)', () => {
    const storage = memoryStorage();
    const setItem = vi.spyOn(storage, 'setItem');
    const stop = startPersistence(storage, { debounceMs: 300, saveNow: true });
    expect(setItem).toHaveBeenCalledTimes(1);
    state().updateLayer('c1', { filters: 7 });
    state().updateLayer('c1', { filters: 8 });
    state().setMetric('flops');
    vi.advanceTimersByTime(299);
    expect(setItem).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(setItem).toHaveBeenCalledTimes(2);
    const saved = loadSavedWork(storage);
    expect(saved?.ok && saved.value.graph.layers[1]).toMatchObject({ name: 'c1', filters: 8 });
    expect(saved?.ok && saved.value.metric).toBe('flops');
    state().showNotice({ kind: 'info', message: 'not work' }); // not part of the work: no save
    vi.advanceTimersByTime(1000);
    expect(setItem).toHaveBeenCalledTimes(2);
    state().setTab('compare');
    stop(); // stopping flushes the pending save
    expect(setItem).toHaveBeenCalledTimes(3);
  });

  it('an edit the saved/shared schema refuses never enters the store; one it allows is saved as it is', () => {
    const good = state().graph;
    state().updateLayer('c1', { filters: 0 });
    expect(state().graph).toBe(good);
    expect(state().notice).toMatchObject({ kind: 'error' });
    expect(state().notice?.message).toMatch(/^That change was not made: Layer 'c1' \(layers\[1\]\.filters\)/);
    // an error the schema allows (kernel too large) is the user's work and is kept
    state().updateLayer('c1', { filters: 6, kernelSize: [40, 40] });
    expect(shareableState(state()).graph).toBe(state().graph);
    expect(encodeShareState(shareableState(state()))).toMatch(/^v1\./);
  });

  it('a graph put in the store by other means, out of the schema, is saved as the last good model', () => {
    const good = state().reportGraph;
    useFlopLab.setState({ graph: { ...state().graph, layers: state().graph.layers.map((l, i) => (i === 1 ? { ...l, filters: 0 } as typeof l : l)) } });
    expect(shareableState(state()).graph).toBe(good);
  });
});

describe('never lose work', () => {
  it('nothing is written at start unless asked (a start-up must not overwrite the saved copy)', () => {
    const storage = memoryStorage();
    storage.setItem(STORAGE_KEY, 'v1.someone-elses-copy');
    const stop = startPersistence(storage, { debounceMs: 300 });
    vi.advanceTimersByTime(1000);
    stop();
    expect(storage.items.get(STORAGE_KEY)).toBe('v1.someone-elses-copy');
  });

  it('an unreadable copy is kept aside under its own key, unchanged', () => {
    const storage = memoryStorage();
    storage.setItem(STORAGE_KEY, 'v9.from-a-newer-floplab');
    const aside = keepUnreadableWork(storage, 1234);
    expect(aside).toEqual({ ok: true, value: `${UNREADABLE_KEY_PREFIX}1234` });
    expect(storage.items.get('floplab.work.unreadable.1234')).toBe('v9.from-a-newer-floplab');
    expect(loadSavedWork(storage)).toMatchObject({ ok: false, error: { message: 'it has version v9, this page reads v1' } });
  });

  it('keeping aside fails as a value when storage is full', () => {
    const storage = memoryStorage();
    storage.setItem(STORAGE_KEY, 'v1.x');
    storage.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };
    expect(keepUnreadableWork(storage)).toMatchObject({ ok: false, error: { message: "the browser's storage for this page is full" } });
  });

  it('a full storage is reported once per run of failures, with words a user reads', () => {
    const storage = memoryStorage();
    let full = true;
    const realSet = storage.setItem;
    storage.setItem = (k, v) => {
      if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      realSet(k, v);
    };
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const errors: string[] = [];
    const stop = startPersistence(storage, { debounceMs: 10, onSaveError: (m) => errors.push(m) });
    state().updateLayer('c1', { filters: 7 });
    vi.advanceTimersByTime(10);
    state().updateLayer('c1', { filters: 8 });
    vi.advanceTimersByTime(10);
    expect(errors).toEqual(["the browser's storage for this page is full"]);
    full = false;
    state().updateLayer('c1', { filters: 9 });
    vi.advanceTimersByTime(10);
    expect(storage.items.has(STORAGE_KEY)).toBe(true);
    full = true;
    state().updateLayer('c1', { filters: 10 });
    vi.advanceTimersByTime(10);
    expect(errors).toHaveLength(2);
    stop();
  });
});

describe('shareStateOf', () => {
  it('carries custom figures only for the custom device', () => {
    state().setDevice('raspberry-pi-5');
    expect(shareStateOf(state()).customDevice).toBeNull();
    state().setCustomDevice({ peakGflops: 1, bandwidthGBs: 2 });
    expect(shareStateOf(state()).customDevice).toEqual({ peakGflops: 1, bandwidthGBs: 2 });
  });
});
