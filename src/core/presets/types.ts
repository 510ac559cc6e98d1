import type { ModelGraph } from '../model';

/**
 * Weights that ship with the app for a preset (issue 8): written by `npm run train-models`
 * (scripts/train-models.ts) into public/models/<id>/ and served by the app itself.
 */
export interface TrainedWeights {
  /** tfjs model.json, relative to the app's base URL (and to the repo's public/ folder), e.g. 'models/lenet-300-100-digits/model.json'. */
  modelPath: string;
  /** Accuracy on the fixed 2,000 test digits (0..1) recorded when the weights were trained (record.json). */
  testAccuracy: number;
}

/** A ready-made model the user can load. The UI shows `name` and `description` in a combobox. */
export interface ModelPreset {
  /** kebab-case, stable: used in URLs (?preset=resnet-50) and by the CLI. */
  id: string;
  name: string;
  /** One or two sentences: the layout followed, its input size and why it is interesting. */
  description: string;
  /** A fresh graph on every call (callers may mutate it). */
  build(): ModelGraph;
  /** Present when trained weights ship with the app (the digits presets); absent: the architecture only. */
  trained?: TrainedWeights;
}
