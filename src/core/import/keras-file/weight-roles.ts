/**
 * The variables a Keras layer saves, in the order Keras saves them (`layer.weights` in the
 * legacy order: trainable, then non-trainable; Keras 3 `save_own_variables` writes the same
 * order as vars/0, 1, …), named as tfjs-layers names them (src/core/compress/weight-shapes.ts).
 */
import type { LayerSpec } from '../../model';

/**
 * The tfjs names of `layer`'s variables in Keras's saving order, or null for a layer whose
 * variables FlopLab does not read (Normalization, layers FlopLab does not know).
 * Keras 3 names a DepthwiseConv2D's kernel 'kernel'; tfjs and Keras 2 say 'depthwise_kernel'.
 */
export function weightRoles(layer: LayerSpec): string[] | null {
  const bias = (useBias: boolean) => (useBias ? ['bias'] : []);
  switch (layer.type) {
    case 'Conv2D':
    case 'Conv2DTranspose':
    case 'Dense':
      return ['kernel', ...bias(layer.useBias)];
    case 'DepthwiseConv2D':
      return ['depthwise_kernel', ...bias(layer.useBias)];
    case 'SeparableConv2D':
      return ['depthwise_kernel', 'pointwise_kernel', ...bias(layer.useBias)];
    case 'BatchNormalization':
      return [...(layer.scale ? ['gamma'] : []), ...(layer.center ? ['beta'] : []), 'moving_mean', 'moving_variance'];
    case 'LayerNormalization':
      return [...(layer.scale ? ['gamma'] : []), ...(layer.center ? ['beta'] : [])];
    case 'PReLU':
      return ['alpha'];
    case 'Normalization':
    case 'Unknown':
      return null;
    default:
      return [];
  }
}
