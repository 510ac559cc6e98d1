/**
 * MobileNetV1 1.0 (Howard et al. 2017) exactly as keras.applications.MobileNet builds it at
 * 224×224×3 with alpha 1, depth multiplier 1 and include_top: conv1 3×3/2 without bias + BN +
 * ReLU6, thirteen depthwise-separable blocks (stride-2 ones zero-pad bottom/right and use 'valid'
 * padding), and Keras's classifier: global average pooling → Reshape(1,1,1024) → Dropout →
 * 1×1 Conv2D with 1000 filters → Reshape(1000) → softmax.
 * 4,253,864 params (21,888 of them BN moving statistics), 568,740,352 MACs (COUNTING.md).
 */
import type { LayerSpec, ModelGraph } from '../model';
import type { ModelPreset } from './types';
import {
  activation, batchNorm, conv2d, depthwiseConv2d, dropout, globalAvgPool, input, relu6, reshape, zeroPad,
} from './layers';

/** Keras `_depthwise_conv_block`: 3×3 depthwise + BN + ReLU6, then 1×1 pointwise + BN + ReLU6. */
function depthwiseBlock(id: number, pointwiseFilters: number, strides: 1 | 2): LayerSpec[] {
  const padded = strides === 2 ? [zeroPad(`conv_pad_${id}`, [[0, 1], [0, 1]])] : [];
  return [
    ...padded,
    depthwiseConv2d(`conv_dw_${id}`, 3, { strides, padding: strides === 2 ? 'valid' : 'same', useBias: false }),
    batchNorm(`conv_dw_${id}_bn`),
    relu6(`conv_dw_${id}_relu`),
    conv2d(`conv_pw_${id}`, pointwiseFilters, 1, { padding: 'same', useBias: false }),
    batchNorm(`conv_pw_${id}_bn`),
    relu6(`conv_pw_${id}_relu`),
  ];
}

/** [pointwise filters, stride] of blocks 1…13 (Table 1 of the paper). */
const BLOCKS: [number, 1 | 2][] = [
  [64, 1], [128, 2], [128, 1], [256, 2], [256, 1], [512, 2],
  [512, 1], [512, 1], [512, 1], [512, 1], [512, 1], [1024, 2], [1024, 1],
];

function buildMobileNetV1(): ModelGraph {
  return {
    name: 'MobileNetV1 1.0',
    layers: [
      input('input_1', [224, 224, 3]),
      conv2d('conv1', 32, 3, { strides: 2, padding: 'same', useBias: false }),
      batchNorm('conv1_bn'),
      relu6('conv1_relu'),
      ...BLOCKS.flatMap(([filters, strides], i) => depthwiseBlock(i + 1, filters, strides)),
      globalAvgPool('global_average_pooling2d'),
      reshape('reshape_1', [1, 1, 1024]),
      dropout('dropout', 1e-3),
      conv2d('conv_preds', 1000, 1, { padding: 'same' }),
      reshape('reshape_2', [1000]),
      activation('predictions', 'softmax'),
    ],
  };
}

export const MOBILENET_V1: ModelPreset = {
  id: 'mobilenet-v1',
  name: 'MobileNetV1 1.0',
  description: 'MobileNet v1 (alpha 1.0) as keras.applications builds it at 224×224×3: thirteen depthwise-separable blocks. 4.25 M params, 569 M MACs.',
  build: buildMobileNetV1,
};
