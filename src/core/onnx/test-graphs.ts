/**
 * Test helper: small ONNX graphs written in code (nodes, float initializers, typed inputs), for
 * the cases a PyTorch export does not show on demand: unknown ops, malformed tensors, shared
 * and Identity-wrapped weights, dynamic dims, odd pads. Imported by tests only.
 */
import { create } from '@bufbuild/protobuf';
import { analyzeModel } from '../analyze';
import type { CostReport } from '../cost-types';
import {
  AttributeProto_AttributeType as AT, AttributeProtoSchema, GraphProtoSchema, type AttributeProto, type ModelProto,
  ModelProtoSchema, type NodeProto, NodeProtoSchema, OperatorSetIdProtoSchema, type TensorProto, TensorProtoSchema,
  TensorShapeProto_DimensionSchema, TensorShapeProtoSchema, TypeProto_TensorSchema, TypeProtoSchema, type ValueInfoProto,
  ValueInfoProtoSchema,
} from './gen/onnx_pb';
import { importOnnx } from './import-onnx';
import type { OnnxImport } from './types';

/** An INT or INTS attribute. */
export const attr = (name: string, value: number | number[]): AttributeProto => (Array.isArray(value)
  ? create(AttributeProtoSchema, { name, type: AT.INTS, ints: value.map(BigInt) })
  : create(AttributeProtoSchema, { name, type: AT.INT, i: BigInt(value) }));

/** A FLOAT attribute. */
export const floatAttr = (name: string, f: number): AttributeProto => create(AttributeProtoSchema, { name, type: AT.FLOAT, f });

/** A node; `name` '' leaves it unnamed. */
export const node = (opType: string, input: string[], output: string[], attribute: AttributeProto[] = [], name = ''): NodeProto =>
  create(NodeProtoSchema, { opType, input, output, attribute, name });

/** A float32 value_info; a string dim is a dim_param. */
export function tensorInfo(name: string, dims: (number | string)[]): ValueInfoProto {
  const dim = dims.map((d) => create(TensorShapeProto_DimensionSchema, {
    value: typeof d === 'string' ? { case: 'dimParam', value: d } : { case: 'dimValue', value: BigInt(d) },
  }));
  const tensorType = create(TypeProto_TensorSchema, { elemType: 1, shape: create(TensorShapeProtoSchema, { dim }) });
  return create(ValueInfoProtoSchema, { name, type: create(TypeProtoSchema, { value: { case: 'tensorType', value: tensorType } }) });
}

/** A float32 initializer holding 0, 1, 2, … (raw_data, little-endian). */
export function weight(name: string, dims: number[]): TensorProto {
  const n = dims.reduce((a, b) => a * b, 1);
  const values = Float32Array.from({ length: n }, (_, i) => i);
  return create(TensorProtoSchema, { name, dims: dims.map(BigInt), dataType: 1, rawData: new Uint8Array(values.buffer) });
}

/** An int64 initializer (a shape, axes, pads); `dims` [n] by default, [] for a scalar. */
export function int64s(name: string, values: number[], dims = [values.length]): TensorProto {
  return create(TensorProtoSchema, { name, dims: dims.map(BigInt), dataType: 7, int64Data: values.map(BigInt) });
}

/** The parts of a test graph; absent lists are empty (inputs: x [1, 3, 8, 8]). */
export interface GraphParts {
  nodes: NodeProto[];
  initializers?: TensorProto[];
  inputs?: ValueInfoProto[];
  outputs?: ValueInfoProto[];
  valueInfo?: ValueInfoProto[];
  opset?: number;
}

/** A ModelProto of the parts; the input defaults to x [1, 3, 8, 8], the output to the last node's. */
export function model(parts: GraphParts): ModelProto {
  const last = parts.nodes[parts.nodes.length - 1];
  const graph = create(GraphProtoSchema, {
    name: 'test', node: parts.nodes, initializer: parts.initializers ?? [],
    input: parts.inputs ?? [tensorInfo('x', [1, 3, 8, 8])],
    output: parts.outputs ?? [create(ValueInfoProtoSchema, { name: last.output[0] })],
    valueInfo: parts.valueInfo ?? [],
  });
  return create(ModelProtoSchema, {
    irVersion: 8n, graph, opsetImport: [create(OperatorSetIdProtoSchema, { domain: '', version: BigInt(parts.opset ?? 14) })],
  });
}

/** importOnnx that throws on failure (tests only). */
export function imported(m: ModelProto): OnnxImport {
  const imp = importOnnx(m, 'test.onnx');
  if (!imp.ok) throw new Error(imp.error.message);
  return imp.value;
}

/** The engine's report of an import (tests only); throws when the graph does not analyse. */
export function analysed(imp: OnnxImport): CostReport {
  const r = analyzeModel(imp.graph);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.report;
}
