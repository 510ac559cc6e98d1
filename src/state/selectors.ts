/**
 * Derived values, computed from the store and never stored beside it. Each is memoised on its
 * inputs so a component re-renders only when the value really changes.
 */
import type { CostReport, LatencyReport } from '../core/cost-types';
import { estimateLatency } from '../core/latency';
import type { FlopLabError } from '../core/result';
import { useFlopLab } from './store';
import type { FlopLabState } from './store-types';

/** Remembers the last inputs and output of `compute` (inputs compared by identity). */
function memoizeLast<Args extends unknown[], R>(compute: (...args: Args) => R): (...args: Args) => R {
  let lastArgs: Args | null = null;
  let lastResult: R;
  return (...args: Args) => {
    if (lastArgs && args.length === lastArgs.length && args.every((a, i) => Object.is(a, lastArgs![i]))) {
      return lastResult;
    }
    lastArgs = args;
    lastResult = compute(...args);
    return lastResult;
  };
}

const latencyOf = memoizeLast(
  (report: CostReport | null, peakGflops: number, bandwidthGBs: number): LatencyReport | null =>
    report ? estimateLatency(report, { peakGflops, bandwidthGBs }) : null,
);

/** The roofline/naive latency of the last good report on the chosen device. */
export const selectLatency = (s: FlopLabState): LatencyReport | null =>
  latencyOf(s.report, s.peakGflops, s.bandwidthGBs);

const errorsByLayerOf = memoizeLast((errors: FlopLabError[]): Record<string, string> => {
  const byLayer: Record<string, string> = {};
  for (const error of errors) {
    if (error.layer && !(error.layer in byLayer)) byLayer[error.layer] = error.message;
  }
  return byLayer;
});

/** The first error message of each broken layer, by layer name. */
export const selectErrorsByLayer = (s: FlopLabState): Record<string, string> => errorsByLayerOf(s.errors);

/** Errors that belong to no single layer (e.g. a cycle, no input layer). */
const modelErrorsOf = memoizeLast((errors: FlopLabError[]): FlopLabError[] => errors.filter((e) => !e.layer));
export const selectModelErrors = (s: FlopLabState): FlopLabError[] => modelErrorsOf(s.errors);

/** True when the figures shown are not those of the current graph (broken or still analysing). */
export const selectStale = (s: FlopLabState): boolean => s.errors.length > 0 || s.analysisPending;

export const useLatency = (): LatencyReport | null => useFlopLab(selectLatency);
export const useErrorsByLayer = (): Record<string, string> => useFlopLab(selectErrorsByLayer);
export const useModelErrors = (): FlopLabError[] => useFlopLab(selectModelErrors);
