/**
 * Normalizations: BatchNormalization → BatchNormalization (gamma, beta, moving mean and variance,
 * with weight sources); LayerNormalization over the last axis → LayerNormalization.
 */
import type { LayerSpec } from '../model';
import type { FlopLabError } from '../result';
import { showShape, type MapContext, type WeightSpec } from './map-context';
import { mapUnknown } from './map-unknown';
import { isFloatType } from './tensors';

/**
 * BatchNormalization (inference: scale, B, mean, var, one per channel) → BatchNormalization with
 * gamma, beta, moving_mean, moving_variance. On a 3-D [N, C, L] tensor the channels are not the
 * engine's last axis, so it sits between Reshapes to [L, C] and back.
 */
export function mapBatchNorm(ctx: MapContext): FlopLabError | null {
  const from = ctx.layerOf(0);
  const x = ctx.inShape(0);
  if (from === null) return ctx.error('input 0', 'a tensor computed from the graph input', 'a constant');
  if (!x || x.length < 2 || x.length > 4) return ctx.error('input 0', 'a 2-D, 3-D or 4-D tensor [N, C, …]', showShape(x));
  const c = x[1];
  const roles = ['gamma', 'beta', 'moving_mean', 'moving_variance'];
  const weights: WeightSpec[] = [];
  for (const [i, suffix] of roles.entries()) {
    const t = ctx.initializer(i + 1);
    const dims = ctx.inShape(i + 1);
    if (!t || !isFloatType(t.dataType) || !dims || dims.length !== 1 || dims[0] !== c) {
      return ctx.error(`input ${i + 1} (${suffix})`, `a float initializer of ${c} values`, ctx.node.input[i + 1] ? `'${ctx.node.input[i + 1]}' ${showShape(dims)}` : 'none');
    }
    weights.push({ suffix, initializer: t, onnxDims: [c], perm: [0] });
  }
  const epsilon = ctx.attrs.float('epsilon', 1e-5);
  if (ctx.attrs.problem) return ctx.attrs.problem;
  let input = from;
  if (x.length === 3) {
    input = ctx.uniqueName(`${ctx.name}_nlc`);
    ctx.emit({ type: 'Reshape', name: input, inputs: [from], targetShape: [x[2], c] });
  }
  ctx.emitWithWeights({ type: 'BatchNormalization', name: ctx.name, inputs: [input], epsilon, center: true, scale: true }, weights);
  let last = ctx.name;
  if (x.length === 3) {
    last = ctx.uniqueName(`${ctx.name}_ncl`);
    ctx.emit({ type: 'Reshape', name: last, inputs: [ctx.name], targetShape: [c, x[2]] });
  }
  ctx.produce(0, last);
  return null;
}

/**
 * LayerNormalization (opset 17) over the last axis of a tensor that is not NCHW → LayerNormalization
 * on the engine's last axis, gamma from Scale and beta from B. Over several axes it is a
 * zero-cost Unknown layer.
 */
export function mapLayerNorm(ctx: MapContext): FlopLabError | null {
  const from = ctx.layerOf(0);
  const x = ctx.inShape(0);
  if (from === null || !x || x.length === 4 || (ctx.attrs.int('axis', -1) + x.length) % x.length !== x.length - 1) return mapUnknown(ctx);
  const c = x[x.length - 1];
  const specs: WeightSpec[] = [];
  for (const [k, suffix] of [[1, 'gamma'], [2, 'beta']] as const) {
    if (!ctx.node.input[k]) continue;
    const t = ctx.initializer(k);
    const dims = ctx.inShape(k);
    if (!t || !isFloatType(t.dataType) || !dims || dims.length !== 1 || dims[0] !== c) return mapUnknown(ctx);
    specs.push({ suffix, initializer: t, onnxDims: [c], perm: [0] });
  }
  const epsilon = ctx.attrs.float('epsilon', 1e-5);
  if (ctx.attrs.problem) return ctx.attrs.problem;
  const layer: LayerSpec = {
    type: 'LayerNormalization', name: ctx.name, inputs: [from], axis: -1, epsilon,
    scale: specs.some((w) => w.suffix === 'gamma'), center: specs.some((w) => w.suffix === 'beta'),
  };
  ctx.emitWithWeights(layer, specs);
  ctx.produce(0, ctx.name);
  return null;
}
