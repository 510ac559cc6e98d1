/**
 * The FlopLab JSON config (a ModelGraph with `format: 'floplab'`, `version: 1`) as a strict zod
 * schema: every field of every layer type, with ranges. Used for file import and URL shares, so
 * it rejects hostile input with a message naming the bad field's path, and never throws.
 * Graph-level meaning (wiring, shapes) is checked by analyzeModel, not here.
 */
import { z } from 'zod';
import { ACTIVATIONS, type FlopLabConfig, type LayerSpec, type ModelGraph } from './model';
import { fail, ok, type Result } from './result';
import { MAX_DIM, MAX_RANK, show } from './shapes/checks';

/** Most layers a config may hold (a 1,000-layer model is the benchmark; 10× that is plenty). */
export const MAX_LAYERS = 10_000;

// Range before int(): zod 4's int() also checks the safe-integer range, and for 1e308 its
// "expected int to be <=9007199254740991" would hide the real limit from the user.
const posInt = z.number().min(1).max(MAX_DIM).int();
const nonNegInt = z.number().min(0).max(MAX_DIM).int();
const pair = z.tuple([posInt, posInt]);
const shape = z.array(posInt).min(1).max(MAX_RANK);
const padding = z.enum(['valid', 'same']);
const activation = z.enum(ACTIVATIONS);
const layerName = z.string().min(1).max(200);
const base = { name: layerName, inputs: z.array(layerName).max(1000).optional() };
const convCommon = { kernelSize: pair, strides: pair, padding, useBias: z.boolean(), activation };
const noParams = <T extends string>(type: T) => z.strictObject({ type: z.literal(type), ...base });

/** Zod schema of one LayerSpec (discriminated on `type`), strict: unknown fields are refused. */
export const layerSpecSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('InputLayer'), ...base, shape }),
  z.strictObject({ type: z.literal('Conv2D'), ...base, filters: posInt, ...convCommon, dilationRate: pair }),
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
  noParams('GlobalAveragePooling2D'),
  noParams('GlobalMaxPooling2D'),
  z.strictObject({
    type: z.literal('BatchNormalization'), ...base, epsilon: z.number().positive().max(1), center: z.boolean(), scale: z.boolean(),
  }),
  z.strictObject({ type: z.literal('Activation'), ...base, activation }),
  z.strictObject({ type: z.literal('ReLU'), ...base, maxValue: z.number().min(0).max(1e9).nullable() }),
  z.strictObject({ type: z.literal('LeakyReLU'), ...base, alpha: z.number().min(0).max(1e3) }),
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
  z.strictObject({ type: z.literal('Concatenate'), ...base, axis: z.number().int().min(-MAX_RANK - 1).max(MAX_RANK).refine((a) => a !== 0, { message: 'Expected a non-zero axis (0 is the batch)' }) }),
  z.strictObject({ type: z.literal('Unknown'), ...base, className: z.string().max(200), outputShape: shape.nullable() }),
]);

// Compile-time check that the schema and the LayerSpec union agree in both directions.
type SchemaLayer = z.infer<typeof layerSpecSchema>;
const _schemaMatchesSpec: [SchemaLayer extends LayerSpec ? true : false, LayerSpec extends SchemaLayer ? true : false] = [true, true];
void _schemaMatchesSpec;

/** Zod schema of a whole FlopLab config. `format` and `version` may be left out (a bare ModelGraph). */
export const flopLabConfigSchema = z.strictObject({
  format: z.literal('floplab').optional(),
  version: z.literal(1).optional(),
  name: z.string().max(200),
  layers: z.array(layerSpecSchema).max(MAX_LAYERS),
});

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
  return typeof name === 'string' && name.length <= 200 ? name : null;
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
    const parsed = flopLabConfigSchema.safeParse(json);
    if (parsed.success) return ok({ name: parsed.data.name, layers: parsed.data.layers });
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
  return { format: 'floplab', version: 1, name: graph.name, layers: structuredClone(graph.layers) };
}
