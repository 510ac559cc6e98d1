/**
 * Trained weights survive a reload (issue 8): the weights the worker holds for the current
 * model (trained here, imported) are saved in IndexedDB as model.json + weights files (what
 * "Download weights" gives; localStorage is too small), one slot, with the graph they belong to
 * and their accuracy. At start-up a saved copy that belongs to the restored model is imported
 * into the worker again. A failed save or load leaves what was saved untouched; trained presets
 * are not saved (their weights ship with the app).
 */
import type { StoreApi } from 'zustand';
import type { ModelGraph } from '../core/model';
import type { WeightFile } from '../worker/api';
import type { FlopLabState, TrainedWeightsSource } from './store-types';
import { weightsKey } from './weights-key';
import { getWorker, importModelInWorker } from './worker-client';

const DB_NAME = 'floplab-weights';
const STORE = 'weights';
const SLOT = 'current';

export interface SavedWeights {
  key: string;
  accuracy: number;
  source: TrainedWeightsSource;
  files: WeightFile[];
  savedAt: number;
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
  });
}

async function inStore<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = act(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result as T);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}

const available = () => typeof indexedDB !== 'undefined';

/** Saves the weights the worker holds for `graph`; false when nothing was saved (no weights, no IndexedDB, full). */
export async function saveTrainedWeights(graph: ModelGraph, accuracy: number, source: TrainedWeightsSource): Promise<boolean> {
  if (!available()) return false;
  const exported = await getWorker().exportWeights(graph);
  if (exported.status !== 'done') return false;
  const record: SavedWeights = { key: weightsKey(graph), accuracy, source, files: exported.files, savedAt: Date.now() };
  try {
    await inStore<IDBValidKey>('readwrite', (s) => s.put(record, SLOT));
    return true;
  } catch (error) {
    console.warn('FlopLab: the trained weights could not be saved', error);
    return false;
  }
}

/** The saved copy, or null (none, or IndexedDB unusable). */
export async function readSavedWeights(): Promise<SavedWeights | null> {
  if (!available()) return null;
  try {
    return (await inStore<SavedWeights | undefined>('readonly', (s) => s.get(SLOT))) ?? null;
  } catch {
    return null;
  }
}

/**
 * Imports the saved weights into the worker when they belong to the current model; returns
 * whether they did. The saved copy stays as it is whatever happens.
 */
export async function restoreTrainedWeights(store: StoreApi<FlopLabState>): Promise<boolean> {
  const saved = await readSavedWeights();
  const graph = store.getState().graph;
  if (saved === null || saved.key !== weightsKey(graph) || saved.files.length < 2) return false;
  let modelJson: unknown;
  try {
    modelJson = JSON.parse(new TextDecoder().decode(saved.files[0].data));
  } catch {
    return false;
  }
  const imported = await importModelInWorker(modelJson, saved.files.slice(1).map((f) => ({ name: f.name, data: f.data.slice(0) })));
  if (!imported.ok || !imported.value.hasWeights || weightsKey(store.getState().graph) !== saved.key) return false;
  store.getState().recordTrained(graph, saved.accuracy, saved.source);
  return true;
}
