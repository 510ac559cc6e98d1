/**
 * Which mapper turns each ONNX op (default domain) into engine layers. An op not listed here is
 * counted as a zero-cost Unknown layer where its output shape is known (map-unknown.ts).
 */
import { mapActivation, mapPRelu } from './map-activation';
import type { OpMapper } from './map-context';
import { mapConv, mapConvTranspose } from './map-conv';
import { mapGemm, mapMatMul } from './map-dense';
import { mapBatchNorm, mapLayerNorm } from './map-norm';
import { mapGlobalPool, mapPool, mapReduce } from './map-pool';
import { mapAdd, mapConcat, mapPad, mapPassThrough, mapReshape } from './map-tensor';
import { mapUnknown } from './map-unknown';

const TABLE: Record<string, OpMapper> = {
  Conv: mapConv,
  ConvTranspose: mapConvTranspose,
  Gemm: mapGemm,
  MatMul: mapMatMul,
  Add: mapAdd,
  Sum: mapAdd,
  Relu: mapActivation,
  Clip: mapActivation,
  LeakyRelu: mapActivation,
  Sigmoid: mapActivation,
  Tanh: mapActivation,
  HardSigmoid: mapActivation,
  HardSwish: mapActivation,
  Elu: mapActivation,
  Selu: mapActivation,
  Softplus: mapActivation,
  Softsign: mapActivation,
  Gelu: mapActivation,
  Softmax: mapActivation,
  PRelu: mapPRelu,
  LayerNormalization: mapLayerNorm,
  BatchNormalization: mapBatchNorm,
  MaxPool: mapPool,
  AveragePool: mapPool,
  GlobalAveragePool: mapGlobalPool,
  GlobalMaxPool: mapGlobalPool,
  ReduceMean: mapReduce,
  ReduceMax: mapReduce,
  Flatten: mapReshape,
  Reshape: mapReshape,
  Transpose: mapReshape,
  Squeeze: mapReshape,
  Unsqueeze: mapReshape,
  Identity: mapPassThrough,
  Dropout: mapPassThrough,
  Cast: mapPassThrough,
  Concat: mapConcat,
  Pad: mapPad,
};

/** An op without a mapper: zero cost where its shape is known, refused as not known otherwise. */
const mapUnmapped: OpMapper = (ctx) => mapUnknown(ctx, true);

/** The mapper for a node's op: its entry in the table for the default domain, else an Unknown layer. */
export function mapperFor(opType: string, domain: string): OpMapper {
  if (domain !== '' && domain !== 'ai.onnx') return mapUnmapped;
  return TABLE[opType] ?? mapUnmapped;
}
