/**
 * The two layers FlopLab builds that tfjs-layers lacks: a grouped Conv2D (Keras `groups`) and
 * the hard_swish activation (Keras 3). Both are registered for (de)serialisation, so a model
 * holding them saves and loads back in this app (other tfjs apps need these classes too).
 */
import * as tf from '@tensorflow/tfjs';
import type { Pair, Padding } from '../core/model';

type Initializer = ReturnType<typeof tf.initializers.zeros>;
type Kwargs = Record<string, unknown>;

const one = (inputs: tf.Tensor | tf.Tensor[]): tf.Tensor => (Array.isArray(inputs) ? inputs[0] : inputs);

/** hard_swish(x) = x · relu6(x + 3) / 6 (Keras 3 `hard_swish`, MobileNetV3 section 5.2). */
export class HardSwish extends tf.layers.Layer {
  static className = 'FlopLabHardSwish';
  constructor(args: { name?: string; trainable?: boolean } = {}) {
    super(args);
    this.supportsMasking = true;
  }
  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = one(inputs);
      return tf.div(tf.mul(x, tf.relu6(tf.add(x, 3))), 6);
    });
  }
  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }
}

export interface GroupedConv2DArgs {
  name: string; filters: number; kernelSize: Pair; strides: Pair; padding: Padding; dilationRate: Pair;
  groups: number; useBias: boolean; kernelInitializer?: Initializer; trainable?: boolean;
}

/** Keras `conv_output_length` for one spatial axis (null stays unknown). */
function outputLength(size: number | null, kernel: number, stride: number, dilation: number, padding: Padding): number | null {
  if (size === null) return null;
  if (padding === 'same') return Math.ceil(size / stride);
  return Math.floor((size - ((kernel - 1) * dilation + 1)) / stride) + 1;
}

/**
 * A Keras Conv2D with `groups` > 1 (no activation: build-model.ts adds it as its own layer). One
 * kernel [kh, kw, Cin/groups, filters] and bias [filters], as Keras names and shapes them
 * ('name/kernel', 'name/bias'); run as one tf.conv2d per group on that group's input channels
 * and filters, concatenated along the channels (what Keras's grouped convolution computes).
 */
export class GroupedConv2D extends tf.layers.Layer {
  static className = 'FlopLabGroupedConv2D';
  private readonly args: GroupedConv2DArgs;
  private kernel: tf.LayerVariable | null = null;
  private bias: tf.LayerVariable | null = null;

  constructor(args: GroupedConv2DArgs) {
    super({ name: args.name, trainable: args.trainable });
    this.args = { ...args };
  }

  build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const cin = shape[shape.length - 1];
    const { groups, filters, kernelSize } = this.args;
    if (cin === null || cin % groups !== 0 || filters % groups !== 0) {
      throw new Error(`groups ${groups} must divide the input channels (${String(cin)}) and the filters (${filters})`);
    }
    const init = this.args.kernelInitializer ?? tf.initializers.glorotUniform({});
    this.kernel = this.addWeight('kernel', [kernelSize[0], kernelSize[1], cin / groups, filters], 'float32', init);
    if (this.args.useBias) this.bias = this.addWeight('bias', [filters], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  call(inputs: tf.Tensor | tf.Tensor[], _kwargs?: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = one(inputs) as tf.Tensor4D;
      const { groups, strides, padding, dilationRate } = this.args;
      const xs = tf.split(x, groups, 3) as tf.Tensor4D[];
      const ks = tf.split(this.kernel!.read() as tf.Tensor4D, groups, 3) as tf.Tensor4D[];
      const outs = xs.map((xi, i) => tf.conv2d(xi, ks[i], strides, padding, 'NHWC', dilationRate));
      const y = outs.length === 1 ? outs[0] : tf.concat(outs, 3);
      return this.bias ? tf.add(y, this.bias.read()) : y;
    });
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const { kernelSize: k, strides, dilationRate: d, padding, filters } = this.args;
    return [s[0], outputLength(s[1], k[0], strides[0], d[0], padding), outputLength(s[2], k[1], strides[1], d[1], padding), filters];
  }

  getConfig(): tf.serialization.ConfigDict {
    const { filters, kernelSize, strides, padding, dilationRate, groups, useBias } = this.args;
    return { ...super.getConfig(), filters, kernelSize, strides, padding, dilationRate, groups, useBias };
  }

}

tf.serialization.registerClass(HardSwish);
tf.serialization.registerClass(GroupedConv2D);
