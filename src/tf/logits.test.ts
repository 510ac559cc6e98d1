import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { logitsOf } from './logits';

beforeAll(async () => { await tf.setBackend('cpu'); });

/** x → Dense(5, relu) → Dense(3, `activation`) [→ `tail` layer]; seeded weights. */
function classifier(activation: 'softmax' | 'linear', tail?: () => tf.layers.Layer): tf.LayersModel {
  const input = tf.input({ shape: [4] });
  const hidden = tf.layers.dense({ units: 5, activation: 'relu', name: 'h', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }).apply(input);
  let out = tf.layers.dense({ units: 3, activation, name: 'out', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }), biasInitializer: tf.initializers.constant({ value: 0.5 }) }).apply(hidden) as tf.SymbolicTensor;
  if (tail) out = tail().apply(out) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

const x = () => tf.tensor2d([[1, -2, 0.5, 3], [0, 0, 0, 0], [-1, 4, 2, -3]]);

describe('logitsOf', () => {
  it('Dense with softmax: gives the linear output of the same weights (tfjs linear twin as oracle)', () => {
    const model = classifier('softmax');
    const twin = classifier('linear');
    twin.setWeights(model.getWeights());
    const logits = logitsOf(model);
    if (!logits.ok) throw new Error(logits.error.message);
    const input = x();
    const before = tf.memory().numTensors;
    const z = logits.value(input);
    expect(tf.memory().numTensors).toBe(before + 1); // only the result: every intermediate freed
    const expected = twin.predict(input) as tf.Tensor;
    expect(Array.from(z.dataSync())).toEqual(Array.from(expected.dataSync()));
    // softmax of the logits is the model's output.
    const p = model.predict(input) as tf.Tensor;
    const ps = tf.softmax(z);
    const psValues = ps.dataSync();
    p.dataSync().forEach((v, i) => expect(psValues[i]).toBeCloseTo(v, 6));
    tf.dispose([input, z, expected, p, ps]);
    model.dispose();
    twin.dispose();
  });

  it.each([
    ['a Softmax layer', () => tf.layers.softmax({ name: 'sm' })],
    ['an Activation(softmax) layer', () => tf.layers.activation({ activation: 'softmax', name: 'act' })],
  ])('%s after a linear Dense: gives the Dense output', (_, tail) => {
    const model = classifier('linear', tail);
    const logits = logitsOf(model);
    if (!logits.ok) throw new Error(logits.error.message);
    const inner = tf.model({ inputs: model.inputs, outputs: model.getLayer('out').output as tf.SymbolicTensor });
    const z = logits.value(x()).dataSync();
    expect(Array.from(z)).toEqual(Array.from((inner.predict(x()) as tf.Tensor).dataSync()));
    model.dispose();
  });

  it('a model ending in logits is returned as it is', () => {
    const model = classifier('linear');
    const logits = logitsOf(model);
    if (!logits.ok) throw new Error(logits.error.message);
    expect(Array.from(logits.value(x()).dataSync())).toEqual(Array.from((model.predict(x()) as tf.Tensor).dataSync()));
    model.dispose();
  });

  it('keeps logits that log(p) loses: a class far below the others has a finite logit, log of its clipped probability does not tell it apart', () => {
    const model = classifier('softmax');
    const [k1, b1, k2] = model.getWeights();
    model.setWeights([k1, b1, k2, tf.tensor1d([0, -200, -400])]);
    const logits = logitsOf(model);
    if (!logits.ok) throw new Error(logits.error.message);
    const z = logits.value(tf.zeros([1, 4])).dataSync();
    expect(Array.from(z)).toEqual([0, -200, -400]);
    const p = (model.predict(tf.zeros([1, 4])) as tf.Tensor).dataSync();
    expect(p[1]).toBe(0); // float32 underflow: log(p) = −∞ for both small classes
    expect(p[2]).toBe(0);
    model.dispose();
  });

  it('trains through: gradients reach the last layer kernel and the hidden layer, and no tensor leaks', () => {
    const model = classifier('softmax');
    const logits = logitsOf(model);
    if (!logits.ok) throw new Error(logits.error.message);
    const input = x();
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(logits.value(input, true))) as tf.Scalar);
    const names = Object.keys(grads).sort();
    expect(names).toEqual(model.trainableWeights.map((w) => (w.read() as tf.Variable).name).sort());
    for (const g of Object.values(grads)) expect(tf.tidy(() => tf.sum(tf.abs(g)).dataSync()[0])).toBeGreaterThan(0);
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    input.dispose();
    model.dispose();
  });
});
