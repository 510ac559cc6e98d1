import type { LayerType } from '../../core/model';

/** Short palette labels (the full type is the button's accessible name and tooltip). */
export const PALETTE_LABELS: Partial<Record<LayerType, string>> = {
  InputLayer: 'Input',
  SeparableConv2D: 'Separable',
  DepthwiseConv2D: 'Depthwise',
  Conv2DTranspose: 'ConvTranspose',
  MaxPooling2D: 'MaxPool',
  AveragePooling2D: 'AvgPool',
  GlobalAveragePooling2D: 'GlobalAvgPool',
  GlobalMaxPooling2D: 'GlobalMaxPool',
  BatchNormalization: 'BatchNorm',
  ZeroPadding2D: 'ZeroPad',
  Concatenate: 'Concat',
};
