/**
 * FLOPs per layer under the two conventions of docs/counting.md.
 *
 * Default (the lecture's): 2 × MACs for layers with weights; pooling one operation per output
 * element; global pooling one per input element; everything else 0.
 *
 * Detailed adds: bias 1 per output element; BatchNormalization 2 per element; ReLU / ReLU6 /
 * LeakyReLU 1 per element (also as the fused `activation` of a Conv/Dense layer); Softmax 5 per
 * element; hard_swish 4 per element (add 3, clip as relu6, multiply, divide by 6); Add 1 per output element per extra input; pooling K·K per output element; PReLU 1
 * per element; LayerNormalization 5 per element plus 1 each for scale and shift; Normalization 2.
 * Other activations (sigmoid, tanh, elu, selu, softplus, softsign, swish, gelu, hard_sigmoid)
 * have no agreed FLOP cost and docs/counting.md gives them none, so FlopLab counts them as 0 and
 * says so in the formula ("0 (sigmoid not counted)"), in both conventions. 'linear' is free.
 */
import type { FlopConvention, Formula } from '../cost-types';
import type { ActivationName, LayerSpec, Shape } from '../model';
import { kernelFactors, productFormula, sumFormula, zeroFormula, type Factor, type Term } from './formula';

const ACTIVATION_FLOPS_PER_ELEMENT: Partial<Record<ActivationName, number>> = {
  linear: 0, relu: 1, relu6: 1, leaky_relu: 1, softmax: 5,
  // x · relu6(x + 3) / 6: add 3, clip (1, as relu6), multiply by x, divide by 6.
  hard_swish: 4,
};

/** Factors naming a tensor's elements: H·W·C for a feature map, N otherwise. */
export function elementFactors(shape: Shape, out = false): Factor[] {
  if (shape.length === 3) {
    return out ? [['Hout', shape[0]], ['Wout', shape[1]], ['Cout', shape[2]]] : [['H', shape[0]], ['W', shape[1]], ['C', shape[2]]];
  }
  let n = 1;
  for (const d of shape) n *= d;
  return [[out && shape.length === 1 ? 'Out' : 'N', n]];
}

/** Detailed-convention term of an activation function over `elements`, or none for 'linear'. */
function activationTerm(activation: ActivationName, elements: Factor[]): Term[] {
  const perElement = ACTIVATION_FLOPS_PER_ELEMENT[activation];
  if (perElement === 0) return [];
  if (perElement === undefined) return [{ groups: [[['0', 0]]], note: `${activation} not counted` }];
  const groups: Factor[][] = perElement === 1 ? [elements] : [[[String(perElement), perElement]], elements];
  return [{ groups, note: activation }];
}

const WEIGHTED = new Set<string>(['Conv2D', 'DepthwiseConv2D', 'SeparableConv2D', 'Conv2DTranspose', 'Dense']);

const activationLayerName = (layer: LayerSpec): ActivationName | null => {
  if (layer.type === 'Activation') return layer.activation;
  if (layer.type === 'ReLU') return layer.maxValue === 6 ? 'relu6' : 'relu';
  if (layer.type === 'LeakyReLU') return 'leaky_relu';
  if (layer.type === 'Softmax') return 'softmax';
  return null;
};

function defaultFlops(layer: LayerSpec, input: Shape, output: Shape, macs: Formula): Formula | null {
  if (WEIGHTED.has(layer.type)) {
    return productFormula([[['2', 2]], [['MACs', macs.value]]]);
  }
  if (layer.type === 'MaxPooling2D' || layer.type === 'AveragePooling2D') {
    return productFormula([elementFactors(output, true)], 'one per output element');
  }
  if (layer.type === 'GlobalAveragePooling2D' || layer.type === 'GlobalMaxPooling2D') {
    return productFormula([elementFactors(input)], 'one per input element');
  }
  return null;
}

/** FLOPs of a layer with weights under the detailed convention: 2 × MACs + bias + fused activation. */
function detailedWeightedFlops(layer: LayerSpec, output: Shape, macs: Formula): Formula {
  const out = elementFactors(output, true);
  const terms: Term[] = [{ groups: [[['2', 2]], [['MACs', macs.value]]] }];
  if ('useBias' in layer && layer.useBias) terms.push({ groups: [out], note: 'bias' });
  if ('activation' in layer) terms.push(...activationTerm(layer.activation, out));
  return sumFormula(terms);
}

function detailedFlops(layer: LayerSpec, inputs: Shape[], output: Shape, macs: Formula): Formula | null {
  const elements = elementFactors(output);
  switch (layer.type) {
    case 'Conv2D': case 'DepthwiseConv2D': case 'SeparableConv2D': case 'Conv2DTranspose': case 'Dense':
      return detailedWeightedFlops(layer, output, macs);
    case 'MaxPooling2D': case 'AveragePooling2D':
      return productFormula([kernelFactors(layer.poolSize), elementFactors(output, true)], 'K·K per output element');
    case 'GlobalAveragePooling2D': case 'GlobalMaxPooling2D':
      return productFormula([elementFactors(inputs[0] ?? [])], 'one per input element');
    case 'BatchNormalization':
      return productFormula([[['2', 2]], elements], 'scale and shift');
    case 'Add':
      return productFormula([[['(n−1)', inputs.length - 1]], elements], 'one add per extra input');
    case 'PReLU':
      return productFormula([elements], 'prelu, as leaky_relu');
    case 'LayerNormalization': {
      // Per element: add to the mean, subtract it, square, add to the variance, multiply by 1/σ;
      // then scale and shift. The per-row divide and square root are left out.
      const perElement = 5 + (layer.scale ? 1 : 0) + (layer.center ? 1 : 0);
      return productFormula([[[String(perElement), perElement]], elements], 'statistics, normalise, scale and shift');
    }
    case 'Normalization':
      return productFormula([[['2', 2]], elements], 'subtract the mean, divide by the deviation');
    default: {
      const activation = activationLayerName(layer);
      const terms = activation ? activationTerm(activation, elements) : [];
      return terms.length > 0 ? sumFormula(terms) : null;
    }
  }
}

/**
 * FLOPs of a validated layer with known shapes, under `convention`. `macs` is the layer's MAC
 * formula (from countMacs). Zero-cost layers get a formula with value 0 and the reason.
 */
export function countFlops(
  layer: LayerSpec, inputs: Shape[], output: Shape, macs: Formula, convention: FlopConvention,
): Formula {
  if (convention === 'detailed') return detailedFlops(layer, inputs, output, macs) ?? zeroFormula('no arithmetic');
  const f = defaultFlops(layer, inputs[0] ?? [], output, macs);
  if (f) return f;
  // BatchNormalization, Add and activations do arithmetic that only the detailed convention counts.
  return detailedFlops(layer, inputs, output, macs)
    ? zeroFormula('not counted in the default convention')
    : zeroFormula('no arithmetic');
}
