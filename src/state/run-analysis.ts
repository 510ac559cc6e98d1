/**
 * Keeps `report` / `errors` in step with `graph` and `convention`: every slice that changes
 * either calls `runAnalysis`. The report is only replaced by a good one (the last good figures
 * stay while the graph is broken).
 */
import type { StoreApi } from 'zustand';
import type { AnalyzeResult } from '../core/cost-types';
import { analyzeAsync, SYNC_ANALYSIS_LAYER_LIMIT, type LatestAnalysis } from './analysis';
import type { FlopLabState } from './store-types';

export interface StoreDeps {
  analysis: LatestAnalysis;
  /** Milliseconds, for coalescing rapid edits of one field into one undo step. */
  now(): number;
}

type Set = StoreApi<FlopLabState>['setState'];
type Get = StoreApi<FlopLabState>['getState'];

/** Analyses the current graph: synchronously while there are no figures yet, else in the worker. */
export function runAnalysis(deps: StoreDeps, set: Set, get: Get): void {
  const { graph, convention, report } = get();
  // An empty graph is answered at once: it has no figures, and the last model's must not linger.
  const sync = (report === null && graph.layers.length <= SYNC_ANALYSIS_LAYER_LIMIT) || graph.layers.length === 0;
  if (!sync) set({ analysisPending: true });
  deps.analysis.request(graph, { convention }, (result) => applyResult(set, get, graph, result), sync);
}

function applyResult(set: Set, get: Get, graph: FlopLabState['graph'], result: AnalyzeResult): void {
  if (get().graph !== graph) return;
  if (result.ok) set({ report: result.report, reportGraph: graph, errors: [], analysisPending: false });
  else if (graph.layers.length === 0) set({ report: null, reportGraph: null, errors: result.errors, analysisPending: false });
  else set({ errors: result.errors, analysisPending: false });
}

/** Re-analyses the pinned comparison model under the current convention. */
export function refreshPinned(set: Set, get: Get): void {
  const { pinned, convention } = get();
  if (!pinned || pinned.report.convention === convention) return;
  void analyzeAsync(pinned.graph, { convention }).then((result) => {
    if (result.ok && get().pinned === pinned && get().convention === convention) {
      set({ pinned: { graph: pinned.graph, report: result.report } });
    }
  });
}
