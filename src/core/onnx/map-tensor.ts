/**
 * Ops that move or join tensors without weights: Flatten, Reshape, Transpose, Squeeze, Unsqueeze
 * (a Reshape to the engine shape of their output, or nothing when that shape is the input's: a
 * relabel); Identity, Dropout and Cast (wired through); Concat → Concatenate (NCHW axis 1 is the
 * engine's channels, -1); Pad with only spatial pads → ZeroPadding2D; Add / Sum of tensors of one
 * shape → Add (a residual). The engine graph only counts: a Reshape there keeps element counts,
 * not the element order a Transpose would give, which no count depends on.
 */
import type { FlopLabError } from '../result';
import { showShape, type MapContext } from './map-context';
import { mapUnknown } from './map-unknown';
import { normAxis, padsForAllAxes } from './tensor-math';

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/** Flatten, Reshape, Transpose, Squeeze, Unsqueeze: a relabel (no layer), Flatten or Reshape. */
export function mapReshape(ctx: MapContext): FlopLabError | null {
  const from = ctx.layerOf(0);
  if (from === null) return ctx.error('input 0', 'a tensor computed from the graph input', 'a constant');
  const x = ctx.inShape(0);
  const out = ctx.outShape(0);
  if (!x || !out) {
    return ctx.error('output shape', 'known (a constant target shape, or one folded from Shape/Gather/Concat)', showShape(out));
  }
  const engineIn = ctx.engineShape(x);
  const engineOut = ctx.engineShape(out);
  if (sameShape(engineIn, engineOut)) {
    ctx.passThrough();
    return null;
  }
  if (engineOut.length === 0 || engineOut.some((d) => d < 1)) {
    return ctx.error('output shape', 'the batch first and at least one more axis of size ≥ 1', showShape(out));
  }
  if (ctx.node.opType === 'Flatten' && engineOut.length === 1) {
    ctx.emit({ type: 'Flatten', name: ctx.name, inputs: [from] });
  } else {
    ctx.emit({ type: 'Reshape', name: ctx.name, inputs: [from], targetShape: engineOut });
  }
  ctx.produce(0, ctx.name);
  return null;
}

/** Identity, Dropout (inference), Cast: the output is the input. */
export function mapPassThrough(ctx: MapContext): FlopLabError | null {
  if (ctx.layerOf(0) === null) return ctx.error('input 0', 'a tensor computed from the graph input', 'a constant');
  ctx.passThrough();
  return null;
}

/** The engine (Keras) axis of ONNX axis `axis` of a rank-`rank` tensor; null for the batch or outside. */
export function engineAxis(axis: number, rank: number): number | null {
  const at = normAxis(axis, rank);
  if (at === null || at === 0) return null;
  if (rank !== 4) return at;
  return at === 1 ? -1 : at - 1; // [N, C, H, W] → [H, W, C]: C last, H first, W second
}

/** Concat of computed tensors → Concatenate on the matching engine axis. */
export function mapConcat(ctx: MapContext): FlopLabError | null {
  const x = ctx.inShape(0);
  const layers = ctx.dataLayers();
  if (!x || layers.length !== ctx.node.input.length) return mapUnknown(ctx);
  const axis = engineAxis(ctx.attrs.int('axis', 0), x.length);
  if (axis === null) return ctx.error('attribute axis', `an axis other than the batch (0) of a rank-${x.length} tensor`, String(ctx.attrs.int('axis', 0)));
  if (layers.length === 1) {
    ctx.passThrough();
    return null;
  }
  ctx.emit({ type: 'Concatenate', name: ctx.name, inputs: layers, axis });
  ctx.produce(0, ctx.name);
  return null;
}

/** Pad of H and W only (constant mode) → ZeroPadding2D; other pads are a zero-cost Unknown layer. */
export function mapPad(ctx: MapContext): FlopLabError | null {
  const from = ctx.layerOf(0);
  const x = ctx.inShape(0);
  if (from === null) return ctx.error('input 0', 'a tensor computed from the graph input', 'a constant');
  const given = ctx.opset < 11 ? ctx.attrs.ints('pads', []) : ctx.input(1)?.value?.values ?? null;
  const axes = ctx.opset >= 18 && ctx.node.input[3] ? ctx.input(3)?.value?.values ?? [] : null; // [] when not constant: no fit
  const pads = given && x ? padsForAllAxes(x.length, given, axes) : null;
  const mode = ctx.attrs.string('mode', 'constant');
  if (ctx.attrs.problem) return ctx.attrs.problem;
  if (!x || x.length !== 4 || !pads || pads.length !== 8 || pads.some((p) => p < 0) || pads[0] + pads[1] + pads[4] + pads[5] !== 0) {
    return mapUnknown(ctx);
  }
  if (pads.every((p) => p === 0)) {
    ctx.passThrough();
    return null;
  }
  const value = ctx.opset < 11 ? ctx.attrs.float('value', 0) : ctx.input(2)?.value?.values[0] ?? 0;
  if (mode !== 'constant' || value !== 0) {
    ctx.warn(`Layer '${ctx.name}': ONNX Pad (mode '${mode}', value ${value}) is counted as a ZeroPadding2D (padding costs nothing either way).`);
  }
  ctx.emit({ type: 'ZeroPadding2D', name: ctx.name, inputs: [from], padding: [[pads[2], pads[6]], [pads[3], pads[7]]] });
  ctx.produce(0, ctx.name);
  return null;
}

/** Add / Sum of two or more computed tensors of one shape → Add; with a constant or broadcasting → Unknown. */
export function mapAdd(ctx: MapContext): FlopLabError | null {
  const layers = ctx.dataLayers();
  const shapes = ctx.node.input.map((_, k) => ctx.inShape(k));
  const first = shapes[0];
  if (layers.length < 2 || layers.length !== ctx.node.input.length || !first || shapes.some((s) => !s || !sameShape(s, first))) {
    return mapUnknown(ctx);
  }
  ctx.emit({ type: 'Add', name: ctx.name, inputs: layers });
  ctx.produce(0, ctx.name);
  return null;
}
