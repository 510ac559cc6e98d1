/**
 * Shape inference for every layer type (Keras semantics, channels-last, batch left out).
 * `inferLayerShape` validates the layer's hyperparameters first, so callers may pass specs
 * straight from hostile JSON; it never throws and never returns a NaN dimension.
 */
import type { LayerSpec, Shape } from '../model';
import { fail, ok, type Result } from '../result';
import { expectedError } from './checks';
import {
  convShape, convTransposeShape, globalPoolShape, poolShape, zeroPaddingShape,
} from './spatial-shapes';
import {
  addShape, concatShape, denseShape, flattenShape, normalizedAxisShape, preluShape, reshapeShape,
} from './tensor-shapes';
import { validateLayer } from './validate-layer';

/** Output shape of a validated single-input layer. */
function singleInputShape(layer: LayerSpec, input: Shape): Result<Shape> {
  switch (layer.type) {
    case 'Conv2D': case 'DepthwiseConv2D': case 'SeparableConv2D': return convShape(layer, input);
    case 'Conv2DTranspose': return convTransposeShape(layer, input);
    case 'Dense': return denseShape(layer, input);
    case 'MaxPooling2D': case 'AveragePooling2D': return poolShape(layer, input);
    case 'GlobalAveragePooling2D': case 'GlobalMaxPooling2D': return globalPoolShape(layer, input);
    case 'ZeroPadding2D': return zeroPaddingShape(layer, input);
    case 'Flatten': return ok(flattenShape(input));
    case 'Reshape': return reshapeShape(layer, input);
    case 'PReLU': return preluShape(layer, input);
    case 'LayerNormalization': case 'Normalization': return normalizedAxisShape(layer, input);
    default: return ok([...input]); // BatchNormalization, activations, Dropout: shape unchanged
  }
}

/**
 * Validates `layer` and computes its output shape from its input shapes (in `inputs` order;
 * `inputNames` only name them in messages). Errors name the layer and the field.
 */
export function inferLayerShape(layer: LayerSpec, inputs: Shape[], inputNames: string[]): Result<Shape> {
  const invalid = validateLayer(layer);
  if (invalid) return fail(invalid);
  switch (layer.type) {
    case 'InputLayer': return ok([...layer.shape]);
    case 'Add': return addShape(layer, inputs, inputNames);
    case 'Concatenate': return concatShape(layer, inputs, inputNames);
    case 'Unknown':
      if (layer.outputShape) return ok([...layer.outputShape]);
      return fail({ code: 'unknown-layer', layer: layer.name, field: 'outputShape',
        message: `Layer '${layer.name}': FlopLab does not know the layer type '${layer.className}' and its output shape is not given, so the layers after it cannot be analysed.` });
    default: break;
  }
  if (inputs.length !== 1) { // every remaining type takes exactly one input
    return fail(expectedError(layer.name, 'invalid-value', 'inputs', 'exactly one layer', `${inputs.length} layers`));
  }
  return singleInputShape(layer, inputs[0]);
}
