/** Shape inference and layer validation (Keras semantics). See infer-shape.ts. */
export { inferLayerShape } from './infer-shape';
export { validateLayer, isKnownLayerType, KNOWN_LAYER_TYPES } from './validate-layer';
export { elementCount } from './tensor-shapes';
export { MAX_DIM, MAX_RANK } from './checks';
