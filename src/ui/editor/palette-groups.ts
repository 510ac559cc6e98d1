import type { LayerType } from '../../core/model';

/** How the palette groups layer types (types missing from the engine's palette are skipped). */
export const PALETTE_GROUPS: { label: string; types: LayerType[] }[] = [
  { label: 'Input', types: ['InputLayer'] },
  { label: 'Conv', types: ['Conv2D', 'SeparableConv2D', 'DepthwiseConv2D', 'Conv2DTranspose'] },
  { label: 'Dense', types: ['Dense', 'Flatten', 'Reshape', 'Dropout'] },
  { label: 'Pool', types: ['MaxPooling2D', 'AveragePooling2D', 'GlobalAveragePooling2D', 'GlobalMaxPooling2D', 'ZeroPadding2D'] },
  { label: 'Norm, act.', types: ['BatchNormalization', 'Activation', 'ReLU', 'LeakyReLU', 'Softmax'] },
  { label: 'Merge', types: ['Add', 'Concatenate'] },
];
