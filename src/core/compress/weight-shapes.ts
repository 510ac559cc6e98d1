/**
 * The weight tensors tfjs-layers creates for a graph, by Keras name and shape, without values:
 * 'conv1/kernel' [kh, kw, Cin, Cout], 'conv1/bias' [Cout], 'bn/gamma' [C] … (tfjs-layers
 * src/layers/convolutional.ts, core.ts, normalization.ts). The one source of these shapes for
 * seeded weights (synthetic-weights.ts) and for checking a weights file against its graph.
 */
import { analyzeModel } from '../analyze';
import type { LayerSpec, ModelGraph } from '../model';
import { fail, ok, type Result } from '../result';

export type WeightRole = 'kernel' | 'bias' | 'gamma' | 'beta' | 'movingMean' | 'movingVariance';

export interface ExpectedWeight {
  name: string;
  layer: string;
  shape: number[];
  role: WeightRole;
  /** Inputs feeding one output (kernels; 1 for the others), for He-like initialisation. */
  fanIn: number;
}

/** Layer types whose weights this file knows exactly (other types with weights are counted by the engine only). */
export const WEIGHT_SHAPES_KNOWN: ReadonlySet<LayerSpec['type']> = new Set([
  'Conv2D', 'Conv2DTranspose', 'DepthwiseConv2D', 'SeparableConv2D', 'Dense', 'BatchNormalization',
]);

function weightsOfLayer(l: LayerSpec, cin: number): ExpectedWeight[] {
  const out: ExpectedWeight[] = [];
  const add = (suffix: string, shape: number[], role: WeightRole, fanIn = 1) =>
    out.push({ name: `${l.name}/${suffix}`, layer: l.name, shape, role, fanIn });
  switch (l.type) {
    case 'Conv2D':
      add('kernel', [...l.kernelSize, cin, l.filters], 'kernel', l.kernelSize[0] * l.kernelSize[1] * cin);
      if (l.useBias) add('bias', [l.filters], 'bias');
      break;
    case 'Conv2DTranspose':
      add('kernel', [...l.kernelSize, l.filters, cin], 'kernel', l.kernelSize[0] * l.kernelSize[1] * cin);
      if (l.useBias) add('bias', [l.filters], 'bias');
      break;
    case 'DepthwiseConv2D':
      add('depthwise_kernel', [...l.kernelSize, cin, l.depthMultiplier], 'kernel', l.kernelSize[0] * l.kernelSize[1]);
      if (l.useBias) add('bias', [cin * l.depthMultiplier], 'bias');
      break;
    case 'SeparableConv2D':
      add('depthwise_kernel', [...l.kernelSize, cin, l.depthMultiplier], 'kernel', l.kernelSize[0] * l.kernelSize[1]);
      add('pointwise_kernel', [1, 1, cin * l.depthMultiplier, l.filters], 'kernel', cin * l.depthMultiplier);
      if (l.useBias) add('bias', [l.filters], 'bias');
      break;
    case 'Dense':
      add('kernel', [cin, l.units], 'kernel', cin);
      if (l.useBias) add('bias', [l.units], 'bias');
      break;
    case 'BatchNormalization':
      if (l.scale) add('gamma', [cin], 'gamma');
      if (l.center) add('beta', [cin], 'beta');
      add('moving_mean', [cin], 'movingMean');
      add('moving_variance', [cin], 'movingVariance');
      break;
    default:
      break;
  }
  return out;
}

/**
 * Every weight tensor of `graph` whose layer type is in WEIGHT_SHAPES_KNOWN, in layer order
 * (kernel, bias; BN gamma, beta, moving mean, moving variance). A graph the engine refuses is
 * that error.
 */
export function expectedWeights(graph: ModelGraph): Result<ExpectedWeight[]> {
  const analysis = analyzeModel(graph);
  if (!analysis.ok) return fail(analysis.errors[0]);
  const inputs = new Map(analysis.report.layers.map((l) => [l.name, l.inputShapes[0] ?? []]));
  return ok(graph.layers.flatMap((l) => {
    const inShape = inputs.get(l.name) ?? [];
    return weightsOfLayer(l, inShape[inShape.length - 1] ?? 0);
  }));
}
