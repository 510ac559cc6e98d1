/**
 * Wiring of a model graph: which layer feeds which, and an execution order.
 * A layer without `inputs` takes the layer listed before it (the Sequential case); explicit
 * `inputs` name inbound layers (residual and branching models).
 */
import type { LayerSpec, ModelGraph } from './model';
import { fail, ok, type FlopLabError, type Result } from './result';
import { expectedError, show, isRecord } from './shapes/checks';

/** The full resolution: every problem found, and the layers that cannot be analysed. */
export interface GraphResolution {
  /** Execution order: topological, keeping list order where the wiring allows. Broken layers included where placeable. */
  order: LayerSpec[];
  /** Inbound layer names per layer name, in input order. */
  inputsOf: Map<string, string[]>;
  errors: FlopLabError[];
  /** Names of layers with a wiring error (they and their dependents cannot be analysed). */
  broken: Set<string>;
}

/** A binary min-heap of list indices: picks the earliest ready layer, so list order is kept. */
class IndexHeap {
  private items: number[] = [];
  get size(): number { return this.items.length; }
  push(v: number): void {
    const a = this.items;
    a.push(v);
    for (let i = a.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (a[p] <= a[i]) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop(): number {
    const a = this.items;
    const top = a[0];
    const last = a.pop() as number;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l] < a[m]) m = l;
        if (r < a.length && a[r] < a[m]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}


/** Inbound names of layer `i`, or an error. `index` maps names to list positions. */
function inboundOf(layers: LayerSpec[], i: number, index: Map<string, number>): Result<string[]> {
  const layer = layers[i];
  const inputs: unknown = layer.inputs;
  if (layer.type === 'InputLayer') {
    if (inputs === undefined || (Array.isArray(inputs) && inputs.length === 0)) return ok([]);
    return fail(expectedError(layer.name, 'invalid-value', 'inputs', 'absent for an InputLayer', show(inputs)));
  }
  if (inputs === undefined) {
    if (i === 0) {
      return fail(expectedError(layer.name, 'missing-input', 'inputs',
        'a layer before it (it is the first layer: start the model with an InputLayer)', 'nothing'));
    }
    return ok([layers[i - 1].name]);
  }
  if (!Array.isArray(inputs) || !inputs.every((n) => typeof n === 'string')) {
    return fail(expectedError(layer.name, 'invalid-value', 'inputs', 'a list of layer names', show(inputs)));
  }
  if (inputs.length === 0) {
    return fail(expectedError(layer.name, 'missing-input', 'inputs', 'at least one layer name', 'an empty list'));
  }
  const missing = inputs.find((n) => !index.has(n));
  if (missing !== undefined) {
    return fail(expectedError(layer.name, 'missing-input', 'inputs', 'names of layers in the model',
      `'${missing}', which does not exist`));
  }
  if (inputs.includes(layer.name)) {
    return fail(expectedError(layer.name, 'cycle', 'inputs', 'other layers (no cycle)', `'${layer.name}' itself`));
  }
  return ok(inputs as string[]);
}

/** Reports each cycle among the layers left after Kahn's algorithm (a cycle or downstream of one). */
function reportCycles(layers: LayerSpec[], left: number[], inbound: number[][], errors: FlopLabError[]): void {
  const isLeft = new Set(left);
  const seen = new Set<number>();
  for (const start of left) {
    const path: number[] = [];
    const onPath = new Map<number, number>();
    let at = start;
    while (!seen.has(at)) {
      seen.add(at);
      onPath.set(at, path.length);
      path.push(at);
      at = inbound[at].find((j) => isLeft.has(j)) as number;
    }
    const from = onPath.get(at);
    if (from === undefined) continue; // runs into a cycle already reported
    const cycle = path.slice(from).reverse().map((j) => layers[j].name);
    const first = cycle[0];
    errors.push(expectedError(first, 'cycle', 'inputs', 'a graph without cycles',
      `the cycle ${[...cycle, first].map((n) => `'${n}'`).join(' → ')}`));
  }
}

/**
 * Resolves the wiring of `graph`, collecting every problem: malformed layers, duplicate names,
 * missing inputs, cycles, no InputLayer. Never throws, even on hostile JSON.
 */
export function resolveGraph(graph: ModelGraph): GraphResolution {
  const errors: FlopLabError[] = [];
  const broken = new Set<string>();
  const rawLayers: unknown = isRecord(graph) ? graph.layers : undefined;
  if (!Array.isArray(rawLayers)) {
    errors.push({ code: 'parse-error', field: 'layers', message: 'Expected the model to have a list of layers, but got none.' });
    return { order: [], inputsOf: new Map(), errors, broken };
  }
  const layers: LayerSpec[] = [];
  const index = new Map<string, number>();
  rawLayers.forEach((raw: unknown, i) => {
    if (!isRecord(raw) || typeof raw.name !== 'string' || raw.name === '') {
      const got = isRecord(raw) ? show(raw.name) : show(raw);
      errors.push({ code: 'invalid-value', field: 'name', message: `Layer #${i + 1}: Expected a layer with a non-empty name, but got ${got}.` });
    } else if (index.has(raw.name)) {
      errors.push(expectedError(raw.name, 'duplicate-name', 'name', 'unique in the model', `a second layer named '${raw.name}'`));
    } else {
      index.set(raw.name, layers.length);
      layers.push(raw as unknown as LayerSpec);
    }
  });
  if (!layers.some((l) => l.type === 'InputLayer')) {
    errors.push({ code: 'no-input-layer', field: 'layers', message: 'The model has no InputLayer: start it with one that gives the input shape.' });
  }
  const inputsOf = new Map<string, string[]>();
  const inbound: number[][] = layers.map((layer, i) => {
    const names = inboundOf(layers, i, index);
    if (!names.ok) {
      errors.push(names.error);
      broken.add(layer.name);
      inputsOf.set(layer.name, []);
      return [];
    }
    inputsOf.set(layer.name, names.value);
    return names.value.map((n) => index.get(n) as number);
  });
  const order = topologicalOrder(layers, inbound, errors, broken);
  return { order, inputsOf, errors, broken };
}

/** Kahn's algorithm with a min-heap on list position; layers in or after a cycle are reported and left out. */
function topologicalOrder(layers: LayerSpec[], inbound: number[][], errors: FlopLabError[], broken: Set<string>): LayerSpec[] {
  const pending = inbound.map((ins) => ins.length);
  const outbound: number[][] = layers.map(() => []);
  inbound.forEach((ins, i) => { for (const j of ins) outbound[j].push(i); });
  const heap = new IndexHeap();
  pending.forEach((n, i) => { if (n === 0) heap.push(i); });
  const order: LayerSpec[] = [];
  while (heap.size > 0) {
    const i = heap.pop();
    order.push(layers[i]);
    for (const k of outbound[i]) if (--pending[k] === 0) heap.push(k);
  }
  if (order.length < layers.length) {
    const left = pending.flatMap((n, i) => (n > 0 ? [i] : []));
    for (const i of left) broken.add(layers[i].name);
    reportCycles(layers, left, inbound, errors);
  }
  return order;
}

/**
 * Resolves implicit and explicit inputs and a topological execution order that keeps list order
 * where possible. Fails with the first problem (see `resolveGraph` for all of them).
 */
export function resolveInputs(graph: ModelGraph): Result<{ order: LayerSpec[]; inputsOf: Map<string, string[]> }> {
  const r = resolveGraph(graph);
  return r.errors.length > 0 ? fail(r.errors[0]) : ok({ order: r.order, inputsOf: r.inputsOf });
}
