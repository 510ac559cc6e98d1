import type { LayerType } from '../../core/model';

/** Short palette labels (the full type follows in the button's accessible name and tooltip). */
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

/**
 * A palette button's accessible name: it contains the visible text as a whole word (WCAG 2.5.3,
 * label in name: a speech user says what they see), then the full type when the label is a short form,
 * e.g. "Add MaxPool (MaxPooling2D)", "Add Conv2D".
 */
export function paletteButtonName(type: LayerType): string {
  const label = PALETTE_LABELS[type];
  return label === undefined || label === type ? `Add ${type}` : `Add ${label} (${type})`;
}
