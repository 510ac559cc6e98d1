/**
 * Parameters and MACs per layer, exactly as docs/counting.md:
 * parameters follow Keras / tfjs `countParams()`; MACs count weight multiply-adds only (a bias
 * add is not a MAC), the "mult-adds" of the papers.
 */
import type { Formula } from '../cost-types';
import type { Conv2DSpec, LayerSpec, Shape } from '../model';
import { elementCount, kerasAxisIndex } from '../shapes/tensor-shapes';
import { kernelFactors, productFormula, sumFormula, zeroFormula, type Factor, type Term } from './formula';

export interface ParamCount { formula: Formula; trainable: number; nonTrainable: number }

const NO_WEIGHTS = 'no weights';
const biasTerm = (on: boolean, f: Factor): Term[] => (on ? [{ groups: [[f]], note: 'bias' }] : []);

/** Keras `groups` of a Conv2D (absent: 1). */
const groupsOf = (layer: Conv2DSpec): number => layer.groups ?? 1;
/** "Cin", or "(Cin/g)" for a grouped convolution: each filter sees Cin/g input channels. */
const inputChannelsPerGroup = (cin: number, g: number): Factor => (g === 1 ? ['Cin', cin] : ['(Cin/g)', cin / g]);
const groupsNote = (g: number): string | undefined => (g === 1 ? undefined : `g = ${g} groups`);

function paramsFormula(layer: LayerSpec, input: Shape, output: Shape): Formula {
  switch (layer.type) {
    case 'Conv2D': {
      const cout = output[2];
      const g = groupsOf(layer);
      return sumFormula([
        { groups: [[...kernelFactors(layer.kernelSize), inputChannelsPerGroup(input[2], g), ['Cout', cout]]], note: groupsNote(g) },
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
    case 'Dense': {
      // Keras applies Dense to the last axis: one In × Out kernel whatever the leading axes.
      const cin = input[input.length - 1];
      const cout = output[output.length - 1];
      return sumFormula([{ groups: [[['In', cin], ['Out', cout]]] }, ...biasTerm(layer.useBias, ['Out', cout])]);
    }
    case 'PReLU':
      return productFormula([preluAlphaFactors(input, layer.sharedAxes)], 'alpha');
    case 'Unknown':
      return layer.params ? productFormula([[['P', layer.params]]], 'constant float inputs of the imported op') : zeroFormula(NO_WEIGHTS);
    case 'LayerNormalization': {
      const c: Factor = ['C', axisSize(input, layer.axis)];
      return sumFormula([
        ...(layer.scale ? [{ groups: [[c]], note: 'gamma' }] : []),
        ...(layer.center ? [{ groups: [[c]], note: 'beta' }] : []),
      ]);
    }
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
 * Keras Normalization (preprocessing): mean and variance per element of the axis plus a scalar
 * count, all non-trainable (keras/src/layers/preprocessing/normalization.py `build`); none when
 * mean and variance were given as constants.
 */
function normalizationParams(constantStats: boolean, channels: number): ParamCount {
  if (constantStats) return { formula: zeroFormula('mean and variance are constants, not weights'), trainable: 0, nonTrainable: 0 };
  const c: Factor = ['C', channels];
  const formula = sumFormula([
    { groups: [[c]], note: 'mean' }, { groups: [[c]], note: 'variance' }, { groups: [[['1', 1]]], note: 'count' },
  ]);
  return { formula, trainable: 0, nonTrainable: formula.value };
}

/** Size of a Keras axis (batch counted, -1 = last) of a shape without the batch; 0 if outside. */
function axisSize(shape: Shape, axis: number): number {
  const at = kerasAxisIndex(axis, shape.length);
  return at === null ? 0 : shape[at];
}

/** PReLU's alpha shape: the input's, with each shared Keras axis (1 = first after the batch) set to 1. */
function preluAlphaFactors(input: Shape, sharedAxes: number[] | null): Factor[] {
  const names = input.length === 3 ? ['H', 'W', 'C'] : input.length === 1 ? ['N'] : input.map((_, i) => `D${i + 1}`);
  const shared = new Set(sharedAxes ?? []);
  const factors: Factor[] = input.flatMap((d, i) => (shared.has(i + 1) ? [] : [[names[i], d] as Factor]));
  return factors.length > 0 ? factors : [['1', 1]];
}

function weightCount(layer: LayerSpec, input: Shape, output: Shape): ParamCount {
  if (layer.type === 'BatchNormalization') return batchNormParams(layer.center, layer.scale, output[output.length - 1]);
  if (layer.type === 'Normalization') return normalizationParams(layer.constantStats, axisSize(input, layer.axis));
  const formula = paramsFormula(layer, input, output);
  return { formula, trainable: formula.value, nonTrainable: 0 };
}

/**
 * Parameter count of a validated layer with known shapes (input = first input shape).
 * Units: number of scalars. Source: Keras layer weight shapes; a grouped Conv2D's kernel is
 * [kh, kw, Cin/g, Cout] (Keras `groups`). A layer with `sharesWeightsOf` counts 0: the weights are
 * the named layer's (Keras counts a shared layer once). A frozen layer
 * (`trainable: false`) keeps its count, all of it non-trainable, as Keras's `layer.trainable = False`.
 */
export function countParams(layer: LayerSpec, inputs: Shape[], output: Shape): ParamCount {
  if (layer.sharesWeightsOf !== undefined) {
    // A second call of an earlier layer: its weights are counted once, there.
    return { formula: zeroFormula(`shares the weights of '${layer.sharesWeightsOf}'`), trainable: 0, nonTrainable: 0 };
  }
  const count = weightCount(layer, inputs[0] ?? [], output);
  if (layer.trainable !== false) return count;
  return { formula: count.formula, trainable: 0, nonTrainable: count.formula.value };
}

/**
 * MACs (multiply-accumulates) of a validated layer, docs/counting.md table. SeparableConv2D lists the
 * depthwise and pointwise parts. Layers without weights: 0.
 */
export function countMacs(layer: LayerSpec, inputs: Shape[], output: Shape): Formula {
  const input = inputs[0] ?? [];
  const outHW: Factor[] = [['Hout', output[0]], ['Wout', output[1]]];
  switch (layer.type) {
    case 'Conv2D': {
      const g = groupsOf(layer);
      return productFormula([[...kernelFactors(layer.kernelSize), inputChannelsPerGroup(input[2], g)], [...outHW, ['Cout', output[2]]]], groupsNote(g));
    }
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
    case 'Dense': {
      const cin: Factor = ['In', input[input.length - 1]];
      const cout: Factor = ['Out', output[output.length - 1]];
      if (input.length === 1) return productFormula([[cin], [cout]]);
      // Applied at every position of the leading axes (Keras Dense on a rank ≥ 2 input).
      return productFormula([[['N', elementCount(input.slice(0, -1))]], [cin], [cout]], 'N = positions along the leading axes');
    }
    default:
      return zeroFormula(NO_WEIGHTS);
  }
}
