/**
 * Output shapes of the spatial (H×W×C) layers: convolutions, pooling, zero padding.
 * Keras semantics (keras/utils/conv_utils.py `conv_output_length`, `deconv_output_length`):
 *   'same':  ceil(in / stride)
 *   'valid': floor((in − dilatedK) / stride) + 1, dilatedK = (K − 1)·d + 1, needs in ≥ dilatedK
 *   transpose 'valid': in·stride + max(K − stride, 0); transpose 'same': in·stride
 */
import type {
  Conv2DSpec, Conv2DTransposeSpec, DepthwiseConv2DSpec, GlobalPooling2DSpec, LayerSpec, Pair, Padding,
  Pooling2DSpec, SeparableConv2DSpec, Shape, ZeroPadding2DSpec,
} from '../model';
import { fail, ok, type Result } from '../result';
import { dims, expectedError } from './checks';

/** Checks the input is H×W×C; returns it as a triple. */
export function requireRank3(layer: LayerSpec, input: Shape): Result<[number, number, number]> {
  if (input.length === 3) return ok([input[0], input[1], input[2]]);
  const hint = input.length === 1 ? ' (a flat vector: remove the Flatten or add a Reshape before it)' : '';
  return fail(expectedError(layer.name, 'wrong-rank', 'input', 'rank 3 (height×width×channels)',
    `${dims(input)} (rank ${input.length})${hint}`));
}

/** Output height and width of a sliding window (convolution or pooling). */
function windowOutput(
  layer: LayerSpec, field: string, inHW: Pair, kernel: Pair, strides: Pair, dilation: Pair, padding: Padding,
): Result<Pair> {
  if (padding === 'same') return ok([Math.ceil(inHW[0] / strides[0]), Math.ceil(inHW[1] / strides[1])]);
  const dilated: Pair = [(kernel[0] - 1) * dilation[0] + 1, (kernel[1] - 1) * dilation[1] + 1];
  if (dilated[0] > inHW[0] || dilated[1] > inHW[1]) {
    const isDilated = dilated[0] !== kernel[0] || dilated[1] !== kernel[1];
    const got = isDilated ? `${dims(dilated)} (${dims(kernel)} dilated by ${dims(dilation)})` : dims(kernel);
    return fail(expectedError(layer.name, 'kernel-too-large', field,
      `at most the padded input ${dims(inHW)} (padding 'valid')`, got));
  }
  return ok([
    Math.floor((inHW[0] - dilated[0]) / strides[0]) + 1,
    Math.floor((inHW[1] - dilated[1]) / strides[1]) + 1,
  ]);
}

type ConvLike = Conv2DSpec | DepthwiseConv2DSpec | SeparableConv2DSpec;

/** Conv2D, DepthwiseConv2D (Cout = Cin·M) and SeparableConv2D (Cout = filters). */
export function convShape(layer: ConvLike, input: Shape): Result<Shape> {
  const hwc = requireRank3(layer, input);
  if (!hwc.ok) return hwc;
  const [h, w, c] = hwc.value;
  if (layer.type === 'Conv2D' && layer.groups !== undefined && c % layer.groups !== 0) {
    return fail(expectedError(layer.name, 'invalid-value', 'groups',
      `a divisor of the input channels Cin (${c}), as each group sees Cin/groups of them`, String(layer.groups)));
  }
  const hw = windowOutput(layer, 'kernelSize', [h, w], layer.kernelSize, layer.strides, layer.dilationRate, layer.padding);
  if (!hw.ok) return hw;
  const cout = layer.type === 'DepthwiseConv2D' ? c * layer.depthMultiplier : layer.filters;
  return ok([hw.value[0], hw.value[1], cout]);
}

/** Conv2DTranspose: Keras `deconv_output_length` without output_padding. */
export function convTransposeShape(layer: Conv2DTransposeSpec, input: Shape): Result<Shape> {
  const hwc = requireRank3(layer, input);
  if (!hwc.ok) return hwc;
  const [h, w] = hwc.value;
  const [kh, kw] = layer.kernelSize;
  const [sh, sw] = layer.strides;
  const grow = layer.padding === 'valid';
  return ok([h * sh + (grow ? Math.max(kh - sh, 0) : 0), w * sw + (grow ? Math.max(kw - sw, 0) : 0), layer.filters]);
}

/** MaxPooling2D / AveragePooling2D. */
export function poolShape(layer: Pooling2DSpec, input: Shape): Result<Shape> {
  const hwc = requireRank3(layer, input);
  if (!hwc.ok) return hwc;
  const [h, w, c] = hwc.value;
  const hw = windowOutput(layer, 'poolSize', [h, w], layer.poolSize, layer.strides, [1, 1], layer.padding);
  return hw.ok ? ok([hw.value[0], hw.value[1], c]) : hw;
}

/** GlobalAveragePooling2D / GlobalMaxPooling2D: H×W×C → C, or 1×1×C with `keepDims` (Keras keepdims). */
export function globalPoolShape(layer: GlobalPooling2DSpec, input: Shape): Result<Shape> {
  const hwc = requireRank3(layer, input);
  if (!hwc.ok) return hwc;
  return ok(layer.keepDims === true ? [1, 1, hwc.value[2]] : [hwc.value[2]]);
}

/** ZeroPadding2D: [[top, bottom], [left, right]] added to H and W. */
export function zeroPaddingShape(layer: ZeroPadding2DSpec, input: Shape): Result<Shape> {
  const hwc = requireRank3(layer, input);
  if (!hwc.ok) return hwc;
  const [h, w, c] = hwc.value;
  const [[top, bottom], [left, right]] = layer.padding;
  return ok([h + top + bottom, w + left + right, c]);
}
