/**
 * Which weight tensors compression touches. Kernels (the weights that multiply) are pruned,
 * shared and quantized; biases and BatchNormalization vectors (gamma, beta, moving mean and
 * variance) are left in float32: they are a tiny fraction of the parameters and pruning them
 * would shift every output of a channel, not drop one connection.
 */

const KERNEL_SUFFIXES = ['/kernel', '/depthwise_kernel', '/pointwise_kernel', '/embeddings'];

/** True for '…/kernel', '…/depthwise_kernel', '…/pointwise_kernel', '…/embeddings'. */
export function isPrunableTensor(name: string): boolean {
  return KERNEL_SUFFIXES.some((s) => name.endsWith(s));
}

/** The layer a tensor belongs to: the name before the last '/' ('block1/conv/kernel' → 'block1/conv'). */
export function layerOfTensor(name: string): string {
  const i = name.lastIndexOf('/');
  return i < 0 ? name : name.slice(0, i);
}
