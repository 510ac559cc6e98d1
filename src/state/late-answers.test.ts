/**
 * A slow worker answer for an old graph never overwrites the figures of the current one, and
 * the store says an analysis is pending (the totals bar's aria-busy) exactly until the newest
 * answer lands — with a fake worker whose answers the test releases out of order.
 */
import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { analyzeModel } from '../core/analyze';
import type { AnalyzeOptions, AnalyzeResult } from '../core/cost-types';
import type { ModelGraph } from '../core/model';
import { layer, stack } from '../core/test-helpers';
import { createLatestAnalysis } from './analysis';
import { createFlopLabState } from './create-state';
import type { StoreDeps } from './run-analysis';
import type { FlopLabState } from './store-types';

/** A worker that answers only when the test says so, in any order, with the engine's real figures. */
function fakeWorker() {
  const calls: { graph: ModelGraph; answer(): void }[] = [];
  const analyze = (graph: ModelGraph, options: AnalyzeOptions = {}) => new Promise<AnalyzeResult>((resolve) => {
    calls.push({ graph, answer: () => resolve(analyzeModel(graph, options)) });
  });
  return { analyze, calls };
}

function storeWith(analyze: (graph: ModelGraph, options?: AnalyzeOptions) => Promise<AnalyzeResult>) {
  const deps: StoreDeps = { analysis: createLatestAnalysis(analyze), now: () => 0 };
  const store = create<FlopLabState>()(createFlopLabState(deps, { storage: () => null }));
  return { store, settled: () => deps.analysis.settled() };
}

// Dense on a 4-vector: 4·u + u params, so the figures name the graph they belong to.
const dense = (units: number) => stack([4], layer('Dense', 'd', { units }));
const params = (units: number) => 4 * units + units;

describe('late worker answers', () => {
  it('an old answer that arrives after the newest one is dropped; pending ends with the newest', async () => {
    const worker = fakeWorker();
    const { store, settled } = storeWith(worker.analyze);
    store.getState().setGraph(dense(1)); // no figures yet: analysed at once on this thread
    expect(store.getState().report?.totals.params).toBe(params(1));
    expect(worker.calls).toHaveLength(0);

    store.getState().setGraph(dense(2));
    store.getState().setGraph(dense(3));
    expect(store.getState().analysisPending).toBe(true);
    expect(worker.calls.map((c) => c.graph.layers[1])).toMatchObject([{ units: 2 }, { units: 3 }]);

    worker.calls[1].answer(); // the newest first
    await settled();
    expect(store.getState().report?.totals.params).toBe(params(3));
    expect(store.getState().analysisPending).toBe(false);

    worker.calls[0].answer(); // the overtaken one, late
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().report?.totals.params).toBe(params(3));
    expect(store.getState().analysisPending).toBe(false);
  });

  it('an old answer that arrives first is dropped too, and the store stays pending until the newest lands', async () => {
    const worker = fakeWorker();
    const { store, settled } = storeWith(worker.analyze);
    store.getState().setGraph(dense(1));
    store.getState().setGraph(dense(2));
    store.getState().setGraph(dense(3));

    worker.calls[0].answer();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().report?.totals.params).toBe(params(1)); // still the last good figures
    expect(store.getState().analysisPending).toBe(true);

    worker.calls[1].answer();
    await settled();
    expect(store.getState().report?.totals.params).toBe(params(3));
    expect(store.getState().reportGraph).toBe(store.getState().graph);
    expect(store.getState().analysisPending).toBe(false);
  });
});
