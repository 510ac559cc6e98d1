/**
 * The FlopLab JSON config (a ModelGraph with `format: 'floplab'`, `version: 1`) as a strict zod
 * schema: every field of every layer type, with ranges. Used for file import and URL shares, so
 * it rejects hostile input with a message naming the bad field's path, and never throws.
 * Graph-level meaning (wiring, shapes) is checked by analyzeModel, not here.
 */
import { z } from 'zod';
import { ACTIVATIONS, type FlopLabConfig, type LayerSpec, type ModelGraph } from './model';
import { fail, ok, type Result } from './result';
import {
  ALPHA_MAX, AXIS_MAX, AXIS_MIN, EPSILON_MAX, layerCountProblem, MAX_DIM, MAX_INPUTS_PER_LAYER, MAX_LAYERS, MAX_MODEL_JSON_BYTES,
  MAX_NAME_CHARS, MAX_RANK, RELU_MAX_VALUE_MAX,
} from './limits';
import { show } from './shapes/checks';

export { MAX_LAYERS };

// Range before int(): zod 4's int() also checks the safe-integer range, and for 1e308 its
// "expected int to be <=9007199254740991" would hide the real limit from the user.
const posInt = z.number().min(1).max(MAX_DIM).int();
const nonNegInt = z.number().min(0).max(MAX_DIM).int();
const pair = z.tuple([posInt, posInt]);
const shape = z.array(posInt).min(1).max(MAX_RANK);
const padding = z.enum(['valid', 'same']);
const activation = z.enum(ACTIVATIONS);
const layerName = z.string().min(1).max(MAX_NAME_CHARS);
const base = {
  name: layerName, inputs: z.array(layerName).max(MAX_INPUTS_PER_LAYER).optional(),
  trainable: z.boolean().optional(), modelOutput: z.boolean().optional(), sharesWeightsOf: layerName.optional(),
};
const axis = z.number().int().min(AXIS_MIN).max(AXIS_MAX).refine((a) => a !== 0, { message: 'Expected a non-zero axis (0 is the batch)' });
const epsilon = z.number().positive().max(EPSILON_MAX);
const convCommon = { kernelSize: pair, strides: pair, padding, useBias: z.boolean(), activation };
const noParams = <T extends string>(type: T) => z.strictObject({ type: z.literal(type), ...base });

/** Zod schema of one LayerSpec (discriminated on `type`), strict: unknown fields are refused. */
export const layerSpecSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('InputLayer'), ...base, shape }),
  z.strictObject({ type: z.literal('Conv2D'), ...base, filters: posInt, ...convCommon, dilationRate: pair, groups: posInt.optional() }),
  z.strictObject({
    type: z.literal('DepthwiseConv2D'), ...base, ...convCommon, depthMultiplier: posInt, dilationRate: pair,
  }),
  z.strictObject({
    type: z.literal('SeparableConv2D'), ...base, filters: posInt, ...convCommon, depthMultiplier: posInt, dilationRate: pair,
  }),
  z.strictObject({ type: z.literal('Conv2DTranspose'), ...base, filters: posInt, ...convCommon }),
  z.strictObject({ type: z.literal('Dense'), ...base, units: posInt, useBias: z.boolean(), activation }),
  z.strictObject({ type: z.literal('MaxPooling2D'), ...base, poolSize: pair, strides: pair, padding }),
  z.strictObject({ type: z.literal('AveragePooling2D'), ...base, poolSize: pair, strides: pair, padding }),
  z.strictObject({ type: z.literal('GlobalAveragePooling2D'), ...base, keepDims: z.boolean().optional() }),
  z.strictObject({ type: z.literal('GlobalMaxPooling2D'), ...base, keepDims: z.boolean().optional() }),
  z.strictObject({
    type: z.literal('BatchNormalization'), ...base, epsilon, center: z.boolean(), scale: z.boolean(),
  }),
  z.strictObject({ type: z.literal('Activation'), ...base, activation }),
  z.strictObject({ type: z.literal('ReLU'), ...base, maxValue: z.number().min(0).max(RELU_MAX_VALUE_MAX).nullable() }),
  z.strictObject({ type: z.literal('LeakyReLU'), ...base, alpha: z.number().min(0).max(ALPHA_MAX) }),
  noParams('Softmax'),
  noParams('Flatten'),
  z.strictObject({
    type: z.literal('Reshape'), ...base,
    targetShape: z.array(z.union([posInt, z.literal(-1)])).min(1).max(MAX_RANK)
      .refine((s) => s.filter((d) => d === -1).length <= 1, { message: 'Expected at most one -1' }),
  }),
  z.strictObject({ type: z.literal('Dropout'), ...base, rate: z.number().min(0).lt(1) }),
  z.strictObject({ type: z.literal('ZeroPadding2D'), ...base, padding: z.tuple([z.tuple([nonNegInt, nonNegInt]), z.tuple([nonNegInt, nonNegInt])]) }),
  noParams('Add'),
  z.strictObject({ type: z.literal('Concatenate'), ...base, axis }),
  z.strictObject({
    type: z.literal('Unknown'), ...base, className: z.string().max(MAX_NAME_CHARS), outputShape: shape.nullable(),
    params: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  }),
  z.strictObject({
    type: z.literal('PReLU'), ...base,
    sharedAxes: z.array(z.number().min(1).max(MAX_RANK).int()).min(1).max(MAX_RANK)
      .refine((a) => new Set(a).size === a.length, { message: 'Expected distinct axes' }).nullable(),
  }),
  z.strictObject({ type: z.literal('LayerNormalization'), ...base, axis, epsilon, center: z.boolean(), scale: z.boolean() }),
  z.strictObject({ type: z.literal('Normalization'), ...base, axis, constantStats: z.boolean() }),
]);

// Compile-time check that the schema and the LayerSpec union agree in both directions.
type SchemaLayer = z.infer<typeof layerSpecSchema>;
const _schemaMatchesSpec: [SchemaLayer extends LayerSpec ? true : false, LayerSpec extends SchemaLayer ? true : false] = [true, true];
void _schemaMatchesSpec;

/** Zod schema of a whole FlopLab config. `format` and `version` may be left out (a bare ModelGraph). */
export const flopLabConfigSchema = z.strictObject({
  format: z.literal('floplab').optional(),
  version: z.literal(1).optional(),
  name: z.string().max(MAX_NAME_CHARS),
  layers: z.array(layerSpecSchema).max(MAX_LAYERS),
  layout: z.literal('channels-first').optional(),
});

/** UTF-8 bytes of the model as FlopLab JSON (its config file, without indentation). */
export function modelJsonBytes(graph: ModelGraph): number {
  return new TextEncoder().encode(JSON.stringify(toFlopLabConfigShallow(graph))).length;
}

/** "layers[3].kernelSize[0]" from a zod issue path. */
function pathText(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : `${s ? '.' : ''}${String(p)}`;
  return s || '(top level)';
}

/** The layer name at layers[i] of the raw input, if it has one, for messages. */
function layerNameAt(json: unknown, path: readonly PropertyKey[]): string | null {
  if (path[0] !== 'layers' || typeof path[1] !== 'number') return null;
  const layers = (json as { layers?: unknown }).layers;
  const entry = Array.isArray(layers) ? (layers[path[1]] as unknown) : undefined;
  const name = typeof entry === 'object' && entry !== null ? (entry as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name.length <= MAX_NAME_CHARS ? name : null;
}

/** The raw value at `path` in `json` (undefined if absent). */
function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = json;
  for (const p of path) {
    if (typeof v !== 'object' || v === null || !Object.prototype.hasOwnProperty.call(v, p)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/**
 * Parses and validates a FlopLab config (already JSON-parsed). Returns the ModelGraph, or a
 * 'parse-error' naming the path of the first bad field: "Layer 'conv1' (layers[1].filters): …".
 */
export function parseFlopLabConfig(json: unknown): Result<ModelGraph> {
  try {
    // Count first: a config with 10,000 layers is refused before any of them is checked.
    const layers = typeof json === 'object' && json !== null ? (json as { layers?: unknown }).layers : undefined;
    const tooMany = Array.isArray(layers) ? layerCountProblem(layers.length) : null;
    if (tooMany) return fail({ code: 'parse-error', message: tooMany, field: 'layers' });
    const parsed = flopLabConfigSchema.safeParse(json);
    if (parsed.success) {
      const graph: ModelGraph = {
        name: parsed.data.name, layers: parsed.data.layers, ...(parsed.data.layout ? { layout: parsed.data.layout } : {}),
      };
      const bytes = modelJsonBytes(graph);
      if (bytes > MAX_MODEL_JSON_BYTES) {
        return fail({ code: 'parse-error', message: `Expected the model to be at most ${MAX_MODEL_JSON_BYTES.toLocaleString('en-US')} bytes as JSON (what a share link or the saved work can hold), but it is ${bytes.toLocaleString('en-US')} bytes.` });
      }
      return ok(graph);
    }
    const issue = parsed.error.issues[0];
    const path = pathText(issue.path);
    const layer = layerNameAt(json, issue.path);
    const where = layer ? `Layer '${layer}' (${path})` : path;
    const field = [...issue.path].reverse().find((p) => typeof p === 'string');
    const got = issue.code === 'unrecognized_keys' || issue.path.length === 0 || issue.message.includes('received') ? '' : `, but got ${show(valueAt(json, issue.path))}`;
    return fail({ code: 'parse-error', message: `${where}: ${issue.message}${got}.`, ...(layer ? { layer } : {}), ...(field ? { field } : {}) });
  } catch (e) {
    return fail({ code: 'parse-error', message: `Not a FlopLab config: ${e instanceof Error ? e.message : String(e)}` });
  }
}

/** The FlopLab config file for a graph (a deep, JSON-able copy). */
export function toFlopLabConfig(graph: ModelGraph): FlopLabConfig {
  return { ...toFlopLabConfigShallow(graph), layers: structuredClone(graph.layers) };
}

/** The config's fields in file order (layout only when set, so older files stay byte-identical). */
function toFlopLabConfigShallow(graph: ModelGraph): FlopLabConfig {
  return {
    format: 'floplab', version: 1, name: graph.name, layers: graph.layers,
    ...(graph.layout ? { layout: graph.layout } : {}),
  };
}
