/**
 * The compact form of a layer list for share links: one table maps every layer field to a
 * one-letter key, fields equal to createLayer's defaults are left out, square pairs are one
 * number, and inputs that name an earlier layer are written as how many layers back it is.
 * Both directions are driven by the same tables, so a field cannot be encoded and forgotten.
 *
 * The tables are part of the link format (v1): append to them, never reorder or reuse a key.
 */
import { createLayer } from '../core/layer-defaults';
import type { LayerSpec, LayerType } from '../core/model';
import { fail, ok, type Result } from '../core/result';

/** Layer type → its code in links. */
const TYPE_CODE: Record<LayerType, number> = {
  InputLayer: 0, Conv2D: 1, DepthwiseConv2D: 2, SeparableConv2D: 3, Conv2DTranspose: 4, Dense: 5,
  MaxPooling2D: 6, AveragePooling2D: 7, GlobalAveragePooling2D: 8, GlobalMaxPooling2D: 9,
  BatchNormalization: 10, Activation: 11, ReLU: 12, LeakyReLU: 13, Softmax: 14, Flatten: 15,
  Reshape: 16, Dropout: 17, ZeroPadding2D: 18, Add: 19, Concatenate: 20, Unknown: 21,
  PReLU: 22, LayerNormalization: 23, Normalization: 24,
};
const TYPE_BY_CODE = new Map(Object.entries(TYPE_CODE).map(([type, code]) => [code, type as LayerType]));

interface FieldRule {
  key: string;
  /** A [height, width] pair, written as one number when both are equal. */
  pair?: boolean;
  /** A field any layer may have, absent by default (createLayer leaves it out). */
  anyLayer?: boolean;
  /** An optional field of these types only, absent by default (createLayer leaves it out). */
  optionalOn?: readonly LayerType[];
}

/** Every layer field except type, name and inputs (handled apart), with its key in links. */
export const FIELD_RULES: Record<string, FieldRule> = {
  shape: { key: 'h' }, filters: { key: 'f' }, kernelSize: { key: 'k', pair: true },
  strides: { key: 's', pair: true }, padding: { key: 'p' }, dilationRate: { key: 'd', pair: true },
  useBias: { key: 'b' }, activation: { key: 'a' }, depthMultiplier: { key: 'm' }, units: { key: 'u' },
  poolSize: { key: 'z', pair: true }, epsilon: { key: 'e' }, center: { key: 'c' }, scale: { key: 'x' },
  maxValue: { key: 'v' }, alpha: { key: 'l' }, targetShape: { key: 'r' }, rate: { key: 'q' },
  axis: { key: 'y' }, className: { key: 'o' }, outputShape: { key: 'w' },
  sharedAxes: { key: 'g' }, constantStats: { key: 'j' },
  trainable: { key: 'T', anyLayer: true }, modelOutput: { key: 'O', anyLayer: true },
  groups: { key: 'G', optionalOn: ['Conv2D'] },
  keepDims: { key: 'K', optionalOn: ['GlobalAveragePooling2D', 'GlobalMaxPooling2D'] },
  sharesWeightsOf: { key: 'W', anyLayer: true },
  params: { key: 'P', optionalOn: ['Unknown'] },
};
const FIELD_BY_KEY = new Map(Object.entries(FIELD_RULES).map(([field, rule]) => [rule.key, { field, ...rule }]));

/** A layer in link form: t type code, n name, i inputs, then FIELD_RULES keys. */
export type CompactLayer = Record<string, unknown>;

/** The compact form of `layers` (which need not be valid: links carry broken work too). */
export function encodeLayers(layers: LayerSpec[]): CompactLayer[] {
  return layers.map((layer, index) => encodeLayer(layer, index, layers));
}

function encodeLayer(layer: LayerSpec, index: number, layers: LayerSpec[]): CompactLayer {
  const defaults = createLayer(layer.type, layer.name) as unknown as Record<string, unknown>;
  const compact: CompactLayer = { t: TYPE_CODE[layer.type], n: layer.name };
  if (layer.inputs) compact.i = layer.inputs.map((name) => encodeInput(name, index, layers));
  for (const [field, value] of Object.entries(layer)) {
    if (field === 'type' || field === 'name' || field === 'inputs' || value === undefined) continue;
    const rule = FIELD_RULES[field];
    if (!rule) throw new Error(`FlopLab bug: layer field '${field}' has no key in the link format`);
    if (sameJson(value, defaults[field])) continue;
    compact[rule.key] = rule.pair && isSquarePair(value) ? value[0] : value;
  }
  return compact;
}

/** An earlier layer's name as a distance back (1 = the layer before); other names as text. */
function encodeInput(name: string, index: number, layers: LayerSpec[]): number | string {
  for (let j = index - 1; j >= 0; j--) if (layers[j].name === name) return index - j;
  return name;
}

/**
 * Expands compact layers into full LayerSpecs (defaults filled in). Checks the link form only
 * (keys, type codes, distances); field values are checked afterwards by the config schema.
 */
export function decodeLayers(compact: unknown[]): Result<LayerSpec[]> {
  const layers: LayerSpec[] = [];
  for (let index = 0; index < compact.length; index++) {
    const raw = compact[index];
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return linkError(`layer ${index + 1} is not an object`);
    const layer = decodeLayer(raw as CompactLayer, index, layers);
    if (!layer.ok) return layer;
    layers.push(layer.value);
  }
  return ok(layers);
}

function decodeLayer(compact: CompactLayer, index: number, before: LayerSpec[]): Result<LayerSpec> {
  const where = `layer ${index + 1}`;
  const type = typeof compact.t === 'number' ? TYPE_BY_CODE.get(compact.t) : undefined;
  if (!type) return linkError(`${where} has an unknown type code ${clip(JSON.stringify(compact.t) ?? 'nothing')}`);
  if (typeof compact.n !== 'string') return linkError(`${where} has no name`);
  const layer = createLayer(type, compact.n) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(compact)) {
    if (key === 't' || key === 'n') continue;
    if (key === 'i') {
      const inputs = decodeInputs(value, index, before);
      if (!inputs.ok) return linkError(`${where} ('${clip(compact.n)}'): ${inputs.error.message}`);
      layer.inputs = inputs.value;
      continue;
    }
    const rule = FIELD_BY_KEY.get(key);
    if (!rule || !(rule.anyLayer || rule.optionalOn?.includes(type) || rule.field in layer)) return linkError(`${where} ('${clip(compact.n)}') has an unknown field '${clip(key)}'`);
    layer[rule.field] = rule.pair && typeof value === 'number' ? [value, value] : value;
  }
  return ok(layer as unknown as LayerSpec);
}

function decodeInputs(value: unknown, index: number, before: LayerSpec[]): Result<string[]> {
  if (!Array.isArray(value)) return linkError('inputs are not a list');
  const names: string[] = [];
  for (const input of value) {
    if (typeof input === 'string') names.push(input);
    else if (Number.isInteger(input) && input >= 1 && input <= index) names.push(before[index - input].name);
    else return linkError(`input ${clip(JSON.stringify(input) ?? 'nothing')} names no earlier layer`);
  }
  return ok(names);
}

function isSquarePair(value: unknown): value is [number, number] {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && value[0] === value[1];
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Link text quoted in a message, cut short (a 1 KB link can inflate to a 1 MB name). */
function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function linkError(message: string) {
  return fail({ code: 'parse-error', message });
}
