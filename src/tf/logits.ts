/**
 * The logits of a classifier that ends in softmax (issue 9). Distillation needs z, the values
 * before the softmax: softmax(z/T) of the probabilities, or log(p) (clipped at 1e-7 and
 * underflowing in float32 at high T), would be wrong. So the model is run up to the input of its
 * last layer and:
 *
 * - a Dense layer with softmax activation: its linear output x·W + b is computed from the layer's
 *   own kernel and bias variables (so gradients reach them);
 * - a separate Softmax layer, or an Activation('softmax') layer: its input is the logits;
 * - any other last layer: the model's output already is the logits.
 *
 * The function shares the model's weights (nothing is copied): training through it trains the
 * model. It owns no tensors, so it needs no dispose (and the inner tf.model must never be
 * disposed: that would free the shared layers' weights).
 */
import * as tf from '@tensorflow/tfjs';
import { fail, ok, type Result } from '../core/result';
import type { DigitsTensors } from './digits-data';
import { predictOne } from './evaluate';

/** Logits [batch, classes] of a batch of inputs; `training` as in model.apply (dropout on). */
export type LogitsFn = (x: tf.Tensor, training?: boolean) => tf.Tensor2D;

const isSoftmax = (layer: tf.layers.Layer) => {
  const config = layer.getConfig() as { activation?: string };
  return layer.getClassName() === 'Softmax' || config.activation === 'softmax';
};

/** The model up to (not including) `layer`: a function of the model's input. */
function bodyBefore(model: tf.LayersModel, layer: tf.layers.Layer): (x: tf.Tensor, training: boolean) => tf.Tensor {
  const before = layer.input as tf.SymbolicTensor;
  if (model.inputs.includes(before)) return (x) => x;
  const body = tf.model({ inputs: model.inputs, outputs: before });
  return (x, training) => predictOne(body, x, training);
}

/**
 * A function computing `model`'s logits (see the file comment), or an error value for a model
 * with several outputs or a softmax layer with several inputs.
 */
export function logitsOf(model: tf.LayersModel): Result<LogitsFn> {
  if (model.outputs.length !== 1) return fail({ code: 'invalid-value', field: 'outputs', message: `Logits: Expected a model with one output, but got ${model.outputs.length}.` });
  const last = model.outputLayers[0];
  if (!isSoftmax(last)) return ok((x, training = false) => predictOne(model, x, training) as tf.Tensor2D);
  if (last.inboundNodes.length !== 1 || last.inboundNodes[0].inputTensors.length !== 1) {
    return fail({ code: 'invalid-value', layer: last.name, field: 'inputs', message: `Layer '${last.name}': Expected the softmax layer to have one input, but got ${last.inboundNodes[0]?.inputTensors.length ?? 0}.` });
  }
  const body = bodyBefore(model, last);
  if (last.getClassName() !== 'Dense') return ok((x, training = false) => body(x, training) as tf.Tensor2D);
  const [kernel, bias] = last.weights;
  const useBias = (last.getConfig() as { useBias?: boolean }).useBias !== false && bias !== undefined;
  return ok((x, training = false) => tf.tidy(() => {
    const z = tf.matMul(body(x, training) as tf.Tensor2D, kernel.read() as tf.Tensor2D);
    return (useBias ? tf.add(z, bias.read()) : z) as tf.Tensor2D;
  }));
}

/**
 * The logits of every image in `data` (all of them, in image order), in batches; the caller
 * disposes the returned [count, classes] tensor.
 */
export async function logitsOfAll(logits: LogitsFn, data: DigitsTensors, batchSize = 500): Promise<tf.Tensor2D> {
  const parts: tf.Tensor2D[] = [];
  try {
    for (let start = 0; start < data.count; start += batchSize) {
      const part = tf.tidy(() => logits(data.images.slice(start, Math.min(batchSize, data.count - start))));
      await part.data();
      parts.push(part);
    }
    return tf.concat(parts, 0);
  } finally {
    tf.dispose(parts);
  }
}
