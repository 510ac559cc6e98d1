import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadSavedWork, saveWork, startPersistence, STORAGE_KEY, type WorkStorage } from './persistence';
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
    const stop = startPersistence(storage, 300);
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

  it('a half-typed value out of range is saved as the last good model', () => {
    const good = state().graph;
    state().updateLayer('c1', { filters: 0 });
    expect(shareableState(state()).graph).toBe(good);
    expect(shareStateOf(state()).graph).not.toBe(good);
    // an error the schema allows (kernel too large) is the user's work and is kept
    state().updateLayer('c1', { filters: 6, kernelSize: [40, 40] });
    expect(shareableState(state()).graph).toBe(state().graph);
    expect(encodeShareState(shareableState(state()))).toMatch(/^v1\./);
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
