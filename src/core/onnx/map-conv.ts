/**
 * Conv and ConvTranspose → Conv2D (groups = 1, or a grouped Conv2D), DepthwiseConv2D (groups = Cin,
 * depth multiplier Cout / Cin) and Conv2DTranspose, with their weights in Keras layout:
 * Conv [Cout, Cin/g, kh, kw] → kernel [kh, kw, Cin/g, Cout] (perm [2, 3, 1, 0]);
 * depthwise [Cin·M, 1, kh, kw], read as [Cin, M, kh, kw] → [kh, kw, Cin, M] (perm [2, 3, 0, 1]);
 * ConvTranspose [Cin, Cout, kh, kw] → [kh, kw, Cout, Cin] (perm [2, 3, 1, 0]).
 */
import type { LayerSpec, Pair } from '../model';
import type { FlopLabError } from '../result';
import { showShape, type MapContext, type WeightSpec } from './map-context';
import { isFloatType } from './tensors';
import { enginePadding, readWindow, transposePadding } from './window';

/** PyTorch's exporter names the weights it folds a BatchNorm into `onnx::Conv_<n>`. */
const FOLDED_NAME = /^onnx::Conv_\d+$/;

interface ConvParts {
  x: number[];
  w: number[];
  weight: WeightSpec['initializer'];
  bias: WeightSpec['initializer'] | null;
  out: number[];
}

function convParts(ctx: MapContext): ConvParts | FlopLabError {
  const x = ctx.inShape(0);
  if (ctx.layerOf(0) === null) return ctx.error('input 0', 'a tensor computed from the graph input', 'a constant');
  if (!x || x.length !== 4) {
    return ctx.error('input 0', 'a 4-D tensor (N, C, H, W): FlopLab maps 2-D convolutions only', showShape(x));
  }
  const weight = ctx.initializer(1);
  if (!weight || !isFloatType(weight.dataType)) {
    return ctx.error('input 1 (the weights)', 'a float initializer', ctx.node.input[1] ? `'${ctx.node.input[1]}', which is not one` : 'none');
  }
  const w = ctx.inShape(1);
  if (!w || w.length !== 4) return ctx.error('the weights', 'a 4-D tensor', showShape(w));
  let bias = null;
  if (ctx.node.input[2]) {
    bias = ctx.initializer(2);
    if (!bias || !isFloatType(bias.dataType)) return ctx.error('input 2 (the bias)', 'a float initializer', `'${ctx.node.input[2]}', which is not one`);
  }
  const out = ctx.outShape(0);
  if (!out || out.length !== 4 || out.some((d) => d < 1)) return ctx.error('output shape', 'a 4-D shape with sizes ≥ 1', showShape(out));
  return { x, w, weight, bias, out };
}

/** The window, checked against the weight's kernel size; emits a ZeroPadding2D first when needed. */
function windowFor(ctx: MapContext, x: number[], kernel: Pair) {
  const win = readWindow(ctx.attrs, [x[2], x[3]], kernel, ctx.node.opType === 'ConvTranspose');
  if (ctx.attrs.problem) return ctx.attrs.problem;
  if (!win) return ctx.error('kernel_shape, strides, dilations and pads', 'two positive sizes each (pads four non-negative)', 'other values');
  if (win.kernel[0] !== kernel[0] || win.kernel[1] !== kernel[1]) {
    return ctx.error('kernel_shape', `the weights' kernel size [${kernel.join(', ')}]`, `[${win.kernel.join(', ')}]`);
  }
  if (ctx.node.opType === 'Conv' && win.strides.some((st) => st > 1) && win.dilations.some((d) => d > 1)) {
    return ctx.error('strides and dilations', 'not both above 1 (a rule of FlopLab\'s engine, which follows Keras: its convolutions take strides or a dilation, not both; the ONNX file itself is valid)',
      `strides [${win.strides.join(', ')}] with dilations [${win.dilations.join(', ')}]`);
  }
  return win;
}

/** Emits a ZeroPadding2D named `<node>_pad` when the padding needs one; returns the layer to read from. */
export function padFirst(ctx: MapContext, from: string, zeroPad: [Pair, Pair] | null): string {
  if (zeroPad === null) return from;
  const name = ctx.uniqueName(`${ctx.name}_pad`);
  ctx.emit({ type: 'ZeroPadding2D', name, inputs: [from], padding: zeroPad });
  return name;
}

/** ONNX Conv → Conv2D, grouped Conv2D or DepthwiseConv2D. */
export function mapConv(ctx: MapContext): FlopLabError | null {
  const parts = convParts(ctx);
  if ('code' in parts) return parts;
  const { x, w, weight, bias, out } = parts;
  const cin = x[1];
  const cout = w[0];
  const groups = ctx.attrs.int('group', 1);
  if (!(Number.isInteger(groups) && groups >= 1 && cin % groups === 0 && cout % groups === 0 && w[1] === cin / groups)) {
    return ctx.error('group', `a divisor of Cin (${cin}) and Cout (${cout}) with weights [Cout, Cin/group, kh, kw]`, `${groups} with weights ${showShape(w)}`);
  }
  const win = windowFor(ctx, x, [w[2], w[3]]);
  if ('code' in win) return win;
  const pad = enginePadding(win, [x[2], x[3]], [out[2], out[3]]);
  const from = padFirst(ctx, ctx.layerOf(0)!, pad.zeroPad);
  const common = {
    name: ctx.name, inputs: [from], kernelSize: win.kernel, strides: win.strides, padding: pad.padding,
    dilationRate: win.dilations, useBias: bias !== null, activation: 'linear' as const,
  };
  const biasSpec: WeightSpec[] = bias ? [{ suffix: 'bias', initializer: bias, onnxDims: [cout], perm: [0] }] : [];
  if (groups > 1 && groups === cin) {
    const m = cout / cin;
    const layer: LayerSpec = { type: 'DepthwiseConv2D', ...common, depthMultiplier: m };
    ctx.emitWithWeights(layer, [
      { suffix: 'depthwise_kernel', initializer: weight, onnxDims: [cin, m, w[2], w[3]], perm: [2, 3, 0, 1] }, ...biasSpec,
    ]);
  } else {
    const layer: LayerSpec = { type: 'Conv2D', ...common, filters: cout, ...(groups > 1 ? { groups } : {}) };
    ctx.emitWithWeights(layer, [{ suffix: 'kernel', initializer: weight, onnxDims: w, perm: [2, 3, 1, 0] }, ...biasSpec]);
  }
  if (bias && FOLDED_NAME.test(weight.name)) ctx.noteFoldedBatchNorm();
  ctx.produce(0, ctx.name);
  return null;
}

/** ONNX ConvTranspose → Conv2DTranspose ('same' or 'valid'), then padding or a crop to the ONNX size. */
export function mapConvTranspose(ctx: MapContext): FlopLabError | null {
  const parts = convParts(ctx);
  if ('code' in parts) return parts;
  const { x, w, weight, bias, out } = parts;
  const groups = ctx.attrs.int('group', 1);
  if (groups !== 1) return ctx.error('group', '1 (FlopLab has no grouped transposed convolution)', String(groups));
  if (w[0] !== x[1]) return ctx.error('the weights', `[Cin = ${x[1]}, Cout, kh, kw]`, showShape(w));
  const win = windowFor(ctx, x, [w[2], w[3]]);
  if ('code' in win) return win;
  const cout = w[1];
  const { padding, extra } = transposePadding(win, [x[2], x[3]], [out[2], out[3]]);
  const layer: LayerSpec = {
    type: 'Conv2DTranspose', name: ctx.name, inputs: [ctx.layerOf(0)!], filters: cout, kernelSize: win.kernel,
    strides: win.strides, padding, useBias: bias !== null, activation: 'linear',
  };
  ctx.emitWithWeights(layer, [
    { suffix: 'kernel', initializer: weight, onnxDims: w, perm: [2, 3, 1, 0] },
    ...(bias ? [{ suffix: 'bias', initializer: bias, onnxDims: [cout], perm: [0] }] : []),
  ]);
  if (extra[0] === 0 && extra[1] === 0) {
    ctx.produce(0, ctx.name);
  } else if (extra[0] >= 0 && extra[1] >= 0) {
    ctx.produce(0, padFirst(ctx, ctx.name, [[0, extra[0]], [0, extra[1]]]));
  } else {
    const crop = ctx.uniqueName(`${ctx.name}_crop`);
    ctx.emit({ type: 'Unknown', name: crop, inputs: [ctx.name], className: 'Cropping2D', outputShape: ctx.engineShape(out) });
    ctx.warn(`Layer '${crop}' (Cropping2D): the ONNX output of '${ctx.name}' is smaller than a 'same' transposed convolution gives; a zero-cost crop stands for the difference.`);
    ctx.produce(0, crop);
  }
  return null;
}
