import type { ModelGraph } from '../model';

/** A ready-made model the user can load. The UI shows `name` and `description` in a combobox. */
export interface ModelPreset {
  /** kebab-case, stable: used in URLs (?preset=resnet-50) and by the CLI. */
  id: string;
  name: string;
  /** One or two sentences: the layout followed, its input size and why it is interesting. */
  description: string;
  /** A fresh graph on every call (callers may mutate it). */
  build(): ModelGraph;
}
