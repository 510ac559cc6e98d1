/**
 * Normal ↔ separable convolution (MobileNet, Howard et al. 2017, section 3.1): a K×K Conv2D is
 * replaced by a K×K depthwise convolution followed by a 1×1 pointwise one, cutting MACs by
 * 1/Cout + 1/K².
 */
import type { Conv2DSpec, SeparableConv2DSpec } from './model';

/**
 * The SeparableConv2D doing the same job as `c`: same name (so the editor keeps its selection),
 * inputs, filters, kernel, strides, padding, dilation, bias and activation; depth multiplier 1.
 */
export function toSeparable(c: Conv2DSpec): SeparableConv2DSpec {
  return {
    type: 'SeparableConv2D', name: c.name, ...(c.inputs ? { inputs: [...c.inputs] } : {}),
    filters: c.filters, kernelSize: [...c.kernelSize], strides: [...c.strides], padding: c.padding,
    depthMultiplier: 1, dilationRate: [...c.dilationRate], useBias: c.useBias, activation: c.activation,
  };
}

/** The Conv2D doing the same job as `s` (its depth multiplier is dropped); same name and inputs. */
export function toConv(s: SeparableConv2DSpec): Conv2DSpec {
  return {
    type: 'Conv2D', name: s.name, ...(s.inputs ? { inputs: [...s.inputs] } : {}),
    filters: s.filters, kernelSize: [...s.kernelSize], strides: [...s.strides], padding: s.padding,
    dilationRate: [...s.dilationRate], useBias: s.useBias, activation: s.activation,
  };
}

/**
 * MACs of a separable convolution relative to the normal one: 1/Cout + 1/K² (depth multiplier 1,
 * square kernel K). E.g. K = 3, Cout = 128: 0.119.
 */
export function separableRatio(kernel: number, cout: number): number {
  return 1 / cout + 1 / (kernel * kernel);
}
