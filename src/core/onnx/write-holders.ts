/**
 * Where a weight of an ONNX import lies when the compressed model is written back: an initializer
 * of the graph, or the `value` tensor of a Constant node, known by the node's output name (as the
 * importer's graph-builder.ts names it; an initializer of the same name wins, as there).
 */
import { create } from '@bufbuild/protobuf';
import { AttributeProto_AttributeType, AttributeProtoSchema, type GraphProto, type NodeProto, type TensorProto } from './gen/onnx_pb';

export type WeightHolder =
  | { kind: 'initializer'; name: string; tensor: TensorProto; index: number }
  | { kind: 'constant'; name: string; tensor: TensorProto; nodeIndex: number };

/** Every initializer and every default-domain Constant node with a tensor `value`, by the name the graph knows it by. */
export function weightHoldersOf(graph: GraphProto): Map<string, WeightHolder> {
  const holders = new Map<string, WeightHolder>();
  graph.node.forEach((node, nodeIndex) => {
    const name = node.output[0];
    if (node.opType !== 'Constant' || !(node.domain === '' || node.domain === 'ai.onnx') || !name) return;
    const tensor = node.attribute.find((a) => a.name === 'value' && a.type === AttributeProto_AttributeType.TENSOR)?.t;
    if (tensor) holders.set(name, { kind: 'constant', name, tensor, nodeIndex });
  });
  graph.initializer.forEach((tensor, index) => holders.set(tensor.name, { kind: 'initializer', name: tensor.name, tensor, index }));
  return holders;
}

/** `node` (a Constant) with its `value` replaced by `tensor`, which keeps the old value's own name; other attributes dropped (a Constant has one). */
export function constantWithValue(node: NodeProto, old: TensorProto, tensor: TensorProto): NodeProto {
  const value = create(AttributeProtoSchema, { name: 'value', type: AttributeProto_AttributeType.TENSOR, t: { ...tensor, name: old.name } });
  return { ...node, attribute: [value] };
}
