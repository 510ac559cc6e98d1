/**
 * Reading a node's attributes by name and type (onnx.proto AttributeProto). A reader collects the
 * first malformed attribute as an error value ("Node 'x' (Conv): Expected attribute pads to be …"),
 * so a mapper reads everything it needs and then checks `problem` once.
 */
import type { FlopLabError } from '../result';
import { AttributeProto_AttributeType as AT, type AttributeProto, type NodeProto, type TensorProto } from './gen/onnx_pb';

/** "Node '/conv1/Conv' (Conv)" for messages. */
export const nodeLabel = (node: NodeProto, index: number): string =>
  `Node '${node.name || `#${index}`}' (${node.opType})`;

/** An error value naming the node and field: "Node 'x' (Conv): Expected <field> to be <expected>, but got <got>." */
export function nodeError(node: NodeProto, index: number, field: string, expected: string, got: string): FlopLabError {
  return {
    code: 'parse-error', field, layer: node.name || undefined,
    message: `${nodeLabel(node, index)}: Expected ${field} to be ${expected}, but got ${got}.`,
  };
}

/** Typed attribute getters with defaults; the first wrong-typed attribute becomes `problem`. */
export interface AttributeReader {
  int(name: string, fallback: number): number;
  ints(name: string, fallback: number[]): number[];
  float(name: string, fallback: number): number;
  /** A list of floats, or null when absent. */
  floats(name: string): number[] | null;
  string(name: string, fallback: string): string;
  tensor(name: string): TensorProto | null;
  has(name: string): boolean;
  problem: FlopLabError | null;
}

const TYPE_NAMES: Partial<Record<AT, string>> = {
  [AT.INT]: 'an integer', [AT.INTS]: 'a list of integers', [AT.FLOAT]: 'a float', [AT.FLOATS]: 'a list of floats', [AT.STRING]: 'a string', [AT.TENSOR]: 'a tensor',
};

/** A reader over `node.attribute`. Integers beyond 2^53 are rounded (they only occur as INT64_MAX bounds). */
export function readAttributes(node: NodeProto, index: number): AttributeReader {
  const byName = new Map<string, AttributeProto>();
  for (const a of node.attribute) byName.set(a.name, a);
  const reader: AttributeReader = {
    problem: null,
    has: (name) => byName.has(name),
    int: (name, fallback) => get(name, AT.INT, (a) => Number(a.i), fallback),
    ints: (name, fallback) => get(name, AT.INTS, (a) => a.ints.map(Number), fallback),
    float: (name, fallback) => get(name, AT.FLOAT, (a) => a.f, fallback),
    floats: (name) => get<number[] | null>(name, AT.FLOATS, (a) => a.floats, null),
    string: (name, fallback) => get(name, AT.STRING, (a) => new TextDecoder().decode(a.s), fallback),
    tensor: (name) => get<TensorProto | null>(name, AT.TENSOR, (a) => a.t ?? null, null),
  };
  function get<T>(name: string, type: AT, read: (a: AttributeProto) => T, fallback: T): T {
    const a = byName.get(name);
    if (a === undefined) return fallback;
    // Old exporters leave `type` unset (UNDEFINED); trust the field then.
    if (a.type !== type && a.type !== AT.UNDEFINED) {
      reader.problem ??= nodeError(node, index, `attribute ${name}`, TYPE_NAMES[type] ?? `type ${type}`, `type ${AT[a.type] ?? a.type}`);
      return fallback;
    }
    return read(a);
  }
  return reader;
}
