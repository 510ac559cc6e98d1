/**
 * The lecture's "normal vs separable" example: one 7×7 convolution with 64 filters on a 25×25×9
 * input ('valid' → 19×19×64), as a normal Conv2D and as a SeparableConv2D. These are the sizes
 * behind the lecture's totals (~20 M FLOPs normal, ~734 K separable; its worked lines are garbled):
 *   normal     7·7·9 × 19·19·64 = 10,188,864 MACs = 20,377,728 FLOPs
 *   separable  7·7 × 19·19·9 + 9 × 19·19·64 = 159,201 + 207,936 = 367,137 MACs = 734,274 FLOPs
 * a ratio of 1/Cout + 1/K² = 1/64 + 1/49 ≈ 0.036 (about 28× fewer).
 */
import type { ModelGraph } from '../model';
import type { ModelPreset } from './types';
import { conv2d, input, separableConv2d } from './layers';

const INPUT_SHAPE = [25, 25, 9];
const FILTERS = 64;
const KERNEL = 7;

function buildNormal(): ModelGraph {
  return {
    name: 'Normal 7×7 convolution',
    layers: [input('input', INPUT_SHAPE), conv2d('conv', FILTERS, KERNEL)],
  };
}

function buildSeparable(): ModelGraph {
  return {
    name: 'Separable 7×7 convolution',
    layers: [input('input', INPUT_SHAPE), separableConv2d('separable_conv', FILTERS, KERNEL)],
  };
}

export const NORMAL_VS_SEPARABLE_NORMAL: ModelPreset = {
  id: 'normal-vs-separable-normal',
  name: 'Normal vs separable: normal Conv2D',
  description: 'The lecture example, normal version: a 7×7 Conv2D with 64 filters on 25×25×9 (→ 19×19×64). Compare with the separable version.',
  build: buildNormal,
};

export const NORMAL_VS_SEPARABLE_SEPARABLE: ModelPreset = {
  id: 'normal-vs-separable-separable',
  name: 'Normal vs separable: SeparableConv2D',
  description: 'The lecture example, separable version: 7×7 depthwise then 1×1 pointwise to 64 filters on 25×25×9 (→ 19×19×64), about 28× fewer MACs.',
  build: buildSeparable,
};
