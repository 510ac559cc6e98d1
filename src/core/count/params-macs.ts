/**
 * Parameters and MACs per layer, exactly as ../shared/COUNTING.md:
 * parameters follow Keras / tfjs `countParams()`; MACs count weight multiply-adds only (a bias
 * add is not a MAC), the "mult-adds" of the papers.
 */
import type { Formula } from '../cost-types';
import type { LayerSpec, Shape } from '../model';
import { kernelFactors, productFormula, sumFormula, zeroFormula, type Factor, type Term } from './formula';

export interface ParamCount { formula: Formula; trainable: number; nonTrainable: number }

const NO_WEIGHTS = 'no weights';
const biasTerm = (on: boolean, f: Factor): Term[] => (on ? [{ groups: [[f]], note: 'bias' }] : []);

function paramsFormula(layer: LayerSpec, input: Shape, output: Shape): Formula {
  switch (layer.type) {
    case 'Conv2D': {
      const cin = input[2];
      const cout = output[2];
      return sumFormula([
        { groups: [[...kernelFactors(layer.kernelSize), ['Cin', cin], ['Cout', cout]]] },
        ...biasTerm(layer.useBias, ['Cout', cout]),
      ]);
    }
    case 'DepthwiseConv2D': {
      const cin = input[2];
      const m = layer.depthMultiplier;
      return sumFormula([
        { groups: [[...kernelFactors(layer.kernelSize), ['Cin', cin], ['M', m]]] },
        ...(layer.useBias ? [{ groups: [[['Cin', cin], ['M', m]] as Factor[]], note: 'bias' }] : []),
      ]);
    }
    case 'SeparableConv2D': {
      const cin = input[2];
      const m = layer.depthMultiplier;
      const cout = output[2];
      return sumFormula([
        { groups: [[...kernelFactors(layer.kernelSize), ['Cin', cin], ['M', m]]], note: 'depthwise' },
        { groups: [[['Cin', cin], ['M', m], ['Cout', cout]]], note: 'pointwise' },
        ...biasTerm(layer.useBias, ['Cout', cout]),
      ]);
    }
    case 'Conv2DTranspose': {
      const cout = output[2];
      return sumFormula([
        { groups: [[...kernelFactors(layer.kernelSize), ['Cout', cout], ['Cin', input[2]]]] },
        ...biasTerm(layer.useBias, ['Cout', cout]),
      ]);
    }
    case 'Dense':
      return sumFormula([
        { groups: [[['In', input[0]], ['Out', output[0]]]] },
        ...biasTerm(layer.useBias, ['Out', output[0]]),
      ]);
    default:
      return zeroFormula(NO_WEIGHTS);
  }
}

/** BatchNormalization: gamma (if scale) and beta (if center) trainable; moving mean and variance not. */
function batchNormParams(center: boolean, scale: boolean, channels: number): ParamCount {
  const c: Factor = ['C', channels];
  const formula = sumFormula([
    ...(scale ? [{ groups: [[c]], note: 'gamma' }] : []),
    ...(center ? [{ groups: [[c]], note: 'beta' }] : []),
    { groups: [[['2', 2], c]], note: 'moving mean and variance, non-trainable' },
  ]);
  return { formula, trainable: formula.value - 2 * channels, nonTrainable: 2 * channels };
}

/**
 * Parameter count of a validated layer with known shapes (input = first input shape).
 * Units: number of scalars. Source: Keras layer weight shapes.
 */
export function countParams(layer: LayerSpec, inputs: Shape[], output: Shape): ParamCount {
  if (layer.type === 'BatchNormalization') {
    return batchNormParams(layer.center, layer.scale, output[output.length - 1]);
  }
  const formula = paramsFormula(layer, inputs[0] ?? [], output);
  return { formula, trainable: formula.value, nonTrainable: 0 };
}

/**
 * MACs (multiply-accumulates) of a validated layer, COUNTING.md table. SeparableConv2D lists the
 * depthwise and pointwise parts. Layers without weights: 0.
 */
export function countMacs(layer: LayerSpec, inputs: Shape[], output: Shape): Formula {
  const input = inputs[0] ?? [];
  const outHW: Factor[] = [['Hout', output[0]], ['Wout', output[1]]];
  switch (layer.type) {
    case 'Conv2D':
      return productFormula([[...kernelFactors(layer.kernelSize), ['Cin', input[2]]], [...outHW, ['Cout', output[2]]]]);
    case 'DepthwiseConv2D':
      return productFormula([kernelFactors(layer.kernelSize), [...outHW, ['Cin', input[2]], ['M', layer.depthMultiplier]]]);
    case 'SeparableConv2D': {
      const depthwise: Term = {
        groups: [kernelFactors(layer.kernelSize), [...outHW, ['Cin', input[2]], ['M', layer.depthMultiplier]]],
      };
      const pointwise: Term = { groups: [[['Cin', input[2]], ['M', layer.depthMultiplier]], [...outHW, ['Cout', output[2]]]] };
      return sumFormula([depthwise, pointwise], [
        { label: 'depthwise', formula: sumFormula([depthwise]) },
        { label: 'pointwise', formula: sumFormula([pointwise]) },
      ]);
    }
    case 'Conv2DTranspose':
      return productFormula([
        [...kernelFactors(layer.kernelSize), ['Cout', output[2]]],
        [['Hin', input[0]], ['Win', input[1]], ['Cin', input[2]]],
      ]);
    case 'Dense':
      return productFormula([[['In', input[0]]], [['Out', output[0]]]]);
    default:
      return zeroFormula(NO_WEIGHTS);
  }
}
