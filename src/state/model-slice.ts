/**
 * The model slice: the graph, its last good report and errors, the selection, and undo/redo.
 * Every edit goes through `commit`, which records history (capped) and starts an analysis.
 */
import { parseFlopLabConfig } from '../core/config-schema';
import { createLayer, uniqueLayerName } from '../core/layer-defaults';
import { layerCountProblem } from '../core/limits';
import type { ModelGraph } from '../core/model';
import { findPreset } from '../core/presets/index';
import {
  duplicateLayerIn, insertLayerIn, moveLayerIn, removeLayerIn, replaceLayerIn, updateLayerIn,
} from './graph-edits';
import { runAnalysis, type StoreDeps } from './run-analysis';
import type { HistoryEntry, ModelSlice, SliceCreator } from './store-types';

/** Undo steps kept; older ones are dropped. */
export const HISTORY_LIMIT = 100;
/** Edits of the same fields of one layer within this time make one undo step (typing "128"). */
export const COALESCE_MS = 1000;

export const EMPTY_GRAPH: ModelGraph = { name: 'Untitled', layers: [] };

export function createModelSlice(deps: StoreDeps): SliceCreator<ModelSlice> {
  return (set, get) => {
    let lastEdit: { key: string; at: number } | null = null;

    /**
     * One schema for everything: a model the saved/shared config schema refuses never enters the
     * store (the fields and import refuse first, with their own messages; this is the backstop),
     * so whatever the store holds can be saved, restored and shared. Returns whether it refused.
     */
    const refuse = (graph: ModelGraph, what: string): boolean => {
      const checked = parseFlopLabConfig(graph);
      if (checked.ok) return false;
      get().showNotice({ kind: 'error', message: `${what} was not made: ${checked.error.message}` });
      return true;
    };

    /** Makes `graph` current; pushes the old one on the undo stack unless this edit coalesces. */
    const commit = (graph: ModelGraph, opts: { coalesceKey?: string; selectedLayer?: string | null } = {}) => {
      const state = get();
      if (graph === state.graph || refuse(graph, 'That change')) return;
      const at = deps.now();
      const coalesce = opts.coalesceKey !== undefined && lastEdit !== null && lastEdit.key === opts.coalesceKey
        && at - lastEdit.at < COALESCE_MS && state.past.length > 0;
      lastEdit = opts.coalesceKey === undefined ? null : { key: opts.coalesceKey, at };
      const past = coalesce ? state.past : pushCapped(state.past, { graph: state.graph, presetId: state.presetId });
      set({
        graph, past, future: [], canUndo: past.length > 0, canRedo: false,
        selectedLayer: keepSelection(graph, opts.selectedLayer === undefined ? state.selectedLayer : opts.selectedLayer),
      });
      runAnalysis(deps, set, get);
    };

    const refuseCount = (count: number): boolean => {
      const tooMany = layerCountProblem(count);
      if (tooMany) get().showNotice({ kind: 'error', message: `No layer added: the model is full. ${tooMany}` });
      return tooMany !== null;
    };

    const travel = (from: 'past' | 'future') => {
      const state = get();
      const stack = state[from];
      if (stack.length === 0) return;
      const target = stack[stack.length - 1];
      const current: HistoryEntry = { graph: state.graph, presetId: state.presetId };
      const rest = stack.slice(0, -1);
      const other = pushCapped(from === 'past' ? state.future : state.past, current);
      const past = from === 'past' ? rest : other;
      const future = from === 'past' ? other : rest;
      lastEdit = null;
      set({
        graph: target.graph, presetId: target.presetId, past, future,
        canUndo: past.length > 0, canRedo: future.length > 0,
        selectedLayer: keepSelection(target.graph, state.selectedLayer),
      });
      runAnalysis(deps, set, get);
    };

    return {
      graph: EMPTY_GRAPH,
      report: null,
      reportGraph: null,
      errors: [],
      analysisPending: false,
      presetId: null,
      selectedLayer: null,
      past: [],
      future: [],
      canUndo: false,
      canRedo: false,

      setGraph(graph, opts = {}) {
        if (refuse(graph, 'That model change')) return;
        const state = get();
        const recordHistory = opts.recordHistory ?? true;
        const past = recordHistory ? pushCapped(state.past, { graph: state.graph, presetId: state.presetId }) : state.past;
        lastEdit = null;
        set({
          graph, presetId: opts.presetId ?? null, past, future: recordHistory ? [] : state.future,
          canUndo: past.length > 0, canRedo: recordHistory ? false : state.future.length > 0,
          selectedLayer: keepSelection(graph, state.selectedLayer),
        });
        runAnalysis(deps, set, get);
      },

      loadPreset(id) {
        const preset = findPreset(id);
        if (!preset) {
          set({ notice: { kind: 'error', message: `There is no preset called '${id}'.` } });
          return;
        }
        get().setGraph(preset.build(), { presetId: preset.id });
        set({ selectedLayer: null });
      },

      updateLayer(name, patch) {
        // Keyed by position, so typing a new name letter by letter is one undo step too.
        const index = get().graph.layers.findIndex((l) => l.name === name);
        const key = `update:${index}:${Object.keys(patch).sort().join(',')}`;
        const selected = get().selectedLayer;
        const renamedTo = typeof patch.name === 'string' && selected === name ? patch.name : undefined;
        commit(updateLayerIn(get().graph, name, patch), { coalesceKey: key, selectedLayer: renamedTo });
      },

      replaceLayer(name, spec) {
        const selected = get().selectedLayer;
        commit(replaceLayerIn(get().graph, name, spec), { selectedLayer: selected === name ? spec.name : undefined });
      },

      addLayer(type, index) {
        const graph = get().graph;
        if (refuseCount(graph.layers.length + 1)) return;
        const spec = createLayer(type, uniqueLayerName(graph, type));
        commit(insertLayerIn(graph, spec, index), { selectedLayer: spec.name });
      },

      removeLayer(name) {
        commit(removeLayerIn(get().graph, name));
      },

      moveLayer(fromIndex, toIndex) {
        commit(moveLayerIn(get().graph, fromIndex, toIndex));
      },

      duplicateLayer(name) {
        const graph = get().graph;
        const original = graph.layers.find((l) => l.name === name);
        if (!original || refuseCount(graph.layers.length + 1)) return;
        const copyName = uniqueLayerName(graph, original.type);
        commit(duplicateLayerIn(graph, name, copyName), { selectedLayer: copyName });
      },

      selectLayer(name) {
        set({ selectedLayer: keepSelection(get().graph, name) });
      },

      undo() {
        travel('past');
      },

      redo() {
        travel('future');
      },
    };
  };
}

function pushCapped(stack: HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  const next = [...stack, entry];
  return next.length > HISTORY_LIMIT ? next.slice(next.length - HISTORY_LIMIT) : next;
}

/** The selection if that layer exists in `graph`, else none. */
function keepSelection(graph: ModelGraph, name: string | null): string | null {
  return name !== null && graph.layers.some((l) => l.name === name) ? name : null;
}
