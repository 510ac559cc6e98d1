/**
 * Sliding windows (Conv, ConvTranspose, MaxPool, AveragePool): the ONNX output size from
 * kernel_shape, strides, dilations, pads, auto_pad and ceil_mode (onnx/docs/Operators.md), and the
 * engine padding that gives the same size. The engine knows 'valid' and 'same' only
 * (Keras: 'same' = ceil(in / s); 'valid' = floor((in − dk) / s) + 1); other pads become an explicit
 * ZeroPadding2D before a 'valid' layer. Counts depend on the output size only, so they stay exact.
 */
import type { Padding, Pair } from '../model';
import type { AttributeReader } from './attributes';

/** A window's attributes over the two spatial axes, pads resolved against the input size. */
export interface Window2D {
  kernel: Pair;
  strides: Pair;
  dilations: Pair;
  /** [[top, bottom], [left, right]] */
  pads: [Pair, Pair];
  ceil: boolean;
  autoPad: string;
}

/** How the engine gets the ONNX output size: 'same', 'valid', or explicit zero padding then 'valid'. */
export interface EnginePadding {
  padding: Padding;
  /** Present when a ZeroPadding2D must come first: [[top, bottom], [left, right]]. */
  zeroPad: [Pair, Pair] | null;
}

const dilated = (k: number, d: number) => (k - 1) * d + 1;

/**
 * Reads kernel_shape (or `kernelFallback`, the weight's spatial dims), strides, dilations, pads,
 * auto_pad and ceil_mode, and resolves SAME_UPPER / SAME_LOWER pads against `inHW`: for a
 * convolution or pooling so the output is ceil(in / s); for a ConvTranspose (`transposed`) so it
 * is in·s, as onnxruntime does: total pad = max(s(in − 1) + output_padding + (k − 1)d + 1 − in·s, 0)
 * (a window shorter than its stride gives less than in·s). Null when a list does not have two
 * spatial entries (pads four).
 */
export function readWindow(attrs: AttributeReader, inHW: Pair, kernelFallback: Pair | null, transposed = false): Window2D | null {
  const kernel = attrs.has('kernel_shape') ? attrs.ints('kernel_shape', []) : kernelFallback;
  const strides = attrs.ints('strides', [1, 1]);
  const dilations = attrs.ints('dilations', [1, 1]);
  const pads = attrs.ints('pads', [0, 0, 0, 0]);
  const autoPad = attrs.string('auto_pad', 'NOTSET');
  const ceil = attrs.int('ceil_mode', 0) === 1;
  const positive = (v: number[] | null, n: number) => v !== null && v.length === n && v.every((x) => Number.isInteger(x) && x >= 1);
  if (!positive(kernel, 2) || !positive(strides, 2) || !positive(dilations, 2)) return null;
  if (pads.length !== 4 || pads.some((p) => !Number.isInteger(p) || p < 0)) return null;
  const w: Window2D = {
    kernel: [kernel![0], kernel![1]], strides: [strides[0], strides[1]], dilations: [dilations[0], dilations[1]],
    pads: [[pads[0], pads[2]], [pads[1], pads[3]]], ceil, autoPad,
  };
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    const extra = transposed ? attrs.ints('output_padding', [0, 0]) : [0, 0];
    for (const i of [0, 1]) {
      const s = w.strides[i];
      const dk = dilated(w.kernel[i], w.dilations[i]);
      const total = transposed
        ? Math.max(s * (inHW[i] - 1) + (extra[i] ?? 0) + dk - inHW[i] * s, 0)
        : Math.max((Math.ceil(inHW[i] / s) - 1) * s + dk - inHW[i], 0);
      const small = Math.floor(total / 2);
      w.pads[i] = autoPad === 'SAME_UPPER' ? [small, total - small] : [total - small, small];
    }
  } else if (autoPad === 'VALID') {
    w.pads = [[0, 0], [0, 0]];
  }
  return w;
}

/** ONNX output size of a convolution or pooling window along one axis (PyTorch's ceil_mode rule). */
export function windowOutSize(w: Window2D, axis: 0 | 1, inSize: number): number {
  const [begin, end] = w.pads[axis];
  const span = inSize + begin + end - dilated(w.kernel[axis], w.dilations[axis]);
  if (span < 0) return 0;
  const s = w.strides[axis];
  if (!w.ceil) return Math.floor(span / s) + 1;
  let out = Math.ceil(span / s) + 1;
  // The last window must start inside the input or its left padding (PyTorch, onnxruntime).
  if ((out - 1) * s >= inSize + begin) out--;
  return out;
}

/**
 * The engine padding giving `outHW` from `inHW` with this window: zero pads → 'valid' (when it
 * fits), otherwise 'same' when ceil(in / s) is the size, else 'valid' when that fits, else the
 * ONNX pads as a ZeroPadding2D (plus the bottom/right rows a ceil_mode window reads) and 'valid'.
 */
export function enginePadding(w: Window2D, inHW: Pair, outHW: Pair): EnginePadding {
  const fits = (padding: Padding) => [0, 1].every((i) => {
    const dk = dilated(w.kernel[i], w.dilations[i]);
    const size = padding === 'same' ? Math.ceil(inHW[i] / w.strides[i]) : inHW[i] >= dk ? Math.floor((inHW[i] - dk) / w.strides[i]) + 1 : -1;
    return size === outHW[i];
  });
  const zeroPads = w.pads.every(([a, b]) => a === 0 && b === 0);
  if (zeroPads && fits('valid')) return { padding: 'valid', zeroPad: null };
  if (fits('same')) return { padding: 'same', zeroPad: null };
  if (fits('valid')) return { padding: 'valid', zeroPad: null };
  const zeroPad: [Pair, Pair] = [[...w.pads[0]], [...w.pads[1]]];
  for (const i of [0, 1] as const) {
    // 'valid' on the padded size P gives floor((P − dk) / s) + 1: out needs P in [least, most].
    const padded = inHW[i] + zeroPad[i][0] + zeroPad[i][1];
    const least = (outHW[i] - 1) * w.strides[i] + dilated(w.kernel[i], w.dilations[i]);
    const most = least + w.strides[i] - 1;
    // ceil_mode reads rows past the pads; a window starting in the end pads is dropped (fewer rows).
    if (padded < least) zeroPad[i][1] += least - padded;
    if (padded > most) zeroPad[i][1] = Math.max(zeroPad[i][1] - (padded - most), 0);
  }
  return { padding: 'valid', zeroPad };
}

/** ONNX ConvTranspose output size along one axis (no output_shape attribute). */
export function transposeOutSize(w: Window2D, axis: 0 | 1, inSize: number, outputPadding: number): number {
  const [begin, end] = w.pads[axis];
  return w.strides[axis] * (inSize - 1) + outputPadding + dilated(w.kernel[axis], w.dilations[axis]) - begin - end;
}

/**
 * Engine padding for a ConvTranspose: 'valid' (in·s + max(K − s, 0)) or 'same' (in·s), whichever
 * gives the ONNX size; otherwise 'same' and the difference `extra` (rows and columns the engine must
 * still add, negative when it must crop). Counts depend on the input size only.
 */
export function transposePadding(w: Window2D, inHW: Pair, outHW: Pair): { padding: Padding; extra: Pair } {
  const size = (padding: Padding, i: 0 | 1) =>
    inHW[i] * w.strides[i] + (padding === 'valid' ? Math.max(w.kernel[i] - w.strides[i], 0) : 0);
  for (const padding of ['valid', 'same'] as const) {
    if (size(padding, 0) === outHW[0] && size(padding, 1) === outHW[1]) return { padding, extra: [0, 0] };
  }
  return { padding: 'same', extra: [outHW[0] - size('same', 0), outHW[1] - size('same', 1)] };
}
