/**
 * The state of one ONNX import while nodes are mapped: the engine layers so far, which engine
 * layer carries each ONNX value, who holds each initializer, and the notes that become warnings.
 * It builds the MapContext each op mapper works through (map-context.ts).
 */
import type { LayerSpec } from '../model';
import type { FlopLabError } from '../result';
import { nodeError, readAttributes } from './attributes';
import { AttributeProto_AttributeType as AT, type GraphProto, type TensorProto } from './gen/onnx_pb';
import { toEngineShape, type MapContext, type WeightSpec } from './map-context';
import { NameRegistry } from './names';
import type { ValueTable } from './shape-infer';
import { isFloatType, tensorDataProblem } from './tensors';
import { elementCount } from '../shapes/tensor-shapes';
import type { OnnxWeightSource } from './types';

/** The first layer reading an initializer: its type, all its initializers, the weights it was counted without. */
interface Holder { layer: string; type: LayerSpec['type']; initializers: string[]; dropped: string[] }

/** The layer without one optional weight (a bias, BatchNorm's gamma or beta), or null when it must have it. */
function withoutWeight(layer: LayerSpec, suffix: string): LayerSpec | null {
  if (suffix === 'bias' && 'useBias' in layer) return { ...layer, useBias: false };
  if (layer.type !== 'BatchNormalization') return null;
  if (suffix === 'gamma') return { ...layer, scale: false };
  if (suffix === 'beta') return { ...layer, center: false };
  return null;
}

/** One import's layers, weight sources, value → layer map and notes; see the file comment. */
export class GraphBuilder {
  readonly layers: LayerSpec[] = [];
  readonly weights: OnnxWeightSource[] = [];
  readonly names = new NameRegistry();
  /** The engine layer whose output is each ONNX data value. */
  readonly producer = new Map<string, string>();
  /** Nodes already mapped as part of another (a bias Add fused into its MatMul). */
  readonly absorbed = new Set<number>();
  /** Who holds each initializer (the first layer to use it). */
  readonly holder = new Map<string, Holder>();
  readonly warnings: string[] = [];
  /** [layer, the layer whose weights it uses] */
  readonly shared: [string, string][] = [];
  /** [layer counted without a weight, its suffix, the layer holding that initializer] */
  readonly mergedWeights: [string, string, string][] = [];
  /** [initializer, layer, the other layer holding it]: counted in both. */
  readonly countedTwice: [string, string, string][] = [];
  foldedBatchNorms = 0;
  /** A malformed weight found while emitting (reported after the mapper returns). */
  weightError: FlopLabError | null = null;

  private readonly initializers = new Map<string, TensorProto>();
  /** Constant nodes' tensors by output name (a weight exported as a Constant node): read as initializers, not counted as the file's initializers. */
  readonly constantTensors = new Set<string>();
  /** Identity outputs that are an initializer (PyTorch puts Identity nodes on shared weights). */
  private readonly identityOf = new Map<string, string>();
  /** Transpose outputs that are a 2-D initializer transposed (weights of an export without constant folding). */
  private readonly transposeOf = new Map<string, TensorProto>();
  private readonly readers = new Map<string, number[]>();
  private readonly outputs: Set<string>;

  /** `batch`: dim 0 of the graph inputs (a dynamic batch is 1). */
  constructor(readonly graph: GraphProto, readonly table: ValueTable, readonly opset: number, readonly batch: number) {
    for (const t of graph.initializer) this.initializers.set(t.name, t);
    this.outputs = new Set(graph.output.map((o) => o.name));
    for (const [i, node] of graph.node.entries()) {
      for (const name of node.input) {
        if (name === '') continue;
        const list = this.readers.get(name);
        if (list) list.push(i);
        else this.readers.set(name, [i]);
      }
      const out = node.output[0];
      if (node.opType === 'Constant' && (node.domain === '' || node.domain === 'ai.onnx') && out && !this.initializers.has(out)) {
        const t = node.attribute.find((a) => a.name === 'value' && a.type === AT.TENSOR)?.t;
        if (t) {
          // Named by its output, the name the graph (and a weight source) knows it by.
          this.initializers.set(out, t.name === out ? t : { ...t, name: out });
          this.constantTensors.add(out);
        }
      }
      if (node.opType === 'Identity' && node.input[0] && node.output[0]) {
        const source = this.resolve(node.input[0]);
        if (this.initializers.has(source)) this.identityOf.set(node.output[0], source);
      }
      if (node.opType === 'Transpose' && node.input[0] && node.output[0]) {
        const source = this.initializers.get(this.resolve(node.input[0]));
        const perm = node.attribute.find((a) => a.name === 'perm')?.ints.map(Number) ?? [1, 0];
        if (source?.dims.length === 2 && perm[0] === 1 && perm[1] === 0) this.transposeOf.set(node.output[0], source);
      }
    }
  }

  /** The initializer name behind a value, following Identity nodes; the value's own name otherwise. */
  resolve(name: string): string {
    return this.identityOf.get(name) ?? name;
  }

  /** The initializer behind a value (through Identity nodes), or null. */
  initializer(name: string): TensorProto | null {
    return this.initializers.get(this.resolve(name)) ?? null;
  }

  /** Indices of the nodes reading a value. */
  readersOf(name: string): number[] {
    return this.readers.get(name) ?? [];
  }

  /** Whether the value is one of the graph's outputs. */
  isGraphOutput(name: string): boolean {
    return this.outputs.has(name);
  }

  private claimWeights(layer: LayerSpec, specs: WeightSpec[]): void {
    const names = specs.map((s) => s.initializer.name);
    const first = this.holder.get(names[0]);
    if (first && first.type === layer.type && first.initializers.length === names.length && names.every((n, i) => first.initializers[i] === n)) {
      // The same flags as the layer it shares (a bias it was counted without), so the shapes agree.
      const same = first.dropped.reduce((l, suffix) => withoutWeight(l, suffix) ?? l, layer);
      this.layers.push({ ...same, sharesWeightsOf: first.layer });
      this.shared.push([layer.name, first.layer]);
      return;
    }
    // Exporters merge initializers of equal values (the zero biases of BatchNorms folded at their
    // defaults, the ones and zeros of untrained BatchNorms). The file holds such a value once, so a
    // layer reading a bias, gamma or beta that is already held is counted without it (useBias,
    // scale or center false; MACs do not change). A BatchNorm's moving mean or variance cannot
    // go, but it has the size of gamma and beta: a merged one is counted by dropping the layer's
    // own beta (then gamma) instead, so the total equals the file's. Other weights held twice
    // are counted twice.
    let own = layer;
    const dropped: string[] = [];
    const seen = new Set<string>();
    const merged = (name: string) => this.holder.get(name) ?? (seen.has(name) ? { layer: layer.name } : undefined);
    const kept: WeightSpec[] = [];
    const mergedStats: [string, string, string][] = [];
    for (const s of specs) {
      const name = s.initializer.name;
      const held = merged(name);
      const without = held ? withoutWeight(own, s.suffix) : null;
      seen.add(name);
      if (without) {
        own = without;
        dropped.push(s.suffix);
        this.mergedWeights.push([layer.name, s.suffix, held!.layer]);
        continue;
      }
      if (held && (s.suffix === 'moving_mean' || s.suffix === 'moving_variance')) mergedStats.push([name, s.suffix, held.layer]);
      else if (held) this.countedTwice.push([name, layer.name, held.layer]);
      kept.push(s);
    }
    for (const [name, suffix, of] of mergedStats) {
      const instead = kept.find((k) => k.suffix === 'beta') ?? kept.find((k) => k.suffix === 'gamma');
      const without = instead ? withoutWeight(own, instead.suffix) : null;
      if (!instead || !without) {
        this.countedTwice.push([name, layer.name, of]);
        continue;
      }
      own = without;
      dropped.push(instead.suffix);
      kept.splice(kept.indexOf(instead), 1);
      this.mergedWeights.push([layer.name, suffix, of]);
    }
    for (const s of kept) {
      const problem = tensorDataProblem(s.initializer, elementCount(s.onnxDims), `Layer '${layer.name}'`);
      if (problem) this.weightError ??= { code: 'parse-error', layer: layer.name, field: s.suffix, message: problem };
      this.weights.push({
        kerasName: `${layer.name}/${s.suffix}`, layer: layer.name, initializer: s.initializer.name,
        onnxDims: s.onnxDims, kerasShape: s.perm.map((p) => s.onnxDims[p]), perm: s.perm,
      });
    }
    const holder: Holder = { layer: layer.name, type: layer.type, initializers: names, dropped };
    for (const n of names) if (!this.holder.has(n)) this.holder.set(n, holder);
    this.layers.push(own);
  }

  private claimFloatInputs(inputs: readonly string[], layer: string): number {
    let values = 0;
    for (const input of inputs) {
      const t = input ? this.initializer(input) : null;
      if (!t || this.holder.has(t.name) || this.constantTensors.has(t.name) || !isFloatType(t.dataType)) continue;
      this.holder.set(t.name, { layer, type: 'Unknown', initializers: [t.name], dropped: [] });
      values += elementCount(t.dims.map(Number));
    }
    return values;
  }

  /** The context a mapper works through for node `index`, its main layer named from `baseName`. */
  contextFor(index: number, baseName: string): MapContext {
    const node = this.graph.node[index];
    const values = this.table.values;
    const attrs = readAttributes(node, index);
    const name = this.names.claim(baseName);
    const valueOf = (k: number) => (node.input[k] ? values.get(node.input[k]) ?? null : null);
    const layerOf = (k: number) => (valueOf(k)?.data ? this.producer.get(node.input[k]) ?? null : null);
    return {
      node, index, name, opset: this.opset, attrs,
      input: valueOf,
      inShape: (k) => valueOf(k)?.shape ?? null,
      outShape: (k) => (node.output[k] ? values.get(node.output[k])?.shape ?? null : null),
      layerOf,
      dataLayers: () => node.input.map((_, k) => layerOf(k)).filter((l): l is string => l !== null),
      initializer: (k) => (node.input[k] ? this.initializer(node.input[k]) : null),
      initializerNamed: (n) => this.initializer(n),
      transposedInitializer: (k) => (node.input[k] ? this.transposeOf.get(this.resolve(node.input[k])) ?? null : null),
      shapeOf: (n) => values.get(n)?.shape ?? null,
      engineShape: (onnx) => toEngineShape(onnx, this.batch),
      uniqueName: (base) => this.names.claim(base),
      emit: (layer) => { this.layers.push(layer); },
      emitWithWeights: (layer, specs) => this.claimWeights(layer, specs),
      claimFloatInputs: (layer) => this.claimFloatInputs(node.input, layer),
      produce: (k, layer) => { if (node.output[k]) this.producer.set(node.output[k], layer); },
      passThrough: () => {
        const from = layerOf(0);
        if (from !== null && node.output[0]) this.producer.set(node.output[0], from);
      },
      absorb: (other, layer) => {
        this.absorbed.add(other);
        const out = this.graph.node[other].output[0];
        if (out) this.producer.set(out, layer);
      },
      consumers: (n) => this.readersOf(n),
      isGraphOutput: (n) => this.isGraphOutput(n),
      nodeAt: (i) => this.graph.node[i],
      noteFoldedBatchNorm: () => { this.foldedBatchNorms++; },
      warn: (message) => { this.warnings.push(message); },
      error: (field, expected, got) => nodeError(node, index, field, expected, got),
    };
  }
}
