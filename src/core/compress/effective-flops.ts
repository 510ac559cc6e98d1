/**
 * FLOPs after unstructured pruning. A dense kernel executes every multiply-add whether the
 * weight is zero or not (dense FLOPs unchanged); a sparse kernel that skips zeros executes
 * only the nonzero ones: effective FLOPs of a layer = its FLOPs − 2·MACs·(1 − density), i.e.
 * MACs × density × 2 plus whatever the convention counts besides MACs (pooling, bias, BN…).
 * Density is nonzero kernel weights / kernel weights; every weight of a Conv2D, depthwise or
 * pointwise kernel is used Hout·Wout times and of a Dense kernel once, so the fraction of
 * MACs skipped equals the fraction of weights that are zero.
 */
import type { CostReport } from '../cost-types';

export interface EffectiveFlopsLayer {
  name: string;
  density: number;
  denseFlops: number;
  effectiveFlops: number;
}

export interface EffectiveFlops {
  /** What a dense kernel executes (the report's FLOPs). */
  denseFlops: number;
  /** Skipping multiplications by zero. */
  effectiveFlops: number;
  layers: EffectiveFlopsLayer[];
}

/** Dense and effective FLOPs of a report given each layer's kernel density (missing layers: 1). */
export function effectiveFlops(report: CostReport, densityByLayer: Record<string, number>): EffectiveFlops {
  const layers = report.layers.map((l) => {
    const density = densityByLayer[l.name] ?? 1;
    return { name: l.name, density, denseFlops: l.flops, effectiveFlops: l.flops - 2 * l.macs * (1 - density) };
  });
  return {
    denseFlops: layers.reduce((s, l) => s + l.denseFlops, 0),
    effectiveFlops: layers.reduce((s, l) => s + l.effectiveFlops, 0),
    layers,
  };
}
