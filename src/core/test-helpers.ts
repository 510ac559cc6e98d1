/** Test helpers: build small graphs tersely. Used only by *.test.ts files. */
import type { AnalyzeOptions, CostReport } from './cost-types';
import { analyzeModel } from './analyze';
import { createLayer } from './layer-defaults';
import type { LayerSpec, LayerType, ModelGraph, Shape } from './model';

/** A layer of `type` with Keras defaults, overridden by `patch`. */
export function layer<T extends LayerType>(type: T, name: string, patch: Record<string, unknown> = {}): LayerSpec {
  return { ...createLayer(type, name), ...patch } as LayerSpec;
}

/** A Sequential model: an InputLayer of `shape`, then `layers`. */
export function stack(shape: Shape, ...layers: LayerSpec[]): ModelGraph {
  return { name: 'test', layers: [{ type: 'InputLayer', name: 'input', shape }, ...layers] };
}

/** Analyses and returns the report; fails the test with the errors if analysis fails. */
export function reportOf(graph: ModelGraph, options?: AnalyzeOptions): CostReport {
  const r = analyzeModel(graph, options);
  if (!r.ok) throw new Error(`analysis failed: ${r.errors.map((e) => e.message).join('; ')}`);
  return r.report;
}
