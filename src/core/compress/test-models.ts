/** Small graphs shared by the compression tests (not used by the app). */
import type { ModelGraph } from '../model';
import { add, batchNorm, conv2d, dense, depthwiseConv2d, flatten, input, maxPool, relu } from '../presets/layers';

/** Conv → BN → ReLU → depthwise → pool → conv → flatten → dense → dense(output). */
export function smallConvNet(): ModelGraph {
  return {
    name: 'small',
    layers: [
      input('in', [8, 8, 3]),
      conv2d('conv1', 8, 3, { padding: 'same' }),
      batchNorm('bn1'),
      relu('relu1'),
      depthwiseConv2d('dw1', 3, { padding: 'same', depthMultiplier: 2 }),
      maxPool('pool1', 2),
      conv2d('conv2', 6, 1),
      flatten('flat'),
      dense('fc1', 10, 'relu'),
      dense('fc2', 3, 'softmax'),
    ],
  };
}

/** A residual block: conv_a's output feeds an Add, so it cannot lose filters. */
export function residualNet(): ModelGraph {
  return {
    name: 'residual',
    layers: [
      input('in', [4, 4, 4]),
      conv2d('conv_a', 4, 3, { padding: 'same' }),
      conv2d('conv_b', 4, 3, { padding: 'same' }),
      add('sum', ['conv_a', 'conv_b']),
      flatten('flat'),
      dense('out', 2),
    ],
  };
}
