/**
 * Engine layer names for ONNX nodes and inputs. Names must be non-empty, at most MAX_NAME_CHARS
 * and unique; they also name Keras weights ('<layer>/kernel') that TensorFlow.js variables take,
 * which must match /^[A-Za-z0-9][-A-Za-z0-9._/]*$/. PyTorch names nodes by module path
 * ('/layer1/layer1.0/conv1/Conv'); the leading '/' goes, other characters become '_'.
 */
import { MAX_NAME_CHARS } from '../limits';
import type { NodeProto } from './gen/onnx_pb';

/** Room left for suffixes such as '_pad' or '_2' and for the weight suffix in messages. */
const BASE_CHARS = MAX_NAME_CHARS - 24;

/** A name TensorFlow.js accepts for a layer: '' when nothing usable is left. */
export function sanitiseName(raw: string): string {
  return raw.replace(/[^-A-Za-z0-9._/]/g, '_').replace(/^[^A-Za-z0-9]+/, '').replace(/\/+$/, '').slice(0, BASE_CHARS);
}

/**
 * Text from the file made safe to show: control characters (ESC, newlines, C1) and bidirectional
 * overrides become '\u{…}' escapes, so a node name cannot restyle a terminal or reorder a message.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

/** Hands out unique names: a taken name gets '_2', '_3', … */
export class NameRegistry {
  private readonly taken = new Set<string>();

  /** `base` if free, else the first free `base_<n>`. */
  claim(base: string): string {
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base}_${n}`;
    this.taken.add(name);
    return name;
  }
}

/**
 * The base name of each node: its sanitised ONNX name when that is non-empty and no other node's
 * sanitised name is the same, else '<opType>_<index>'.
 */
export function nodeBaseNames(nodes: readonly NodeProto[]): string[] {
  const clean = nodes.map((n) => sanitiseName(n.name));
  const count = new Map<string, number>();
  for (const c of clean) count.set(c, (count.get(c) ?? 0) + 1);
  return clean.map((c, i) => (c !== '' && count.get(c) === 1 ? c : `${sanitiseName(nodes[i].opType) || 'op'}_${i}`));
}
