/**
 * The weight tensors a layer holds, by Keras name suffix and shape ('kernel' [kh, kw, Cin, Cout],
 * 'bias' [Cout], 'gamma' [C] …), from its spec and input shape alone: the one source of these
 * shapes for compress/weight-shapes.ts (tfjs names, seeded weights) and for checking that a layer
 * with `sharesWeightsOf` can really use the named layer's weights. Shapes follow tfjs-layers /
 * Keras (convolutional.ts, core.ts, normalization.ts, advanced_activations.ts).
 */
import type { LayerSpec, Shape } from '../model';
import { kerasAxisIndex } from '../shapes/tensor-shapes';

export type WeightTensorRole =
  | 'kernel' | 'bias' | 'gamma' | 'beta' | 'movingMean' | 'movingVariance' | 'alpha' | 'mean' | 'variance' | 'count';

export interface WeightTensorShape {
  /** Keras weight name after the layer's: 'kernel', 'depthwise_kernel', 'bias', 'gamma' … */
  suffix: string;
  shape: number[];
  role: WeightTensorRole;
  /** Inputs feeding one output (kernels; 1 for the others), for He-like initialisation. */
  fanIn: number;
}

/**
 * The weight tensors of `layer` (whatever `sharesWeightsOf` says: these are the shapes it needs)
 * given its first input shape. A grouped Conv2D's kernel is [kh, kw, Cin/groups, filters], as
 * Keras's. Layers without weights: none.
 */
export function weightTensorShapes(layer: LayerSpec, input: Shape): WeightTensorShape[] {
  const cin = input[input.length - 1] ?? 0;
  const out: WeightTensorShape[] = [];
  const add = (suffix: string, shape: number[], role: WeightTensorRole, fanIn = 1) => out.push({ suffix, shape, role, fanIn });
  const kk = (k: readonly [number, number]) => k[0] * k[1];
  switch (layer.type) {
    case 'Conv2D': {
      const perGroup = cin / (layer.groups ?? 1);
      add('kernel', [...layer.kernelSize, perGroup, layer.filters], 'kernel', kk(layer.kernelSize) * perGroup);
      if (layer.useBias) add('bias', [layer.filters], 'bias');
      break;
    }
    case 'Conv2DTranspose':
      add('kernel', [...layer.kernelSize, layer.filters, cin], 'kernel', kk(layer.kernelSize) * cin);
      if (layer.useBias) add('bias', [layer.filters], 'bias');
      break;
    case 'DepthwiseConv2D':
      add('depthwise_kernel', [...layer.kernelSize, cin, layer.depthMultiplier], 'kernel', kk(layer.kernelSize));
      if (layer.useBias) add('bias', [cin * layer.depthMultiplier], 'bias');
      break;
    case 'SeparableConv2D':
      add('depthwise_kernel', [...layer.kernelSize, cin, layer.depthMultiplier], 'kernel', kk(layer.kernelSize));
      add('pointwise_kernel', [1, 1, cin * layer.depthMultiplier, layer.filters], 'kernel', cin * layer.depthMultiplier);
      if (layer.useBias) add('bias', [layer.filters], 'bias');
      break;
    case 'Dense':
      add('kernel', [cin, layer.units], 'kernel', cin);
      if (layer.useBias) add('bias', [layer.units], 'bias');
      break;
    case 'BatchNormalization':
      if (layer.scale) add('gamma', [cin], 'gamma');
      if (layer.center) add('beta', [cin], 'beta');
      add('moving_mean', [cin], 'movingMean');
      add('moving_variance', [cin], 'movingVariance');
      break;
    case 'PReLU': {
      const shared = new Set(layer.sharedAxes ?? []);
      add('alpha', input.map((d, i) => (shared.has(i + 1) ? 1 : d)), 'alpha');
      break;
    }
    case 'LayerNormalization': {
      const c = axisSize(input, layer.axis);
      if (layer.scale) add('gamma', [c], 'gamma');
      if (layer.center) add('beta', [c], 'beta');
      break;
    }
    case 'Normalization':
      if (!layer.constantStats) {
        const c = axisSize(input, layer.axis);
        add('mean', [c], 'mean');
        add('variance', [c], 'variance');
        add('count', [], 'count');
      }
      break;
    default:
      break;
  }
  return out;
}

function axisSize(shape: Shape, axis: number): number {
  const at = kerasAxisIndex(axis, shape.length);
  return at === null ? 0 : shape[at];
}
