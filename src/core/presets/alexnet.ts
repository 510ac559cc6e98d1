/**
 * AlexNet (Krizhevsky et al. 2012) in the single-tower layout torchvision uses (from Krizhevsky's
 * 2014 "One weird trick" paper): 64-192-384-256-256 filters, no local response normalisation.
 * torchvision pads conv1 by 2 and the 5×5 and 3×3 convs by 1 and 2 ('same' at stride 1); its
 * AdaptiveAvgPool2d(6) is the identity at 224×224 and is left out. Dropout sits before fc6 and fc7
 * as in torchvision. 61,100,840 params, the same as torchvision's alexnet.
 */
import type { ModelGraph } from '../model';
import type { ModelPreset } from './types';
import { conv2d, dense, dropout, flatten, input, maxPool, zeroPad } from './layers';

function buildAlexNet(): ModelGraph {
  const convRelu = (name: string, filters: number, kernel: number) =>
    conv2d(name, filters, kernel, { padding: 'same', activation: 'relu' });
  return {
    name: 'AlexNet',
    layers: [
      input('input', [224, 224, 3]),
      // 'same' at stride 4 would pad to 56×56; torchvision pads by exactly 2 → 55×55.
      zeroPad('conv1_pad', 2),
      conv2d('conv1', 64, 11, { strides: 4, activation: 'relu' }),
      maxPool('pool1', 3, { strides: 2 }),
      convRelu('conv2', 192, 5),
      maxPool('pool2', 3, { strides: 2 }),
      convRelu('conv3', 384, 3),
      convRelu('conv4', 256, 3),
      convRelu('conv5', 256, 3),
      maxPool('pool5', 3, { strides: 2 }),
      flatten('flatten'),
      dropout('dropout6', 0.5),
      dense('fc6', 4096, 'relu'),
      dropout('dropout7', 0.5),
      dense('fc7', 4096, 'relu'),
      dense('predictions', 1000, 'softmax'),
    ],
  };
}

export const ALEXNET: ModelPreset = {
  id: 'alexnet',
  name: 'AlexNet',
  description: 'AlexNet, single-tower torchvision layout at 224×224×3: five convolutions (11×11 stride 4 first), three dense layers. 61.1 M params, most of them in fc6.',
  build: buildAlexNet,
};
