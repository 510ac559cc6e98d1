/**
 * MobileNetV2 1.0 (Sandler et al. 2018) exactly as keras.applications.MobileNetV2 builds it at
 * 224×224×3 with alpha 1 and include_top: Conv1 3×3/2 without bias, seventeen inverted residual
 * blocks (expand 1×1 → depthwise 3×3 → linear project 1×1, residual Add where shapes allow;
 * stride-2 blocks zero-pad bottom/right as `correct_pad` does for even inputs), Conv_1 1×1 to
 * 1280 channels, global average pooling, Dense 1000 softmax. BN epsilon 1e-3. 3,538,984 params.
 */
import type { LayerSpec, ModelGraph } from '../model';
import type { ModelPreset } from './types';
import { add, batchNorm, compactInputs, conv2d, dense, depthwiseConv2d, globalAvgPool, input, last, relu6, zeroPad } from './layers';

/** Keras `_inverted_res_block`; block 0 has no expansion and the prefix 'expanded_conv_'. */
function invertedResidual(id: number, from: string, inChannels: number, filters: number, strides: 1 | 2, expansion: number): LayerSpec[] {
  const p = id === 0 ? 'expanded_conv_' : `block_${id}_`;
  const expand = id === 0 ? [] : [
    conv2d(`${p}expand`, expansion * inChannels, 1, { padding: 'same', useBias: false }),
    batchNorm(`${p}expand_BN`),
    relu6(`${p}expand_relu`),
  ];
  const pad = strides === 2 ? [zeroPad(`${p}pad`, [[0, 1], [0, 1]])] : [];
  const layers: LayerSpec[] = [
    ...expand,
    ...pad,
    depthwiseConv2d(`${p}depthwise`, 3, { strides, padding: strides === 1 ? 'same' : 'valid', useBias: false }),
    batchNorm(`${p}depthwise_BN`),
    relu6(`${p}depthwise_relu`),
    conv2d(`${p}project`, filters, 1, { padding: 'same', useBias: false }),
    batchNorm(`${p}project_BN`),
  ];
  layers[0] = { ...layers[0], inputs: [from] };
  if (inChannels === filters && strides === 1) layers.push(add(`${p}add`, [from, last(layers)]));
  return layers;
}

/** [filters, stride, expansion] of blocks 0…16 (Table 2 of the paper, repeats unrolled). */
const BLOCKS: [number, 1 | 2, number][] = [
  [16, 1, 1],
  [24, 2, 6], [24, 1, 6],
  [32, 2, 6], [32, 1, 6], [32, 1, 6],
  [64, 2, 6], [64, 1, 6], [64, 1, 6], [64, 1, 6],
  [96, 1, 6], [96, 1, 6], [96, 1, 6],
  [160, 2, 6], [160, 1, 6], [160, 1, 6],
  [320, 1, 6],
];

function buildMobileNetV2(): ModelGraph {
  const layers: LayerSpec[] = [
    input('input_1', [224, 224, 3]),
    conv2d('Conv1', 32, 3, { strides: 2, padding: 'same', useBias: false }),
    batchNorm('bn_Conv1'),
    relu6('Conv1_relu'),
  ];
  let channels = 32;
  BLOCKS.forEach(([filters, strides, expansion], id) => {
    layers.push(...invertedResidual(id, last(layers), channels, filters, strides, expansion));
    channels = filters;
  });
  layers.push(
    conv2d('Conv_1', 1280, 1, { useBias: false }),
    batchNorm('Conv_1_bn'),
    relu6('out_relu'),
    globalAvgPool('global_average_pooling2d'),
    dense('predictions', 1000, 'softmax'),
  );
  return { name: 'MobileNetV2 1.0', layers: compactInputs(layers) };
}

export const MOBILENET_V2: ModelPreset = {
  id: 'mobilenet-v2',
  name: 'MobileNetV2 1.0',
  description: 'MobileNet v2 (alpha 1.0) as keras.applications builds it at 224×224×3: inverted residual blocks with linear bottlenecks. 3.54 M params, 301 M MACs.',
  build: buildMobileNetV2,
};
