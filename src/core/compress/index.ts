/** The compression lab's public API (pure math on Float32Array; see each file). */
export * from './types';
export { runPipeline, type PipelineHooks, type PipelineContext } from './pipeline';
export { checkPlan, stageForLayer } from './plan';
export { pruneByMagnitude, pruneGlobally, prune24, countZeros } from './prune';
export { pruneFilters, type FilterPruneOutcome } from './structured-prune';
export { quantizeUniform, quantizeFloat16, channelAxisFor, checkQuantizeOptions, type Quantized, type QuantizeOptions } from './quantize';
export { float32ToFloat16Bits, float16BitsToFloat32 } from './float16';
export { clusterWeights, type KMeansResult, type KMeansOptions } from './kmeans';
export { huffmanCodeLengths } from './huffman';
export * from './storage';
export { effectiveFlops, type EffectiveFlops } from './effective-flops';
export { meanSquaredError, sqnrDb, distortion } from './error-metrics';
export { syntheticWeights } from './synthetic-weights';
export { gzipBytes, GZIP_LEVEL, type GzipSizeFn } from './gzip-size';
export { isPrunableTensor, layerOfTensor } from './prunable';
