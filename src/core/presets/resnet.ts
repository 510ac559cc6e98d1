/**
 * ResNets (He et al. 2016, "Deep Residual Learning for Image Recognition") in Keras layers, with
 * the layer names of keras.applications (conv1_conv, conv2_block1_1_conv, conv2_block1_add, …).
 *
 * ResNet-50 is keras.applications.ResNet50 exactly: conv1 7×7/2 with bias after a 3-pixel zero
 * pad, BatchNormalization epsilon 1.001e-5, every convolution with a bias, the stride on the first
 * 1×1 convolution of a stage (ResNet v1 as Keras has it; torchvision's "v1.5" puts it on the 3×3),
 * a projection shortcut in the first block of each stage. 25,636,712 params.
 *
 * ResNet-18 has no keras.applications version; it follows torchvision's resnet18 (basic blocks,
 * convolutions without bias, BN epsilon 1e-5, the stride on the first 3×3). torchvision counts
 * 11,689,512 params because it keeps BN running statistics as buffers; Keras counts the moving
 * mean and variance as (non-trainable) params, 2 × 4,800 BN channels more: 11,699,112 in all,
 * 11,689,512 of them trainable. The 3×3 stride-2 convolutions use Keras 'same' padding: the same
 * output shapes and counts as torchvision's symmetric padding of 1 (TF pads bottom/right only).
 */
import type { LayerSpec, ModelGraph } from '../model';
import type { ModelPreset } from './types';
import {
  activation, add, batchNorm, compactInputs, conv2d, dense, globalAvgPool, input, last, maxPool, zeroPad,
} from './layers';

interface ResNetStyle { useBias: boolean; epsilon: number }
const KERAS_V1: ResNetStyle = { useBias: true, epsilon: 1.001e-5 };
const TORCHVISION: ResNetStyle = { useBias: false, epsilon: 1e-5 };

/** Convolution + BatchNormalization (+ ReLU), named `${name}_conv`, `${name}_bn`, `${name}_relu`. */
function convBn(
  name: string, from: string, filters: number, kernel: number, strides: number, style: ResNetStyle, withRelu: boolean,
): LayerSpec[] {
  const padding = kernel > 1 ? 'same' : 'valid';
  const layers: LayerSpec[] = [
    conv2d(`${name}_conv`, filters, kernel, { strides, padding, useBias: style.useBias, inputs: [from] }),
    batchNorm(`${name}_bn`, { epsilon: style.epsilon }),
  ];
  if (withRelu) layers.push(activation(`${name}_relu`, 'relu'));
  return layers;
}

/** Adds the shortcut to the residual branch and applies ReLU (`_add`, `_out`). */
function merge(name: string, shortcut: string, residual: LayerSpec[]): LayerSpec[] {
  return [add(`${name}_add`, [shortcut, last(residual)]), activation(`${name}_out`, 'relu')];
}

/** Keras `block1`: 1×1 (stride) → 3×3 → 1×1 ×4, projection shortcut `_0` when asked. */
function bottleneckBlock(name: string, from: string, filters: number, strides: number, project: boolean): LayerSpec[] {
  const shortcut = project ? convBn(`${name}_0`, from, 4 * filters, 1, strides, KERAS_V1, false) : [];
  const residual = [
    ...convBn(`${name}_1`, from, filters, 1, strides, KERAS_V1, true),
    ...convBn(`${name}_2`, `${name}_1_relu`, filters, 3, 1, KERAS_V1, true),
    ...convBn(`${name}_3`, `${name}_2_relu`, 4 * filters, 1, 1, KERAS_V1, false),
  ];
  return [...residual, ...shortcut, ...merge(name, project ? last(shortcut) : from, residual)];
}

/** torchvision BasicBlock: 3×3 (stride) → 3×3, projection shortcut `_0` when the shape changes. */
function basicBlock(name: string, from: string, filters: number, strides: number, project: boolean): LayerSpec[] {
  const shortcut = project ? convBn(`${name}_0`, from, filters, 1, strides, TORCHVISION, false) : [];
  const residual = [
    ...convBn(`${name}_1`, from, filters, 3, strides, TORCHVISION, true),
    ...convBn(`${name}_2`, `${name}_1_relu`, filters, 3, 1, TORCHVISION, false),
  ];
  return [...residual, ...shortcut, ...merge(name, project ? last(shortcut) : from, residual)];
}

type Block = typeof basicBlock;
interface Stage { filters: number; blocks: number; strides: number }

/** A stage `conv${n}` of `blocks` blocks; the first one strides and projects. */
function stage(block: Block, n: number, from: string, s: Stage, alwaysProject: boolean): LayerSpec[] {
  const layers: LayerSpec[] = [];
  let x = from;
  for (let b = 1; b <= s.blocks; b++) {
    const first = b === 1;
    layers.push(...block(`conv${n}_block${b}`, x, s.filters, first ? s.strides : 1, first && (alwaysProject || s.strides > 1)));
    x = last(layers);
  }
  return layers;
}

/** Stem (zero pad 3, conv1 7×7/2, BN, ReLU, zero pad 1, max pool 3×3/2), stages, classifier. */
function buildResNet(name: string, block: Block, stages: Stage[], style: ResNetStyle, alwaysProject: boolean): ModelGraph {
  const layers: LayerSpec[] = [
    input('input_1', [224, 224, 3]),
    zeroPad('conv1_pad', 3),
    conv2d('conv1_conv', 64, 7, { strides: 2, useBias: style.useBias }),
    batchNorm('conv1_bn', { epsilon: style.epsilon }),
    activation('conv1_relu', 'relu'),
    zeroPad('pool1_pad', 1),
    maxPool('pool1_pool', 3, { strides: 2 }),
  ];
  stages.forEach((s, i) => layers.push(...stage(block, i + 2, last(layers), s, alwaysProject)));
  layers.push(globalAvgPool('avg_pool'), dense('predictions', 1000, 'softmax'));
  return { name, layers: compactInputs(layers) };
}

export const RESNET_18: ModelPreset = {
  id: 'resnet-18',
  name: 'ResNet-18',
  description: 'ResNet-18 (torchvision layout in Keras layers, 224×224×3): basic residual blocks 2-2-2-2. 11.7 M params (Keras counts BN moving statistics), 1.8 G MACs.',
  build: () => buildResNet('ResNet-18', basicBlock, [
    { filters: 64, blocks: 2, strides: 1 },
    { filters: 128, blocks: 2, strides: 2 },
    { filters: 256, blocks: 2, strides: 2 },
    { filters: 512, blocks: 2, strides: 2 },
  ], TORCHVISION, false),
};

export const RESNET_50: ModelPreset = {
  id: 'resnet-50',
  name: 'ResNet-50',
  description: 'ResNet-50 as keras.applications builds it (224×224×3): bottleneck blocks 3-4-6-3 with projection shortcuts. 25.6 M params, 3.9 G MACs.',
  // Keras's stack1 gives conv2's first block a projection shortcut too (64 → 256 channels).
  build: () => buildResNet('ResNet-50', bottleneckBlock, [
    { filters: 64, blocks: 3, strides: 1 },
    { filters: 128, blocks: 4, strides: 2 },
    { filters: 256, blocks: 6, strides: 2 },
    { filters: 512, blocks: 3, strides: 2 },
  ], KERAS_V1, true),
};
