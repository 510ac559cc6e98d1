/**
 * Share links: the model, device and view in the URL fragment (#s=v1.…). One table drives both
 * directions (as TensorFlow Playground's state.ts does), but decoding is strict: every field is
 * checked, the graph by the FlopLab config schema, and a damaged or hostile link gives an error
 * value with a message a user can read. Nothing here throws or evaluates link content.
 *
 * Format v1: 'v1.' + base64url(deflate(JSON of { short key: compact value })), fields equal to
 * their defaults left out, layers in the compact form of layer-codec.ts.
 */
import { z } from 'zod';
import { parseFlopLabConfig } from '../core/config-schema';
import { findDevice } from '../core/devices';
import type { FlopConvention } from '../core/cost-types';
import { deviceRatesError } from '../core/latency';
import { layerCountProblem, MAX_NAME_CHARS } from '../core/limits';
import type { ModelGraph } from '../core/model';
import { fail, ok, type Result } from '../core/result';
import { decodeLayers, encodeLayers } from './layer-codec';
import { MAX_INFLATED_BYTES, packText, unpackText } from './packed-text';
import type { Metric, Tab } from './store-types';

/** What a share link (and the saved work) holds. */
export interface ShareState {
  graph: ModelGraph;
  /** The preset the model came from, if any (so the Preset box shows it). */
  presetId: string | null;
  /** A DEVICE_PRESETS id or 'custom'. */
  deviceId: string;
  /** The custom device's figures; null unless deviceId is 'custom'. */
  customDevice: { peakGflops: number; bandwidthGBs: number } | null;
  convention: FlopConvention;
  metric: Metric;
  tab: Tab;
  selectedLayer: string | null;
  /**
   * The sender's model had weights trained (or imported) in their page: a link carries no
   * weights, so the receiver is told they stayed behind. Trained presets open trained instead.
   */
  weightsLeftBehind?: boolean;
}

export const SHARE_VERSION = 'v1';
export const SHARE_PARAM = 's';
/** Longest encoded state accepted: generous for saved work, tiny for memory. */
export const MAX_ENCODED_CHARS = 2 * 1024 * 1024;

interface FieldCodec<V> {
  key: string;
  /** The compact value, or undefined to leave the field out (it equals its default). */
  encode(value: V): unknown;
  /** `raw` is undefined when the field was left out. */
  decode(raw: unknown): Result<V>;
}

const CODECS: { [K in keyof ShareState]: FieldCodec<ShareState[K]> } = {
  graph: { key: 'g', encode: encodeGraph, decode: decodeGraph },
  presetId: nullableText('P', 100),
  deviceId: {
    key: 'd',
    encode: (id) => id,
    decode: (raw) => {
      if (typeof raw !== 'string') return shareError('the device is missing');
      return raw === 'custom' || findDevice(raw) ? ok(raw) : shareError(`it names an unknown device '${clip(raw)}'`);
    },
  },
  customDevice: {
    key: 'c',
    encode: (device) => (device ? [device.peakGflops, device.bandwidthGBs] : undefined),
    decode: (raw) => {
      if (raw === undefined) return ok(null);
      if (!Array.isArray(raw) || raw.length !== 2) return shareError('its custom device figures are not two numbers');
      // The engine's own range check (a denormal peak would make every time Infinity).
      const device = { peakGflops: raw[0] as number, bandwidthGBs: raw[1] as number };
      const refused = deviceRatesError(device);
      return refused ? shareError(`its custom device is refused: ${refused.message}`) : ok(device);
    },
  },
  convention: choice('v', ['default', 'detailed'] as const),
  metric: choice('m', ['macs', 'flops'] as const),
  tab: choice('t', ['analysis', 'compare', 'compress', 'train', 'distill'] as const),
  selectedLayer: nullableText('l', MAX_NAME_CHARS),
  weightsLeftBehind: {
    key: 'w',
    encode: (value) => (value ? 1 : undefined),
    decode: (raw) => (raw === undefined ? ok(undefined) : raw === 1 ? ok(true) : shareError("'w' is not 1")),
  },
};

const compactGraphSchema = z.strictObject({
  n: z.string().max(MAX_NAME_CHARS),
  // Layers stay raw here: layer-codec checks their keys itself (a zod record would drop a
  // '__proto__' key silently instead of refusing it).
  l: z.array(z.unknown()),
  // The display layout, only when set (links made before it existed have none).
  y: z.literal('channels-first').optional(),
});

function encodeGraph(graph: ModelGraph): unknown {
  return { n: graph.name, l: encodeLayers(graph.layers), ...(graph.layout ? { y: graph.layout } : {}) };
}

function decodeGraph(raw: unknown): Result<ModelGraph> {
  // The layer count first, before any layer is expanded or checked (10,000 layers froze the tab).
  const count = typeof raw === 'object' && raw !== null && Array.isArray((raw as { l?: unknown }).l) ? (raw as { l: unknown[] }).l.length : 0;
  const tooMany = layerCountProblem(count);
  if (tooMany) return shareError(`its model is too large: ${tooMany}`);
  const compact = compactGraphSchema.safeParse(raw);
  if (!compact.success) return shareError(`its model is malformed (${describeIssue(compact.error)})`);
  const layers = decodeLayers(compact.data.l);
  if (!layers.ok) return shareError(`its model is malformed: ${layers.error.message}`);
  const graph = parseFlopLabConfig({
    format: 'floplab', version: 1, name: compact.data.n, layers: layers.value, ...(compact.data.y ? { layout: compact.data.y } : {}),
  });
  if (!graph.ok) return shareError(`its model is invalid: ${graph.error.message}`);
  return ok(graph.value);
}

/** A field holding one of `options`; the first is the default (left out). */
function choice<T extends string>(key: string, options: readonly T[]): FieldCodec<T> {
  return {
    key,
    encode: (value) => (value === options[0] ? undefined : value),
    decode: (raw) => {
      if (raw === undefined) return ok(options[0]);
      return options.includes(raw as T) ? ok(raw as T) : shareError(`'${key}' is not one of ${options.join(', ')}`);
    },
  };
}

/** A text field whose default is null (left out). */
function nullableText(key: string, maxLength: number): FieldCodec<string | null> {
  return {
    key,
    encode: (value) => (value === null ? undefined : value),
    decode: (raw) => {
      if (raw === undefined) return ok(null);
      return typeof raw === 'string' && raw.length <= maxLength ? ok(raw) : shareError(`'${key}' is not a short text`);
    },
  };
}

/** The compact, versioned text of `state` (without '#s='). */
export function encodeShareState(state: ShareState): string {
  const compact: Record<string, unknown> = {};
  for (const name of Object.keys(CODECS) as (keyof ShareState)[]) {
    const codec = CODECS[name] as FieldCodec<unknown>;
    const value = codec.encode(state[name]);
    if (value !== undefined) compact[codec.key] = value;
  }
  return `${SHARE_VERSION}.${packText(JSON.stringify(compact))}`;
}

/**
 * The state in a share link. Accepts the encoded text, 's=…' or a whole fragment '#s=…'.
 * Damaged, hostile or foreign input gives { ok: false } with a message; never throws.
 */
export function decodeShareState(fragment: string): Result<ShareState> {
  try {
    return decodeStrict(fragment);
  } catch (error) {
    // Unreachable by design; kept so that a bug below cannot crash the page on a bad link.
    return shareError(`it could not be read (${error instanceof Error ? error.message : 'unknown error'})`);
  }
}

function decodeStrict(fragment: string): Result<ShareState> {
  const encoded = shareParam(fragment) ?? fragment;
  if (encoded.length > MAX_ENCODED_CHARS) return shareError(`it is longer than ${MAX_ENCODED_CHARS} characters`);
  const dot = encoded.indexOf('.');
  const version = dot < 0 ? '' : encoded.slice(0, dot);
  if (version !== SHARE_VERSION) {
    return shareError(/^v\d+$/.test(version) ? `it has version ${version}, this page reads ${SHARE_VERSION}` : 'it is not a FlopLab link');
  }
  const text = unpackText(encoded.slice(dot + 1), MAX_INFLATED_BYTES);
  if (!text.ok) return text;
  let json: unknown;
  try {
    json = JSON.parse(text.value);
  } catch {
    return shareError('its content is not JSON');
  }
  return decodeFields(json);
}

function decodeFields(json: unknown): Result<ShareState> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return shareError('its content is not an object');
  const raw = json as Record<string, unknown>;
  const known = new Set(Object.values(CODECS).map((c) => c.key));
  const stray = Object.keys(raw).find((key) => !known.has(key));
  if (stray !== undefined) return shareError(`it has an unknown field '${clip(stray)}'`);
  const state: Record<string, unknown> = {};
  for (const name of Object.keys(CODECS) as (keyof ShareState)[]) {
    const codec = CODECS[name] as FieldCodec<unknown>;
    const value = codec.decode(Object.hasOwn(raw, codec.key) ? raw[codec.key] : undefined);
    if (!value.ok) return value;
    state[name] = value.value;
  }
  return checkConsistency(state as unknown as ShareState);
}

/** Cross-field rules: custom figures only with the custom device, a selection that exists. */
function checkConsistency(state: ShareState): Result<ShareState> {
  if ((state.deviceId === 'custom') !== (state.customDevice !== null)) {
    return shareError('its custom device figures do not match its device');
  }
  if (state.selectedLayer !== null && !state.graph.layers.some((l) => l.name === state.selectedLayer)) {
    return shareError(`it selects a layer '${clip(state.selectedLayer)}' that the model does not have`);
  }
  return ok(state);
}

/** The value of the 's' parameter in a fragment like '#s=v1.…' (null when absent). */
export function shareParam(fragment: string): string | null {
  const body = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  for (const part of body.split('&')) {
    if (part.startsWith(`${SHARE_PARAM}=`)) return part.slice(SHARE_PARAM.length + 1);
  }
  return null;
}

/** The fragment for `state`: '#s=v1.…'. */
export function shareFragment(state: ShareState): string {
  return `#${SHARE_PARAM}=${encodeShareState(state)}`;
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

/** Link text quoted in a message, cut short so a hostile link cannot flood the page. */
function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function shareError(message: string) {
  return fail({ code: 'parse-error', message });
}
