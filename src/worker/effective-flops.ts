/**
 * FLOPs after compression. A dense kernel multiplies every weight, zero or not, so only
 * structured pruning (a smaller graph) lowers `denseFlops`; a sparse kernel that skips zeros does
 * `effectiveFlops`: each layer's multiply-add FLOPs scaled by the fraction of nonzero weights.
 * Pooling and other weight-free FLOPs are unchanged.
 */
import type { CostReport } from '../core/cost-types';

/**
 * Σ over layers of (FLOPs − 2·MACs) + 2·MACs·density, where density is the layer's nonzero
 * kernel fraction (1 when the layer was not compressed). Under the default convention a layer
 * with MACs has exactly 2·MACs FLOPs; under the detailed one the extra bias/BN/activation FLOPs
 * are kept as they are.
 */
export function effectiveFlops(report: CostReport, densityByLayer: Readonly<Record<string, number>>): number {
  let total = 0;
  for (const layer of report.layers) {
    const density = densityByLayer[layer.name] ?? 1;
    const multiplyAddFlops = 2 * layer.macs;
    total += layer.flops - multiplyAddFlops + multiplyAddFlops * density;
  }
  return total;
}
