/**
 * The weight tensors tfjs-layers creates for a graph, by Keras name and shape, without values:
 * 'conv1/kernel' [kh, kw, Cin, Cout], 'conv1/bias' [Cout], 'bn/gamma' [C] … (tfjs-layers
 * src/layers/convolutional.ts, core.ts, normalization.ts). The one source of these shapes for
 * seeded weights (synthetic-weights.ts) and for checking a weights file against its graph.
 * A grouped Conv2D's kernel is [kh, kw, Cin/groups, Cout]; a layer with `sharesWeightsOf` has none.
 */
import { analyzeModel } from '../analyze';
import type { LayerSpec, ModelGraph } from '../model';
import { fail, ok, type Result } from '../result';
import { weightTensorShapes } from '../count/weight-tensor-shapes';

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

function weightsOfLayer(l: LayerSpec, input: number[]): ExpectedWeight[] {
  // A second call of another layer holds no weights of its own (they are listed once, there).
  if (!WEIGHT_SHAPES_KNOWN.has(l.type) || l.sharesWeightsOf !== undefined) return [];
  // Types in WEIGHT_SHAPES_KNOWN have only WeightRole roles.
  return weightTensorShapes(l, input).map((w) => ({
    name: `${l.name}/${w.suffix}`, layer: l.name, shape: w.shape, role: w.role as WeightRole, fanIn: w.fanIn,
  }));
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
  return ok(graph.layers.flatMap((l) => weightsOfLayer(l, inputs.get(l.name) ?? [])));
}
