/**
 * Which models the digits fit (issue 8): one input of shape 28×28×1, 784 (flattened) or
 * 32×32×1 (the image zero-padded by 2 pixels on each side, as LeNet-5 expects), and one output
 * of 10 values (class scores or probabilities). Anything else gets a sentence saying why no
 * dataset fits; the cost views still work for such models.
 */
import { analyzeModel } from '../analyze';
import type { ModelGraph, Shape } from '../model';
import { resolveGraph } from '../graph';
import { fail, ok, type Result } from '../result';
import { DIGITS_CLASSES } from './format';

/** How a 28×28 digit becomes the model's input. */
export type DigitsLayout = 'image-28' | 'flat-784' | 'padded-32';

/**
 * How grey levels are fed: 'unit' divides by 255 (0..1, FlopLab's default and the shipped
 * presets'), 'byte' feeds 0..255 for models trained that way.
 */
export type PixelScale = 'unit' | 'byte';

export interface DigitsFit {
  layout: DigitsLayout;
  /** The model's input shape without the batch dimension. */
  inputShape: Shape;
}

const sameShape = (a: Shape, b: Shape) => a.length === b.length && a.every((d, i) => d === b[i]);

const LAYOUTS: { layout: DigitsLayout; shape: Shape }[] = [
  { layout: 'image-28', shape: [28, 28, 1] },
  { layout: 'flat-784', shape: [784] },
  { layout: 'padded-32', shape: [32, 32, 1] },
];

const noFit = (message: string) => fail({ code: 'invalid-value', field: 'shape', message });

/**
 * Decides whether the digits fit `graph` and how to lay them out. The error message is one
 * sentence a student can read: "The digits do not fit this model: Expected … but got …".
 */
export function digitsFit(graph: ModelGraph): Result<DigitsFit> {
  const analysis = analyzeModel(graph);
  if (!analysis.ok) return noFit(`The digits do not fit this model: it has errors (${analysis.errors[0].message})`);
  const inputs = analysis.report.layers.filter((l) => l.type === 'InputLayer');
  if (inputs.length !== 1) {
    return noFit(`The digits do not fit this model: Expected one input, but got ${inputs.length}.`);
  }
  const { inputsOf } = resolveGraph(graph);
  const consumed = new Set([...inputsOf.values()].flat());
  const outputs = analysis.report.layers.filter((l) => !consumed.has(l.name));
  if (outputs.length !== 1) {
    return noFit(`The digits do not fit this model: Expected one output, but got ${outputs.length} (${outputs.map((l) => `'${l.name}'`).join(', ')}).`);
  }
  const out = outputs[0];
  if (!sameShape(out.outputShape, [DIGITS_CLASSES])) {
    return noFit(`The digits do not fit this model: Expected output layer '${out.name}' to have shape [10] (one score per digit), but got [${out.outputShape.join(', ')}].`);
  }
  const input = inputs[0];
  const match = LAYOUTS.find((l) => sameShape(l.shape, input.outputShape));
  if (!match) {
    return noFit(`The digits do not fit this model: Expected input '${input.name}' to have shape [28, 28, 1], [784] or [32, 32, 1], but got [${input.outputShape.join(', ')}].`);
  }
  return ok({ layout: match.layout, inputShape: [...match.shape] });
}
