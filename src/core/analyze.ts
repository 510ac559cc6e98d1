/**
 * The cost engine's entry point: a ModelGraph in, a CostReport (or every error) out.
 * Counting rules: docs/counting.md. Pure and synchronous; runs in the worker and the CLI.
 */
import type { AnalyzeOptions, AnalyzeResult, CostReport, CostTotals, FlopConvention, LayerCost } from './cost-types';
import type { LayerSpec, ModelGraph, Shape } from './model';
import type { FlopLabError } from './result';
import { countFlops } from './count/flops';
import { countMacs, countParams } from './count/params-macs';
import { resolveGraph } from './graph';
import { sharedWeightsProblem, type SharingContext } from './count/shared-weights';
import { groupDigits } from './count/formula';
import { dims, isRecord, show } from './shapes/checks';
import { inferLayerShape } from './shapes/infer-shape';
import { elementCount } from './shapes/tensor-shapes';

/** Bytes per activation element: activations are float32 (docs/counting.md, Memory). */
export const ACTIVATION_BYTES_PER_ELEMENT = 4;

/** Largest bytesPerWeight accepted (float64 is 8; a generous ceiling keeps weight bytes finite). */
export const MAX_BYTES_PER_WEIGHT = 64;

/**
 * A layer's counts must stay exact integers (cost-types.ts). Hostile but well-typed graphs (a chain
 * of Concatenates of 1,000 inputs, a rank-8 input of 1e6-sized dimensions) would otherwise grow
 * past 2^53 (inexact) and on to Infinity (null in JSON; Infinity − Infinity is NaN). Such a layer
 * is an error value; the layers it feeds are skipped, so no dimension can reach Infinity.
 */
function inexactCountError(cost: LayerCost): FlopLabError | null {
  const limit = groupDigits(Number.MAX_SAFE_INTEGER);
  const at = (field: string, expected: string, got: string): FlopLabError => ({
    code: 'invalid-value', layer: cost.name, field,
    message: `Layer '${cost.name}': Expected ${expected} (the largest count FlopLab keeps exact), but got ${got}.`,
  });
  if (!Number.isSafeInteger(cost.activationBytes)) {
    return at('outputShape', `the output to hold at most ${limit} bytes`,
      `${show(cost.activationBytes)} bytes (${dims(cost.outputShape)} float32 elements)`);
  }
  const counts: [string, number][] = [['params', cost.params], ['MACs', cost.macs], ['FLOPs', cost.flops]];
  for (const [field, value] of counts) {
    if (!Number.isSafeInteger(value)) return at(field, `${field} to be at most ${limit}`, show(value));
  }
  return null;
}

function costOf(
  layer: LayerSpec, inputShapes: Shape[], outputShape: Shape, convention: FlopConvention, bytesPerWeight: number,
): LayerCost {
  const params = countParams(layer, inputShapes, outputShape);
  const macs = countMacs(layer, inputShapes, outputShape);
  const flops = countFlops(layer, inputShapes, outputShape, macs, convention);
  const unknown = layer.type === 'Unknown';
  const className = unknown ? layer.className : layer.type;
  return {
    name: layer.name,
    type: layer.type,
    className,
    inputShapes,
    outputShape,
    params: params.formula.value,
    trainableParams: params.trainable,
    nonTrainableParams: params.nonTrainable,
    macs: macs.value,
    flops: flops.value,
    weightBytes: params.formula.value * bytesPerWeight,
    activationBytes: elementCount(outputShape) * ACTIVATION_BYTES_PER_ELEMENT,
    formulas: { params: params.formula, macs, flops },
    warnings: unknown
      ? [params.formula.value > 0
        ? `Layer '${layer.name}': FlopLab does not know the layer type '${className}'; it is counted as zero MACs and FLOPs, and its ${params.formula.value} weights as params.`
        : `Layer '${layer.name}': FlopLab does not know the layer type '${className}'; it is counted as zero cost.`]
      : [],
  };
}

/**
 * Largest sum of activation bytes alive at once along the execution order. A tensor is alive from
 * the step that produces it until its last consumer has run; while a layer runs, its inputs and its
 * output are both alive. Model outputs stay alive to the end: tensors nobody consumes, and those
 * named in `outputs` (a model output that also feeds another layer). The input tensor (InputLayer
 * output) counts. O(layers + edges).
 */
export function peakActivationBytes(
  layers: LayerCost[], inputsOf: Map<string, string[]>, outputs: ReadonlySet<string> = new Set(),
): number {
  const n = layers.length;
  const position = new Map<string, number>();
  for (let i = 0; i < n; i++) position.set(layers[i].name, i);
  const lastUse = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    for (const name of inputsOf.get(layers[i].name) ?? []) {
      const p = position.get(name);
      if (p !== undefined && lastUse[p] < i) lastUse[p] = i;
    }
  }
  for (const name of outputs) {
    const p = position.get(name);
    if (p !== undefined) lastUse[p] = -1; // never freed
  }
  // Tensors freed after each step, as linked lists in typed arrays (no per-step allocation).
  const freedHead = new Int32Array(n).fill(-1);
  const freedNext = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (lastUse[i] >= 0) {
      freedNext[i] = freedHead[lastUse[i]];
      freedHead[lastUse[i]] = i;
    }
  }
  let alive = 0;
  let peak = 0;
  for (let i = 0; i < n; i++) {
    alive += layers[i].activationBytes;
    if (alive > peak) peak = alive;
    for (let j = freedHead[i]; j >= 0; j = freedNext[j]) alive -= layers[j].activationBytes;
  }
  return peak;
}

type SummedKey = 'params' | 'trainableParams' | 'nonTrainableParams' | 'macs' | 'flops' | 'weightBytes' | 'activationBytes';
const SUMMED: SummedKey[] = ['params', 'trainableParams', 'nonTrainableParams', 'macs', 'flops', 'weightBytes', 'activationBytes'];

/**
 * Sums every layer's figures. Each layer's figure is an exact integer at most 2^53, so a total
 * up to 2^53 is exact. A total past it is summed again exactly with BigInt and rounded once to
 * the nearest double; when that double is not the exact sum, the totals say `approximate`.
 */
function totalsOf(layers: LayerCost[], peak: number): CostTotals {
  const t: CostTotals = {
    params: 0, trainableParams: 0, nonTrainableParams: 0, macs: 0, flops: 0, weightBytes: 0,
    activationBytes: 0, peakActivationBytes: peak,
  };
  for (const l of layers) {
    t.params += l.params;
    t.trainableParams += l.trainableParams;
    t.nonTrainableParams += l.nonTrainableParams;
    t.macs += l.macs;
    t.flops += l.flops;
    t.weightBytes += l.weightBytes;
    t.activationBytes += l.activationBytes;
  }
  if (peak > Number.MAX_SAFE_INTEGER) t.approximate = true;
  for (const key of SUMMED) {
    if (t[key] <= Number.MAX_SAFE_INTEGER) continue;
    let exact = 0n;
    let integral = true;
    for (const l of layers) {
      if (Number.isInteger(l[key])) exact += BigInt(l[key]);
      else integral = false; // weightBytes with a fractional bytesPerWeight
    }
    if (!integral) {
      t.approximate = true;
      continue;
    }
    t[key] = Number(exact);
    if (BigInt(t[key]) !== exact) t.approximate = true;
  }
  return t;
}

function optionsError(options: AnalyzeOptions): FlopLabError | null {
  const b = options.bytesPerWeight;
  if (b !== undefined && !(typeof b === 'number' && b > 0 && b <= MAX_BYTES_PER_WEIGHT)) {
    return { code: 'invalid-value', field: 'bytesPerWeight', message: `Expected bytesPerWeight to be a positive number at most ${MAX_BYTES_PER_WEIGHT}, but got ${show(b)}.` };
  }
  const c = options.convention;
  if (c !== undefined && c !== 'default' && c !== 'detailed') {
    return { code: 'invalid-value', field: 'convention', message: `Expected convention to be 'default' or 'detailed', but got ${show(c)}.` };
  }
  return null;
}

/**
 * Analyses a model: shapes, params (trainable / non-trainable), MACs, FLOPs (default or detailed
 * convention), weight bytes (params × bytesPerWeight, default 4), activation bytes (output
 * elements × 4) and peak activation memory, each with its formula. Collects every error (one per
 * broken layer; layers fed by a broken layer are skipped, not reported again). A layer whose
 * output bytes, params, MACs or FLOPs would pass 2^53 is an error too, so every per-layer figure
 * is an exact integer and no total is NaN or Infinity. Never throws.
 */
export function analyzeModel(graph: ModelGraph, options: AnalyzeOptions = {}): AnalyzeResult {
  const opts: AnalyzeOptions = typeof options === 'object' && options !== null ? options : {};
  const badOption = optionsError(opts);
  if (badOption) return { ok: false, errors: [badOption] };
  const convention = opts.convention ?? 'default';
  const bytesPerWeight = opts.bytesPerWeight ?? 4;
  const { order, inputsOf, errors, broken } = resolveGraph(graph);
  const shapes = new Map<string, Shape>();
  const layers: LayerCost[] = [];
  const sharing = sharingContext(graph, broken);
  for (const layer of order) {
    if (broken.has(layer.name)) continue;
    const inputNames = inputsOf.get(layer.name) ?? [];
    const inputShapes: Shape[] = [];
    for (const name of inputNames) {
      const s = shapes.get(name);
      if (s) inputShapes.push(s);
    }
    const failed = (error?: FlopLabError) => {
      if (error) errors.push(error);
      sharing.failed.add(layer.name);
    };
    if (inputShapes.length < inputNames.length) { failed(); continue; } // fed by a broken layer: already reported
    const out = inferLayerShape(layer, inputShapes, inputNames);
    if (!out.ok) { failed(out.error); continue; }
    const shared = sharedWeightsProblem(layer, inputShapes[0] ?? [], sharing);
    if (shared !== null) { failed(shared === 'owner-failed' ? undefined : shared); continue; }
    const cost = costOf(layer, inputShapes, out.value, convention, bytesPerWeight);
    const inexact = inexactCountError(cost);
    if (inexact) { failed(inexact); continue; }
    shapes.set(layer.name, out.value);
    sharing.analysedInputs.set(layer.name, inputShapes[0] ?? []);
    layers.push(cost);
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, report: buildReport(graph, layers, inputsOf, convention) };
}

/** Lookups for `sharesWeightsOf` checks (count/shared-weights.ts), filled while analysing. */
function sharingContext(graph: ModelGraph, broken: ReadonlySet<string>): SharingContext & { analysedInputs: Map<string, Shape>; failed: Set<string> } {
  const positions = new Map<string, number>();
  const byName = new Map<string, LayerSpec>();
  // The graph may be hostile JSON (resolveGraph reports what is wrong with it): look defensively.
  const list: unknown = typeof graph === 'object' && graph !== null ? graph.layers : undefined;
  if (Array.isArray(list)) {
    list.forEach((l: unknown, i) => {
      if (!isRecord(l) || typeof l.name !== 'string' || positions.has(l.name)) return;
      positions.set(l.name, i);
      byName.set(l.name, l as unknown as LayerSpec);
    });
  }
  return { positions, layers: byName, analysedInputs: new Map(), failed: new Set(broken) };
}

/** Names of the layers marked `modelOutput` (consumed by other layers, yet model outputs). */
function modelOutputsOf(layers: LayerCost[], graph: ModelGraph): Set<string> {
  const analysed = new Set(layers.map((l) => l.name));
  const marked = new Set<string>();
  for (const l of graph.layers) if (l.modelOutput === true && analysed.has(l.name)) marked.add(l.name);
  return marked;
}

function buildReport(
  graph: ModelGraph, layers: LayerCost[], inputsOf: Map<string, string[]>, convention: FlopConvention,
): CostReport {
  const input = layers.find((l) => l.type === 'InputLayer');
  const warnings: string[] = [];
  for (const l of layers) for (const w of l.warnings) warnings.push(w);
  return {
    name: typeof graph.name === 'string' ? graph.name : 'model',
    convention,
    inputShape: input ? input.outputShape : [],
    outputShape: layers.length > 0 ? layers[layers.length - 1].outputShape : [],
    layers,
    totals: totalsOf(layers, peakActivationBytes(layers, inputsOf, modelOutputsOf(layers, graph))),
    warnings,
  };
}
