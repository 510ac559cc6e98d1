/**
 * Gemm and MatMul with a constant 2-D weight → Dense on the last axis. Exporters write a Linear on
 * a 3-D tensor as MatMul + Add, so an Add of a constant 1-D bias that alone reads the MatMul's
 * output folds into the Dense (useBias). Gemm [out, in] with transB = 1 → kernel [in, out]
 * (perm [1, 0]); MatMul's [in, out] is the Keras layout already (perm [0, 1]).
 * A MatMul on a 4-D NCHW tensor acts on W, not on the engine's last axis (C): it is wrapped in two
 * Reshapes to and from the NCHW order, so its counts stay exact.
 */
import type { LayerSpec } from '../model';
import type { FlopLabError } from '../result';
import { showShape, type MapContext, type WeightSpec } from './map-context';
import { mapUnknown } from './map-unknown';
import { broadcastShapes } from './tensor-math';
import { isFloatType } from './tensors';
import { elementCount } from '../shapes/tensor-shapes';

type Initializer = WeightSpec['initializer'];

/** A float initializer of `units` elements whose dims are [units] or 1s then units: a bias. */
function biasOf(t: Initializer | null, dims: number[] | null, units: number): WeightSpec | null {
  if (!t || !isFloatType(t.dataType) || !dims || elementCount(dims) !== units || dims[dims.length - 1] !== units) return null;
  return { suffix: 'bias', initializer: t, onnxDims: [units], perm: [0] };
}

/** The Add that alone reads this MatMul's output and adds a constant bias of `units`, if any. */
function fusableBias(ctx: MapContext, units: number): { node: number; bias: WeightSpec } | null {
  const out = ctx.node.output[0];
  const readers = ctx.consumers(out);
  if (readers.length !== 1 || ctx.isGraphOutput(out)) return null;
  const add = ctx.nodeAt(readers[0]);
  if (add.opType !== 'Add' || add.input.length !== 2 || (add.domain !== '' && add.domain !== 'ai.onnx')) return null;
  const other = add.input[0] === out ? add.input[1] : add.input[0];
  const bias = biasOf(ctx.initializerNamed(other), ctx.shapeOf(other), units);
  return bias ? { node: readers[0], bias } : null;
}

/** Emits the Dense, wrapped in Reshapes for a 4-D input, and maps the output(s). */
function emitDense(ctx: MapContext, x: number[], units: number, weights: WeightSpec[], fused: number | null): null {
  let from = ctx.layerOf(0)!;
  const rank4 = x.length === 4;
  if (rank4) {
    const name = ctx.uniqueName(`${ctx.name}_nchw`);
    ctx.emit({ type: 'Reshape', name, inputs: [from], targetShape: x.slice(1) });
    from = name;
  }
  const layer: LayerSpec = {
    type: 'Dense', name: ctx.name, inputs: [from], units, useBias: weights.length > 1, activation: 'linear',
  };
  ctx.emitWithWeights(layer, weights);
  let last = ctx.name;
  if (rank4) {
    last = ctx.uniqueName(`${ctx.name}_nhwc`);
    ctx.emit({ type: 'Reshape', name: last, inputs: [ctx.name], targetShape: ctx.engineShape([...x.slice(0, 3), units]) });
  }
  if (fused === null) ctx.produce(0, last);
  else ctx.absorb(fused, last);
  return null;
}

function dataInput(ctx: MapContext): number[] | FlopLabError {
  const x = ctx.inShape(0);
  if (ctx.layerOf(0) === null) return ctx.error('input 0', 'a tensor computed from the graph input', 'a constant');
  if (!x || x.length < 2) return ctx.error('input 0', 'a tensor with the batch first and at least one more axis', showShape(x));
  return x;
}

/** ONNX Gemm (A·B + C, A the data [N, in], B a constant) → Dense. */
export function mapGemm(ctx: MapContext): FlopLabError | null {
  const x = dataInput(ctx);
  if (!Array.isArray(x)) return x;
  if (x.length !== 2) return ctx.error('input 0', 'a 2-D tensor [N, in]', showShape(x));
  if (ctx.attrs.int('transA', 0) !== 0) return ctx.error('attribute transA', '0 (the data first, as Linear writes it)', String(ctx.attrs.int('transA', 0)));
  const transB = ctx.attrs.int('transB', 0) === 1;
  const weight = ctx.initializer(1);
  const w = ctx.inShape(1);
  if (!weight || !isFloatType(weight.dataType) || !w || w.length !== 2) {
    return ctx.error('input 1 (the weights)', 'a 2-D float initializer', ctx.node.input[1] ? `'${ctx.node.input[1]}' ${showShape(w)}` : 'none');
  }
  const [inDim, units] = transB ? [w[1], w[0]] : w;
  if (inDim !== x[1]) return ctx.error('the weights', `${transB ? `[out, ${x[1]}]` : `[${x[1]}, out]`} for an input ${showShape(x)}`, showShape(w));
  const weights: WeightSpec[] = [{ suffix: 'kernel', initializer: weight, onnxDims: w, perm: transB ? [1, 0] : [0, 1] }];
  let broadcastC = false;
  if (ctx.node.input[2]) {
    const c = ctx.inShape(2);
    const bias = biasOf(ctx.initializer(2), c, units);
    if (bias) weights.push(bias);
    else if (!ctx.initializer(2) || !isFloatType(ctx.initializer(2)!.dataType) || !c || broadcastShapes([[x[0], units], c])?.join() !== [x[0], units].join()) {
      return ctx.error('input 2 (the bias C)', `a float initializer broadcasting to [${x[0]}, ${units}]`, `'${ctx.node.input[2]}' ${showShape(c)}`);
    } else {
      // C broadcast from fewer values (a [1] scalar): the Dense has no bias of its own; a zero-cost
      // layer after it adds C and holds its values as params, as many as the file has.
      broadcastC = true;
    }
  }
  if (ctx.attrs.problem) return ctx.attrs.problem;
  emitDense(ctx, x, units, weights, null);
  if (broadcastC) {
    const name = ctx.uniqueName(`${ctx.name}_c`);
    const params = ctx.claimFloatInputs(name);
    ctx.emit({ type: 'Unknown', name, inputs: [ctx.name], className: 'Add', outputShape: ctx.engineShape([x[0], units]), ...(params > 0 ? { params } : {}) });
    ctx.warn(`Layer '${name}' (Add): the bias C '${ctx.node.input[2]}' ${showShape(ctx.inShape(2))} of Gemm '${ctx.name}' is broadcast, not one value per unit, so the Dense is counted without a bias and this zero-cost layer adds C (${params === 1 ? 'its one value' : `its ${params} values`} counted as params).`);
    ctx.produce(0, name);
  }
  return null;
}

/**
 * ONNX MatMul with a constant 2-D right-hand side → Dense (a following bias Add folded in). Two
 * computed operands (attention's Q·Kᵀ) are not a layer FlopLab counts: a zero-cost Unknown layer.
 */
export function mapMatMul(ctx: MapContext): FlopLabError | null {
  const kernel = denseKernel(ctx);
  if (kernel === null) return mapUnknown(ctx);
  const x = dataInput(ctx);
  if (!Array.isArray(x)) return x;
  const w = ctx.inShape(1)!;
  if (x[x.length - 1] !== w[0]) return ctx.error('input 1 (the weights)', `[${x[x.length - 1]}, out] for an input ${showShape(x)}`, showShape(w));
  const units = w[1];
  const weights: WeightSpec[] = [kernel];
  const fused = fusableBias(ctx, units);
  if (fused) weights.push(fused.bias);
  return emitDense(ctx, x, units, weights, fused ? fused.node : null);
}

/**
 * A MatMul's Dense kernel: a constant 2-D float32 weight on the right, stored [in, out] (perm
 * [0, 1]) or, without constant folding, as Transpose of an [out, in] initializer (perm [1, 0]).
 */
function denseKernel(ctx: MapContext): WeightSpec | null {
  const w = ctx.inShape(1);
  if (ctx.layerOf(1) !== null || !w || w.length !== 2) return null;
  const direct = ctx.initializer(1);
  if (direct && isFloatType(direct.dataType)) return { suffix: 'kernel', initializer: direct, onnxDims: w, perm: [0, 1] };
  const stored = ctx.transposedInitializer(1);
  if (stored && isFloatType(stored.dataType)) return { suffix: 'kernel', initializer: stored, onnxDims: [w[1], w[0]], perm: [1, 0] };
  return null;
}
