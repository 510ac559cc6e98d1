/**
 * The one set of limits on what a model may hold. The editor's fields, file import, the engine's
 * layer validation and the saved/shared config schema all read them from here, so whatever one
 * of them accepts the others accept too (a model that analyses can always be saved and shared).
 */
import { MAX_DIM, MAX_RANK } from './shapes/checks';

export { MAX_DIM, MAX_RANK };

/**
 * Most layers a model may hold. ResNet-50, the largest preset, has 177; a 1,000-layer model
 * still opens, analyses and renders without freezing the page (measured in
 * e2e/state-trust.spec.ts), while 10,000 blocked a tab for ~17 s.
 */
export const MAX_LAYERS = 1000;
/** Longest layer or model name, in UTF-16 code units (also an Unknown layer's class name). */
export const MAX_NAME_CHARS = 200;
/** Most inputs one layer may name (an Add or Concatenate of every other layer, at most). */
export const MAX_INPUTS_PER_LAYER = MAX_LAYERS;
/** BatchNormalization epsilon lies in (0, EPSILON_MAX]: it is added to a variance. */
export const EPSILON_MAX = 1;
/** LeakyReLU alpha lies in [0, ALPHA_MAX]. */
export const ALPHA_MAX = 1000;
/** ReLU maxValue lies in [0, RELU_MAX_VALUE_MAX] (or is null, unbounded). */
export const RELU_MAX_VALUE_MAX = 1e9;
/** Concatenate axis (Keras, batch included): a non-zero integer in [AXIS_MIN, AXIS_MAX]. */
export const AXIS_MIN = -MAX_RANK - 1;
export const AXIS_MAX = MAX_RANK;

/**
 * Largest model as FlopLab JSON (UTF-8 bytes). Share links and the saved work hold a compact
 * form of it (never larger) that must inflate within their 1 MiB cap (state/packed-text.ts), with
 * room left for the device and view: so whatever the schema accepts can be shared and saved.
 */
export const MAX_MODEL_JSON_BYTES = 1_000_000;

/**
 * Why a model of `count` layers is refused, or null: "It has 12,000 layers; FlopLab opens models
 * of up to 1,000 layers." Checked before expensive parsing (links, imports) and on every add.
 */
export function layerCountProblem(count: number): string | null {
  if (count <= MAX_LAYERS) return null;
  return `It has ${count.toLocaleString('en-US')} layers; FlopLab opens models of up to ${MAX_LAYERS.toLocaleString('en-US')} layers.`;
}
