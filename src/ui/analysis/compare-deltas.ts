/**
 * A vs B comparison: total deltas, per-layer deltas (layers matched by name) and the
 * Conv2D ↔ SeparableConv2D swaps with their saving and the 1/Cout + 1/K² ratio filled in.
 */
import type { CostReport, CostTotals, LayerCost } from '../../core/cost-types';
import type { Conv2DSpec, LayerSpec, LayerType, ModelGraph, SeparableConv2DSpec } from '../../core/model';
import { separableRatio } from '../../core/separable';

export interface ComparedModel { graph: ModelGraph; report: CostReport }

export type TotalKey = 'params' | 'macs' | 'flops' | 'weightBytes' | 'peakActivationBytes';

export interface TotalDelta {
  key: TotalKey;
  a: number;
  b: number;
  /** b − a */
  delta: number;
  /** (b − a) / a; null when a is 0 (no meaningful percentage). */
  change: number | null;
}

const TOTAL_KEYS: TotalKey[] = ['params', 'macs', 'flops', 'weightBytes', 'peakActivationBytes'];

/** Δ and relative change of each headline total, B against A. */
export function totalsDeltas(a: CostTotals, b: CostTotals): TotalDelta[] {
  return TOTAL_KEYS.map((key) => {
    const delta = b[key] - a[key];
    return { key, a: a[key], b: b[key], delta, change: a[key] === 0 ? null : delta / a[key] };
  });
}

export type LayerDeltaStatus = 'same' | 'changed' | 'added' | 'removed';

export interface LayerDelta {
  name: string;
  typeA: LayerType | null;
  typeB: LayerType | null;
  paramsA: number | null;
  paramsB: number | null;
  macsA: number | null;
  macsB: number | null;
  flopsA: number | null;
  flopsB: number | null;
  status: LayerDeltaStatus;
}

function statusOf(la: LayerCost | undefined, lb: LayerCost | undefined): LayerDeltaStatus {
  if (!la) return 'added';
  if (!lb) return 'removed';
  const same = la.type === lb.type && la.params === lb.params && la.macs === lb.macs && la.flops === lb.flops
    && la.outputShape.join('×') === lb.outputShape.join('×');
  return same ? 'same' : 'changed';
}

/**
 * One row per layer name in A or B. A's order, with layers only in B inserted after the
 * B-layer they follow (and after any A-only layers there), so a new layer shows where it was added.
 */
export function layerDeltas(a: CostReport, b: CostReport): LayerDelta[] {
  const byNameA = new Map(a.layers.map((l) => [l.name, l]));
  const byNameB = new Map(b.layers.map((l) => [l.name, l]));
  const order = a.layers.map((l) => l.name);
  b.layers.forEach((layer, i) => {
    if (byNameA.has(layer.name)) return;
    let at = (i > 0 ? order.indexOf(b.layers[i - 1].name) : -1) + 1;
    // Like a diff: what was removed there comes first, then what replaced it.
    while (at < order.length && !byNameB.has(order[at])) at += 1;
    order.splice(at, 0, layer.name);
  });
  return order.map((name) => {
    const la = byNameA.get(name);
    const lb = byNameB.get(name);
    return {
      name,
      typeA: la?.type ?? null,
      typeB: lb?.type ?? null,
      paramsA: la?.params ?? null,
      paramsB: lb?.params ?? null,
      macsA: la?.macs ?? null,
      macsB: lb?.macs ?? null,
      flopsA: la?.flops ?? null,
      flopsB: lb?.flops ?? null,
      status: statusOf(la, lb),
    };
  });
}

export interface SeparableSwap {
  /** The layer's name in A. */
  name: string;
  /** Its name in B: the same when matched by name, else the counterpart paired by its job. */
  nameB: string;
  direction: 'to-separable' | 'to-conv';
  kernel: [number, number];
  cin: number;
  cout: number;
  depthMultiplier: number;
  convMacs: number;
  separableMacs: number;
  /** Separable split: depthwise and pointwise MACs (from the engine's formula parts when present). */
  depthwiseMacs: number | null;
  pointwiseMacs: number | null;
  /** A's MACs and B's MACs for this layer. */
  macsBefore: number;
  macsAfter: number;
  /** macsBefore − macsAfter (negative when B is the normal conv). */
  savingMacs: number;
  /** savingMacs / macsBefore */
  savingFraction: number;
  /** separableMacs / convMacs as counted. */
  measuredRatio: number;
  /** M·(1/Cout + 1/(Kh·Kw)) from the hyperparameters alone (M = depth multiplier, usually 1). */
  formulaRatio: number;
  /** Plain text, e.g. "1/Cout + 1/K² = 1/128 + 1/9 = 0.119". */
  formulaText: string;
  /** The same for KaTeX. */
  formulaLatex: string;
}

/** 3 significant digits: 0.11892 → "0.119", 0.02142 → "0.0214". */
export const formatRatio = (r: number): string => String(Number(r.toPrecision(3)));

type ConvLike = Conv2DSpec | SeparableConv2DSpec;
const isConvLike = (s: LayerSpec | undefined): s is ConvLike => s?.type === 'Conv2D' || s?.type === 'SeparableConv2D';

function ratioFormula(kh: number, kw: number, cout: number, m: number) {
  const kk = kh * kw;
  const square = kh === kw;
  const ratio = square && m === 1 ? separableRatio(kh, cout) : m * (1 / cout + 1 / kk);
  const kSym = square ? 'K²' : 'Kh·Kw';
  const kTex = square ? 'K^2' : 'K_h K_w';
  const value = formatRatio(ratio);
  if (m === 1) {
    return {
      ratio,
      text: `1/Cout + 1/${kSym} = 1/${cout} + 1/${kk} = ${value}`,
      latex: `\\frac{1}{C_{out}} + \\frac{1}{${kTex}} = \\frac{1}{${cout}} + \\frac{1}{${kk}} = ${value}`,
    };
  }
  return {
    ratio,
    text: `M·(1/Cout + 1/${kSym}) = ${m}·(1/${cout} + 1/${kk}) = ${value}`,
    latex: `M\\left(\\frac{1}{C_{out}} + \\frac{1}{${kTex}}\\right) = ${m}\\left(\\frac{1}{${cout}} + \\frac{1}{${kk}}\\right) = ${value}`,
  };
}

function partMacs(layer: LayerCost, which: 'depthwise' | 'pointwise'): number | null {
  const part = layer.formulas.macs.parts?.find((p) => p.label.toLowerCase().includes(which));
  return part ? part.formula.value : null;
}

interface Side { spec: ConvLike; cost: LayerCost }

function buildSwap(a: Side, b: Side): SeparableSwap {
  const toSeparable = a.spec.type === 'Conv2D';
  const sep = (toSeparable ? b.spec : a.spec) as SeparableConv2DSpec;
  const sepCost = toSeparable ? b.cost : a.cost;
  const convCost = toSeparable ? a.cost : b.cost;
  const [kh, kw] = sep.kernelSize;
  const inShape = sepCost.inputShapes[0] ?? [];
  const { ratio, text, latex } = ratioFormula(kh, kw, sep.filters, sep.depthMultiplier);
  const saving = a.cost.macs - b.cost.macs;
  return {
    name: a.cost.name,
    nameB: b.cost.name,
    direction: toSeparable ? 'to-separable' : 'to-conv',
    kernel: [kh, kw],
    cin: inShape[inShape.length - 1] ?? 0,
    cout: sep.filters,
    depthMultiplier: sep.depthMultiplier,
    convMacs: convCost.macs,
    separableMacs: sepCost.macs,
    depthwiseMacs: partMacs(sepCost, 'depthwise'),
    pointwiseMacs: partMacs(sepCost, 'pointwise'),
    macsBefore: a.cost.macs,
    macsAfter: b.cost.macs,
    savingMacs: saving,
    savingFraction: a.cost.macs === 0 ? 0 : saving / a.cost.macs,
    measuredRatio: convCost.macs === 0 ? 0 : sepCost.macs / convCost.macs,
    formulaRatio: ratio,
    formulaText: text,
    formulaLatex: latex,
  };
}

function convSides(model: ComparedModel): Side[] {
  const specs = new Map(model.graph.layers.map((l) => [l.name, l]));
  return model.report.layers.flatMap((cost) => {
    const spec = specs.get(cost.name);
    return isConvLike(spec) ? [{ spec, cost }] : [];
  });
}

/** Same job: filters, kernel, strides, padding and input shape, so only the conv kind differs. */
const sameJob = (a: Side, b: Side) =>
  a.spec.type !== b.spec.type
  && a.spec.filters === b.spec.filters
  && a.spec.kernelSize.join() === b.spec.kernelSize.join()
  && a.spec.strides.join() === b.spec.strides.join()
  && a.spec.padding === b.spec.padding
  && (a.cost.inputShapes[0] ?? []).join() === (b.cost.inputShapes[0] ?? []).join();

/**
 * Every layer that is a Conv2D in one model and a SeparableConv2D in the other: first by name
 * ("Make separable" keeps the name); then, among layers found in only one of the models, a Conv2D
 * and a SeparableConv2D doing the same job (the lecture's preset pair names them differently).
 */
export function separableSwaps(a: ComparedModel, b: ComparedModel): SeparableSwap[] {
  const sidesA = convSides(a);
  const sidesB = convSides(b);
  const byNameB = new Map(sidesB.map((s) => [s.cost.name, s]));
  const namesA = new Set(a.report.layers.map((l) => l.name));
  const namesB = new Set(b.report.layers.map((l) => l.name));
  const swaps: SeparableSwap[] = [];
  for (const sa of sidesA) {
    const sb = byNameB.get(sa.cost.name);
    if (sb && sb.spec.type !== sa.spec.type) swaps.push(buildSwap(sa, sb));
  }
  const onlyB = sidesB.filter((s) => !namesA.has(s.cost.name));
  for (const sa of sidesA.filter((s) => !namesB.has(s.cost.name))) {
    const i = onlyB.findIndex((sb) => sameJob(sa, sb));
    if (i >= 0) swaps.push(buildSwap(sa, onlyB.splice(i, 1)[0]));
  }
  return swaps;
}
