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
 * B-layer they follow, so a new layer shows where it was added.
 */
export function layerDeltas(a: CostReport, b: CostReport): LayerDelta[] {
  const byNameA = new Map(a.layers.map((l) => [l.name, l]));
  const byNameB = new Map(b.layers.map((l) => [l.name, l]));
  const order = a.layers.map((l) => l.name);
  b.layers.forEach((layer, i) => {
    if (byNameA.has(layer.name)) return;
    const previous = i > 0 ? order.indexOf(b.layers[i - 1].name) : -1;
    order.splice(previous + 1, 0, layer.name);
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
  name: string;
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

/** Every layer that is a Conv2D in one model and a SeparableConv2D of the same name in the other. */
export function separableSwaps(a: ComparedModel, b: ComparedModel): SeparableSwap[] {
  const specA = new Map(a.graph.layers.map((l) => [l.name, l]));
  const costB = new Map(b.report.layers.map((l) => [l.name, l]));
  const swaps: SeparableSwap[] = [];
  for (const costA of a.report.layers) {
    const lb = costB.get(costA.name);
    const sa = specA.get(costA.name);
    const sb = b.graph.layers.find((l) => l.name === costA.name);
    if (!lb || !isConvLike(sa) || !isConvLike(sb) || sa.type === sb.type) continue;
    const toSeparable = sa.type === 'Conv2D';
    const sep = (toSeparable ? sb : sa) as SeparableConv2DSpec;
    const sepCost = toSeparable ? lb : costA;
    const convCost = toSeparable ? costA : lb;
    const [kh, kw] = sep.kernelSize;
    const inShape = sepCost.inputShapes[0] ?? [];
    const { ratio, text, latex } = ratioFormula(kh, kw, sep.filters, sep.depthMultiplier);
    const saving = costA.macs - lb.macs;
    swaps.push({
      name: costA.name,
      direction: toSeparable ? 'to-separable' : 'to-conv',
      kernel: [kh, kw],
      cin: inShape[inShape.length - 1] ?? 0,
      cout: sep.filters,
      depthMultiplier: sep.depthMultiplier,
      convMacs: convCost.macs,
      separableMacs: sepCost.macs,
      depthwiseMacs: partMacs(sepCost, 'depthwise'),
      pointwiseMacs: partMacs(sepCost, 'pointwise'),
      macsBefore: costA.macs,
      macsAfter: lb.macs,
      savingMacs: saving,
      savingFraction: costA.macs === 0 ? 0 : saving / costA.macs,
      measuredRatio: convCost.macs === 0 ? 0 : sepCost.macs / convCost.macs,
      formulaRatio: ratio,
      formulaText: text,
      formulaLatex: latex,
    });
  }
  return swaps;
}
