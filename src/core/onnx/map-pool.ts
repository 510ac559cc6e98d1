/**
 * Pooling: MaxPool / AveragePool → MaxPooling2D / AveragePooling2D (pads, strides and ceil_mode
 * through window.ts; count_include_pad does not change counts); GlobalAveragePool /
 * GlobalMaxPool → GlobalAveragePooling2D / GlobalMaxPooling2D with keepDims (ONNX keeps
 * [N, C, 1, 1]); ReduceMean / ReduceMax over the two spatial axes of a 4-D tensor → the same
 * global pooling, keepDims from keepdims. Anything else is a zero-cost Unknown layer.
 */
import type { FlopLabError } from '../result';
import { padFirst } from './map-conv';
import { showShape, type MapContext } from './map-context';
import { mapUnknown } from './map-unknown';
import { normAxis } from './tensor-math';
import { enginePadding, readWindow } from './window';

/** MaxPool and AveragePool (dilated pooling has no engine layer: Unknown). */
export function mapPool(ctx: MapContext): FlopLabError | null {
  const from = ctx.layerOf(0);
  const x = ctx.inShape(0);
  const out = ctx.outShape(0);
  if (from === null) return ctx.error('input 0', 'a tensor computed from the graph input', 'a constant');
  if (!x || x.length !== 4 || !out || out.length !== 4) return mapUnknown(ctx);
  const win = readWindow(ctx.attrs, [x[2], x[3]], null);
  if (ctx.attrs.problem) return ctx.attrs.problem;
  if (!win) return ctx.error('kernel_shape, strides and pads', 'two positive sizes each (pads four non-negative)', 'other values');
  if (win.dilations[0] !== 1 || win.dilations[1] !== 1) return mapUnknown(ctx);
  if (out[2] < 1 || out[3] < 1) return ctx.error('output shape', 'sizes ≥ 1', showShape(out));
  const pad = enginePadding(win, [x[2], x[3]], [out[2], out[3]]);
  const input = padFirst(ctx, from, pad.zeroPad);
  ctx.emit({
    type: ctx.node.opType === 'MaxPool' ? 'MaxPooling2D' : 'AveragePooling2D', name: ctx.name, inputs: [input],
    poolSize: win.kernel, strides: win.strides, padding: pad.padding,
  });
  ctx.produce(0, ctx.name);
  return null;
}

function emitGlobal(ctx: MapContext, from: string, max: boolean, keepDims: boolean): null {
  ctx.emit({ type: max ? 'GlobalMaxPooling2D' : 'GlobalAveragePooling2D', name: ctx.name, inputs: [from], keepDims });
  ctx.produce(0, ctx.name);
  return null;
}

/** GlobalAveragePool and GlobalMaxPool on a 4-D tensor. */
export function mapGlobalPool(ctx: MapContext): FlopLabError | null {
  const from = ctx.layerOf(0);
  const x = ctx.inShape(0);
  if (from === null || !x || x.length !== 4) return mapUnknown(ctx);
  return emitGlobal(ctx, from, ctx.node.opType === 'GlobalMaxPool', true);
}

/** ReduceMean / ReduceMax: over axes {2, 3} of a 4-D tensor a global pooling, else Unknown. */
export function mapReduce(ctx: MapContext): FlopLabError | null {
  const from = ctx.layerOf(0);
  const x = ctx.inShape(0);
  if (from === null || !x || x.length !== 4) return mapUnknown(ctx);
  const fromInput = ctx.opset >= 18;
  const axes = fromInput ? ctx.input(1)?.value?.values ?? null : ctx.attrs.has('axes') ? ctx.attrs.ints('axes', []) : null;
  const at = new Set((axes ?? []).map((a) => normAxis(a, 4)));
  if (at.size !== 2 || !at.has(2) || !at.has(3)) return mapUnknown(ctx);
  return emitGlobal(ctx, from, ctx.node.opType === 'ReduceMax', ctx.attrs.int('keepdims', 1) === 1);
}
