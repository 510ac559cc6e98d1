import { describe, expect, it } from 'vitest';
import type { AnalyzeResult } from '../core/cost-types';
import { layer, stack } from '../core/test-helpers';
import { analyzeAsync, analyzeNow, createLatestAnalysis } from './analysis';

const graph = stack([4], layer('Dense', 'd', { units: 2 }));

/** An analyser whose answers the test releases by hand, in any order. */
function manualAnalyzer() {
  const pending: ((r: AnalyzeResult) => void)[] = [];
  const analyze = () => new Promise<AnalyzeResult>((resolve) => pending.push(resolve));
  return { analyze, answer: (i: number, r: AnalyzeResult) => pending[i](r) };
}
const answer = (params: number): AnalyzeResult =>
  ({ ok: true, report: { totals: { params } } }) as unknown as AnalyzeResult;

describe('analysis off the main thread', () => {
  it('without Worker (node) analyses directly, same as the engine', async () => {
    expect(await analyzeAsync(graph)).toEqual(analyzeNow(graph));
    const r = analyzeNow(graph);
    expect(r.ok && r.report.totals.params).toBe(4 * 2 + 2);
  });

  it('drops an answer that a newer request overtook, even when it arrives last', async () => {
    const { analyze, answer: release } = manualAnalyzer();
    const latest = createLatestAnalysis(analyze);
    const seen: number[] = [];
    const record = (r: AnalyzeResult) => seen.push(r.ok ? r.report.totals.params : -1);
    latest.request(graph, {}, record);
    latest.request(graph, {}, record);
    release(1, answer(2));
    release(0, answer(1));
    await latest.settled();
    await Promise.resolve();
    expect(seen).toEqual([2]);
  });

  it('a synchronous request answers at once and makes pending ones stale', async () => {
    const { analyze, answer: release } = manualAnalyzer();
    const latest = createLatestAnalysis(analyze);
    const seen: boolean[] = [];
    latest.request(graph, {}, () => seen.push(false));
    latest.request(graph, {}, (r) => seen.push(r.ok), true);
    expect(seen).toEqual([true]);
    release(0, answer(1));
    await Promise.resolve();
    await Promise.resolve();
    expect(seen).toEqual([true]);
  });
});
