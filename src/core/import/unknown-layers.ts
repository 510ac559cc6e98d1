/**
 * What the import may assume about a Keras layer class FlopLab does not model. Keras 2 and tfjs
 * store no output shapes, so an unknown layer is only accepted where its shape is safe to
 * assume: it keeps its input's shape. Classes known to change the shape are refused (unless
 * Keras 3 recorded the shape), so a wrong shape never flows silently into the counts.
 */

/** Element-wise merges: every input has the same shape, and so has the output. */
const ELEMENTWISE_MERGES = new Set(['Multiply', 'Subtract', 'Average', 'Maximum', 'Minimum']);

/** Keras classes whose output shape differs from their input's (FlopLab cannot infer it). */
const SHAPE_CHANGING = new Set([
  'UpSampling1D', 'UpSampling2D', 'UpSampling3D', 'Cropping1D', 'Cropping2D', 'Cropping3D',
  'ZeroPadding1D', 'ZeroPadding3D', 'Conv1D', 'Conv3D', 'Conv1DTranspose', 'Conv3DTranspose',
  'SeparableConv1D', 'DepthwiseConv1D', 'LocallyConnected1D', 'LocallyConnected2D',
  'MaxPooling1D', 'MaxPooling3D', 'AveragePooling1D', 'AveragePooling3D', 'MaxPool1D', 'AvgPool1D',
  'GlobalAveragePooling1D', 'GlobalMaxPooling1D', 'GlobalAveragePooling3D', 'GlobalMaxPooling3D',
  'Permute', 'RepeatVector', 'Embedding', 'LSTM', 'GRU', 'SimpleRNN', 'RNN', 'ConvLSTM2D',
  'Bidirectional', 'TimeDistributed', 'Dot', 'Resizing', 'CenterCrop', 'CategoryEncoding',
  'StringLookup', 'IntegerLookup', 'TextVectorization', 'Discretization', 'Hashing', 'Attention',
  'AdditiveAttention',
]);

/**
 * How an unknown class with `inputCount` inputs and no recorded shape is handled:
 * 'input-shape' (it keeps its single input's shape), 'merge-shape' (element-wise merge of
 * same-shaped inputs), or a reason to refuse it.
 */
export function assumedShapeRule(className: string, inputCount: number): 'input-shape' | 'merge-shape' | { refuse: string } {
  if (SHAPE_CHANGING.has(className)) return { refuse: 'it changes the shape of its input, and FlopLab cannot infer how' };
  if (inputCount === 1) return 'input-shape';
  if (ELEMENTWISE_MERGES.has(className) && inputCount > 1) return 'merge-shape';
  return { refuse: `FlopLab cannot infer its output shape from ${inputCount} inputs` };
}
