/**
 * Elementwise activations: Relu → ReLU; Clip(0, 6) → ReLU maxValue 6 (min
 * and max are inputs from opset 11); LeakyRelu → LeakyReLU alpha; Sigmoid, Tanh, HardSigmoid,
 * HardSwish, Elu, Selu, Softplus, Softsign, Gelu → Activation; Softmax → Softmax. Sigmoid
 * (HardSigmoid) then a Mul by the same input, as PyTorch exports SiLU (Hardswish before opset 14),
 * → one Activation 'swish' ('hard_swish'). Other Clip bounds are not an engine activation: a
 * zero-cost Unknown layer. PRelu with a constant slope → PReLU.
 */
import type { ActivationName, LayerSpec } from '../model';
import type { FlopLabError } from '../result';
import type { MapContext } from './map-context';
import { mapUnknown } from './map-unknown';
import { isFloatType } from './tensors';

const ACTIVATION_OF: Record<string, ActivationName> = {
  Sigmoid: 'sigmoid', Tanh: 'tanh', HardSigmoid: 'hard_sigmoid', HardSwish: 'hard_swish', Elu: 'elu', Selu: 'selu',
  Softplus: 'softplus', Softsign: 'softsign', Gelu: 'gelu',
};

/** Whether the op is one of the plain activations mapped to an engine Activation layer. */
export const isActivationOp = (opType: string): boolean => opType in ACTIVATION_OF;

function emitOne(ctx: MapContext, layer: LayerSpec): null {
  ctx.emit(layer);
  ctx.produce(0, layer.name);
  return null;
}

/** A scalar constant input (Clip's min or max), undefined when absent, null when not a known scalar. */
function scalarInput(ctx: MapContext, k: number): number | null | undefined {
  if (!ctx.node.input[k]) return undefined;
  const v = ctx.input(k)?.value;
  return v && v.values.length === 1 ? v.values[0] : null;
}

/**
 * The Mul that alone reads this Sigmoid's (or HardSigmoid's, at its default alpha 1/6 and beta ½)
 * output and multiplies it by the same input: the node index, or null.
 */
function gatingMul(ctx: MapContext): number | null {
  const { opType } = ctx.node;
  const hard = opType === 'HardSigmoid';
  if (opType !== 'Sigmoid' && !hard) return null;
  if (hard && (Math.abs(ctx.attrs.float('alpha', 0.2) - 1 / 6) > 1e-6 || Math.abs(ctx.attrs.float('beta', 0.5) - 0.5) > 1e-6)) return null;
  const out = ctx.node.output[0];
  const readers = ctx.consumers(out);
  if (readers.length !== 1 || ctx.isGraphOutput(out)) return null;
  const mul = ctx.nodeAt(readers[0]);
  const x = ctx.node.input[0];
  const pair = mul.input.length === 2 && ((mul.input[0] === x && mul.input[1] === out) || (mul.input[0] === out && mul.input[1] === x));
  return mul.opType === 'Mul' && (mul.domain === '' || mul.domain === 'ai.onnx') && pair ? readers[0] : null;
}

/** Relu, Clip, LeakyRelu, the Activation ops and Softmax. */
export function mapActivation(ctx: MapContext): FlopLabError | null {
  const from = ctx.layerOf(0);
  if (from === null) return ctx.error('input 0', 'a tensor computed from the graph input', 'a constant');
  const base = { name: ctx.name, inputs: [from] };
  switch (ctx.node.opType) {
    case 'Relu': return emitOne(ctx, { type: 'ReLU', ...base, maxValue: null });
    case 'LeakyRelu': return emitOne(ctx, { type: 'LeakyReLU', ...base, alpha: ctx.attrs.float('alpha', 0.01) });
    case 'Softmax': return emitOne(ctx, { type: 'Softmax', ...base });
    case 'Clip': {
      const old = ctx.opset < 11;
      const min = old ? ctx.attrs.float('min', -Infinity) : scalarInput(ctx, 1);
      const max = old ? ctx.attrs.float('max', Infinity) : scalarInput(ctx, 2);
      if (min === null || max === null) {
        // A bound that is computed, or not one number: not a ReLU FlopLab can say (a silent unbounded ReLU was wrong).
        ctx.warn(`Layer '${ctx.name}' (Clip): its ${min === null ? 'min' : 'max'} ('${ctx.node.input[min === null ? 1 : 2]}') is not a constant scalar, so it is not read as a ReLU.`);
        return mapUnknown(ctx);
      }
      if ((min ?? -Infinity) !== 0 || !((max ?? Infinity) > 0)) return mapUnknown(ctx);
      return emitOne(ctx, { type: 'ReLU', ...base, maxValue: max !== undefined && Number.isFinite(max) ? max : null });
    }
    default: {
      const gated = gatingMul(ctx);
      if (gated !== null) {
        // x · sigmoid(x) is SiLU / swish (x · hard_sigmoid(x) is hard swish): one activation layer.
        const activation = ctx.node.opType === 'Sigmoid' ? 'swish' : 'hard_swish';
        ctx.emit({ type: 'Activation', ...base, activation });
        ctx.absorb(gated, ctx.name);
        return null;
      }
      return emitOne(ctx, { type: 'Activation', ...base, activation: ACTIVATION_OF[ctx.node.opType] });
    }
  }
}

/**
 * PRelu with a constant slope broadcast over the input (nn.PReLU: [C, 1, 1], or [1]) → PReLU,
 * one alpha per slope value: the axes where the slope is 1 are Keras `sharedAxes` (NCHW axis 1
 * is the engine's channels, Keras axis 3). The slope is the Keras alpha (NCHW [C, H, W] → [H, W, C]).
 */
export function mapPRelu(ctx: MapContext): FlopLabError | null {
  const from = ctx.layerOf(0);
  const x = ctx.inShape(0);
  const slope = ctx.initializer(1);
  const s = ctx.inShape(1);
  if (from === null || !x || !slope || !isFloatType(slope.dataType) || !s || s.length > x.length || ctx.layerOf(1) !== null) return mapUnknown(ctx);
  const aligned = [...new Array<number>(x.length - s.length).fill(1), ...s];
  if (aligned[0] !== 1 || aligned.some((d, i) => d !== 1 && d !== x[i])) return mapUnknown(ctx);
  const kerasAxis = (i: number) => (x.length === 4 ? [0, 3, 1, 2][i] : i);
  const shared = aligned.flatMap((d, i) => (i > 0 && d === 1 ? [kerasAxis(i)] : [])).sort((a, b) => a - b);
  const layer: LayerSpec = { type: 'PReLU', name: ctx.name, inputs: [from], sharedAxes: shared.length > 0 ? shared : null };
  // Keras alpha is the engine input's shape with shared axes 1: the slope aligned to x without
  // the batch ([C, H, W] for NCHW, a reshape of its own dims), read as [H, W, C] (perm [1, 2, 0]).
  const onnxDims = aligned.slice(1);
  const perm = x.length === 4 ? [1, 2, 0] : onnxDims.map((_, i) => i);
  ctx.emitWithWeights(layer, [{ suffix: 'alpha', initializer: slope, onnxDims, perm }]);
  ctx.produce(0, ctx.name);
  return null;
}
