/**
 * Reads the wiring of a functional Keras model: a layer entry's `inbound_nodes` in both
 * serialisations, and the model's `input_layers` / `output_layers`.
 *
 * Keras 2 and tfjs-layers: `inbound_nodes: [[['conv1', 0, 0, {}], ['input_1', 0, 0, {}]]]`
 * (one list per call of the layer, one entry per inbound tensor).
 * Keras 3: `inbound_nodes: [{ args: [{ class_name: '__keras_tensor__', config: { shape,
 * keras_history: ['conv1', 0, 0] } }], kwargs: {} }]`; Add/Concatenate get one list argument.
 */
import type { Shape } from '../model';
import { isRecord } from '../shapes/checks';

/** One inbound tensor: the layer that produced it, and its shape (without batch) when Keras 3 recorded it. */
export interface InboundTensor { layer: string; tensorIndex: number; shape: Shape | null }

export type InboundRead = { ok: true; calls: InboundTensor[][] } | { ok: false; message: string };

const isPositiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** The batch-less shape of a Keras 3 tensor config, when every size is known. */
function tensorShape(config: Record<string, unknown>): Shape | null {
  const shape = config.shape;
  if (!Array.isArray(shape) || shape.length < 2) return null;
  const dims = shape.slice(1);
  return dims.every(isPositiveInt) ? (dims as number[]) : null;
}

/** Every Keras 3 `__keras_tensor__` inside a node's args, in order (args may nest lists). */
function collectKeras3Tensors(value: unknown, out: InboundTensor[]): boolean {
  if (Array.isArray(value)) return value.every((item) => collectKeras3Tensors(item, out));
  if (!isRecord(value) || value.class_name !== '__keras_tensor__') return true;
  const config = value.config;
  const history = isRecord(config) ? config.keras_history : undefined;
  if (!isRecord(config) || !Array.isArray(history) || typeof history[0] !== 'string') return false;
  out.push({ layer: history[0], tensorIndex: typeof history[2] === 'number' ? history[2] : 0, shape: tensorShape(config) });
  return true;
}

function readKeras2Node(node: unknown[]): InboundTensor[] | null {
  const tensors: InboundTensor[] = [];
  for (const entry of node) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string') return null;
    tensors.push({ layer: entry[0], tensorIndex: typeof entry[2] === 'number' ? entry[2] : 0, shape: null });
  }
  return tensors;
}

/**
 * The inbound tensors of each call of a layer. Absent or empty `inbound_nodes` is a layer with no
 * inputs (an InputLayer). A malformed entry gives a message saying what was expected.
 */
export function readInboundNodes(inboundNodes: unknown): InboundRead {
  if (inboundNodes === undefined || inboundNodes === null) return { ok: true, calls: [] };
  if (!Array.isArray(inboundNodes)) return { ok: false, message: 'Expected inbound_nodes to be a list' };
  const calls: InboundTensor[][] = [];
  for (const node of inboundNodes) {
    if (Array.isArray(node)) {
      const tensors = readKeras2Node(node);
      if (!tensors) return { ok: false, message: "Expected each inbound node to be a list of ['layer', node, tensor, kwargs]" };
      calls.push(tensors);
    } else if (isRecord(node) && 'args' in node) {
      const tensors: InboundTensor[] = [];
      if (!collectKeras3Tensors(node.args, tensors)) {
        return { ok: false, message: 'Expected each __keras_tensor__ to have config.keras_history [layer, node, tensor]' };
      }
      calls.push(tensors);
    } else {
      return { ok: false, message: 'Expected inbound_nodes entries in Keras 2 (lists) or Keras 3 ({ args }) form' };
    }
  }
  return { ok: true, calls };
}

/**
 * Layer names of `input_layers` / `output_layers`: `[['in', 0, 0], …]`, or Keras 3's single
 * `['in', 0, 0]` for a one-input model. Null when malformed.
 */
export function readEndpointLayers(value: unknown): string[] | null {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return null;
  if (typeof value[0] === 'string') return [value[0]];
  const names: string[] = [];
  for (const item of value) {
    if (!Array.isArray(item) || typeof item[0] !== 'string') return null;
    names.push(item[0]);
  }
  return names;
}
