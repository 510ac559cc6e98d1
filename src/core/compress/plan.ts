/**
 * Validating a CompressionPlan and resolving per-layer overrides. Impossible settings are
 * error values naming the stage (or layer) and field, e.g. "Stage 1 (prune): Expected sparsity
 * in [0, 1), but got 1".
 */
import { fail, ok, type FlopLabError, type Result } from '../result';
import type { CompressionPlan, CompressionStage, LayerOverride } from './types';
import { checkQuantizeOptions } from './quantize';

/** The stage as it applies to one layer, or null when the layer skips compression. */
export function stageForLayer<S extends CompressionStage>(stage: S, layer: string, plan: CompressionPlan): S | null {
  const override: LayerOverride | undefined = plan.layers?.[layer];
  if (!override) return stage;
  if ('skip' in override) return override.skip ? null : stage;
  if (stage.kind === 'huffman') return stage;
  const patch = override[stage.kind];
  return patch ? { ...stage, ...patch, kind: stage.kind } : stage;
}

function checkStage(stage: CompressionStage, where: string, layer?: string): FlopLabError | null {
  const err = (field: string, message: string): FlopLabError => ({ code: 'invalid-value', message: `${where}: ${message}`, field, ...(layer ? { layer } : {}) });
  switch (stage.kind) {
    case 'prune':
      if (!(stage.sparsity >= 0 && stage.sparsity < 1)) return err('sparsity', `Expected sparsity in [0, 1), but got ${stage.sparsity}`);
      return null;
    case 'share':
      if (!Number.isInteger(stage.k) || stage.k < 2 || stage.k > 256) return err('k', `Expected k to be an integer from 2 to 256, but got ${stage.k}`);
      return null;
    case 'quantize': {
      const why = checkQuantizeOptions(stage.bits, stage.symmetric ?? false);
      return why ? err('bits', why) : null;
    }
    default:
      return null;
  }
}

/** Checks every stage and every override; structured pruning must come before sharing and quantization. */
export function checkPlan(plan: CompressionPlan, hasGraph: boolean): Result<true> {
  for (const [i, stage] of plan.stages.entries()) {
    const where = `Stage ${i + 1} (${stage.kind})`;
    const e = checkStage(stage, where);
    if (e) return fail(e);
    if (stage.kind === 'prune' && stage.structured) {
      if (!hasGraph) return fail({ code: 'invalid-value', field: 'structured', message: `${where}: Structured pruning needs the model graph to remove filters, but none was given` });
      if (plan.stages.slice(0, i).some((s) => s.kind !== 'prune')) {
        return fail({ code: 'invalid-value', field: 'structured', message: `${where}: Expected structured pruning before sharing and quantization, but it comes after them` });
      }
    }
    for (const layer of Object.keys(plan.layers ?? {})) {
      const resolved = stageForLayer(stage, layer, plan);
      const le = resolved && checkStage(resolved, `Layer '${layer}', ${where}`, layer);
      if (le) return fail(le);
    }
  }
  return ok(true);
}
