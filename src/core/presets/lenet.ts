/**
 * LeNet-5 (LeCun et al. 1998, "Gradient-based learning applied to document recognition") and
 * LeNet-300-100 (the fully connected MNIST net of the same paper, later the pruning baseline of
 * Han et al. 2015, "Learning both Weights and Connections").
 */
import type { ModelGraph } from '../model';
import type { ModelPreset } from './types';
import { avgPool, conv2d, dense, flatten, input } from './layers';

/**
 * The common textbook LeNet-5 on a 32×32×1 input (the paper's size: MNIST's 28×28 digits padded
 * by 2 on each side), tanh activations, 2×2 average pooling as subsampling, full S2→C3
 * connectivity (the paper's sparse connection table is left out) and C5 as a Dense layer
 * (on a 5×5 map a 5×5 convolution and a Dense layer are the same). 61,706 params.
 */
function buildLeNet5(): ModelGraph {
  return {
    name: 'LeNet-5',
    layers: [
      input('input', [32, 32, 1]),
      conv2d('c1', 6, 5, { activation: 'tanh' }),
      avgPool('s2', 2),
      conv2d('c3', 16, 5, { activation: 'tanh' }),
      avgPool('s4', 2),
      flatten('flatten'),
      dense('c5', 120, 'tanh'),
      dense('f6', 84, 'tanh'),
      dense('output', 10, 'softmax'),
    ],
  };
}

/** 784 → 300 → 100 → 10, ReLU; 266,610 params. The 28×28 image is flattened by the model. */
function buildLeNet300100(): ModelGraph {
  return {
    name: 'LeNet-300-100',
    layers: [
      input('input', [28, 28, 1]),
      flatten('flatten'),
      dense('fc1', 300, 'relu'),
      dense('fc2', 100, 'relu'),
      dense('output', 10, 'softmax'),
    ],
  };
}

export const LENET_5: ModelPreset = {
  id: 'lenet-5',
  name: 'LeNet-5',
  description: 'Classic LeNet-5 on 32×32×1 (padded MNIST): two 5×5 convolutions with average pooling, then 120-84-10 dense; tanh. 61.7 K params.',
  build: buildLeNet5,
};

export const LENET_300_100: ModelPreset = {
  id: 'lenet-300-100',
  name: 'LeNet-300-100',
  description: 'Fully connected MNIST net 784→300→100→10 with ReLU, the baseline of the Deep Compression pruning experiments. 266.6 K params.',
  build: buildLeNet300100,
};
