/**
 * VGG-16 (Simonyan & Zisserman 2015, configuration D) exactly as keras.applications.VGG16 builds
 * it with include_top=True at 224×224×3: 138,357,544 params, 15,470,264,320 MACs.
 */
import type { LayerSpec, ModelGraph } from '../model';
import type { ModelPreset } from './types';
import { conv2d, dense, flatten, input, maxPool } from './layers';

/** `convs` 3×3 'same' ReLU convolutions then a 2×2 max pool, named like Keras (block1_conv1 …). */
function vggBlock(block: number, filters: number, convs: number): LayerSpec[] {
  const layers: LayerSpec[] = [];
  for (let i = 1; i <= convs; i++) {
    layers.push(conv2d(`block${block}_conv${i}`, filters, 3, { padding: 'same', activation: 'relu' }));
  }
  layers.push(maxPool(`block${block}_pool`, 2));
  return layers;
}

function buildVgg16(): ModelGraph {
  return {
    name: 'VGG-16',
    layers: [
      input('input_1', [224, 224, 3]),
      ...vggBlock(1, 64, 2),
      ...vggBlock(2, 128, 2),
      ...vggBlock(3, 256, 3),
      ...vggBlock(4, 512, 3),
      ...vggBlock(5, 512, 3),
      flatten('flatten'),
      dense('fc1', 4096, 'relu'),
      dense('fc2', 4096, 'relu'),
      dense('predictions', 1000, 'softmax'),
    ],
  };
}

export const VGG_16: ModelPreset = {
  id: 'vgg-16',
  name: 'VGG-16',
  description: 'VGG-16 as keras.applications builds it (224×224×3, with the classifier): thirteen 3×3 convolutions and three dense layers. 138.4 M params, 15.5 G MACs.',
  build: buildVgg16,
};
