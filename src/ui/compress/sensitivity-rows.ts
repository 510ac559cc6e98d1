/** A sensitivity report as chart rows: one per sparsity (in %) or bit width, a column per layer. */
import type { SensitivityReport } from '../../core/sensitivity/types';

export interface SensitivityRow { x: number; [layer: string]: number }

export function sensitivityRows(report: SensitivityReport): SensitivityRow[] {
  const byX = new Map<number, SensitivityRow>();
  for (const layer of report.layers) {
    for (const p of layer.points as { sparsity?: number; bits?: number; accuracy: number }[]) {
      const x = report.kind === 'prune' ? Math.round((p.sparsity ?? 0) * 100) : p.bits ?? 0;
      const row = byX.get(x) ?? { x };
      row[layer.name] = p.accuracy;
      byX.set(x, row);
    }
  }
  return [...byX.values()].sort((a, b) => a.x - b.x);
}
