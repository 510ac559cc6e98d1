import { describe, expect, it } from 'vitest';
import { findPreset } from '../presets';
import { layer, stack } from '../test-helpers';
import { digitsFit } from './fit';

const preset = (id: string) => findPreset(id)!.build();
const dense = (name: string, units: number) => layer('Dense', name, { units, activation: 'softmax' });

describe('digitsFit', () => {
  it('fits LeNet-300-100 (28×28×1) and LeNet-5 (32×32×1, padded)', () => {
    expect(digitsFit(preset('lenet-300-100'))).toEqual({ ok: true, value: { layout: 'image-28', inputShape: [28, 28, 1] } });
    expect(digitsFit(preset('lenet-5'))).toEqual({ ok: true, value: { layout: 'padded-32', inputShape: [32, 32, 1] } });
  });

  it('fits a flat 784 input', () => {
    expect(digitsFit(stack([784], dense('out', 10)))).toMatchObject({ ok: true, value: { layout: 'flat-784' } });
  });

  it('says why ImageNet models and wrong outputs do not fit', () => {
    const mobilenet = digitsFit(preset('mobilenet-v1'));
    expect(mobilenet.ok).toBe(false);
    if (!mobilenet.ok) expect(mobilenet.error.message).toMatch(/The digits do not fit this model: Expected (input|output)/);
    const wrongOut = digitsFit(stack([784], dense('out', 12)));
    expect(wrongOut).toMatchObject({ ok: false, error: { message: "The digits do not fit this model: Expected output layer 'out' to have shape [10] (one score per digit), but got [12]." } });
    const wrongIn = digitsFit(stack([28, 28, 3], layer('Flatten', 'f'), dense('out', 10)));
    expect(wrongIn).toMatchObject({ ok: false, error: { message: "The digits do not fit this model: Expected input 'input' to have shape [28, 28, 1], [784] or [32, 32, 1], but got [28, 28, 3]." } });
  });

  it('rejects two outputs', () => {
    const g = stack([784], dense('a', 10), { ...dense('b', 10), inputs: ['input'] });
    expect(digitsFit(g)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Expected one output, but got 2/) } });
  });
});
