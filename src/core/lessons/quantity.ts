import type { Formula, CostReport, LayerCost } from '../cost-types';
import type { ModelGraph } from '../model';
import { fail, ok, type Result } from '../result';
import { int8Bytes } from './int8-bytes';
import type { Quantity } from './schema';

/** An engine figure for a lesson: its value and, for one layer, the formula that gave it. */
export interface LessonFigure {
  value: number;
  formula?: Formula;
  /** What it is, e.g. "MACs of c1" or "FLOPs of the model". */
  label: string;
}

const LABELS: Record<Quantity, string> = {
  params: 'parameters', macs: 'MACs', flops: 'FLOPs', weightBytes: 'weight bytes', outputElements: 'output elements',
  int8Bytes: 'bytes at 8 bits',
};

/**
 * A quantity of the model (`layer` absent) or of one layer, read from the analysis report.
 * outputElements is the product of the output shape (the lecture's pooling count (H/S)·(W/S)·D);
 * int8Bytes needs the report's graph (the weight tensors' roles).
 */
export function quantityOf(report: CostReport, quantity: Quantity, layer?: string, graph?: ModelGraph): Result<LessonFigure> {
  if (quantity === 'int8Bytes') return int8Figure(report, layer, graph);
  if (layer === undefined) {
    const value = quantity === 'outputElements' ? elements(report.outputShape) : report.totals[quantity];
    return ok({ value, label: `${LABELS[quantity]} of the model` });
  }
  const cost = report.layers.find((l) => l.name === layer);
  if (!cost) return fail({ code: 'missing-input', message: `Expected the model to have a layer '${layer}', but it has none.`, layer });
  return ok({ value: layerValue(cost, quantity), formula: layerFormula(cost, quantity), label: `${LABELS[quantity]} of ${layer}` });
}

function layerValue(cost: LayerCost, quantity: Exclude<Quantity, 'int8Bytes'>): number {
  switch (quantity) {
    case 'outputElements': return elements(cost.outputShape);
    default: return cost[quantity];
  }
}

function int8Figure(report: CostReport, layer: string | undefined, graph: ModelGraph | undefined): Result<LessonFigure> {
  if (!graph) return fail({ code: 'missing-input', message: 'Expected the model for int8Bytes, but got only its report.' });
  if (layer !== undefined && !report.layers.some((l) => l.name === layer)) {
    return fail({ code: 'missing-input', message: `Expected the model to have a layer '${layer}', but it has none.`, layer });
  }
  const bytes = int8Bytes(graph, layer);
  if (!bytes.ok) return bytes;
  return ok({ value: bytes.value, label: `${LABELS.int8Bytes} of ${layer ?? 'the model'}` });
}

function layerFormula(cost: LayerCost, quantity: Quantity): Formula | undefined {
  if (quantity === 'params' || quantity === 'macs' || quantity === 'flops') return cost.formulas[quantity];
  return undefined;
}

function elements(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * How far a guess was from the answer: the signed relative error (guess − answer) / answer and
 * the factor max/min (≥ 1; Infinity when one side is 0 and the other not).
 */
export function guessError(guess: number, answer: number): { relative: number; factor: number } {
  const relative = answer === 0 ? (guess === 0 ? 0 : Infinity) : (guess - answer) / answer;
  const lo = Math.min(Math.abs(guess), Math.abs(answer));
  const hi = Math.max(Math.abs(guess), Math.abs(answer));
  const factor = hi === 0 ? 1 : lo === 0 ? Infinity : hi / lo;
  return { relative, factor };
}

/**
 * A guess as typed: "1.2M", "30 K", "2,400", "1e6" → a number; null when unreadable.
 * Units K/M/G/T are 1e3…1e12 (FlopLab's counts).
 */
export function parseGuess(text: string): number | null {
  const m = /^\s*([+-]?(?:\d[\d,]*\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([kmgt])?\s*$/i.exec(text.replace(/[\u00a0\u202f ]/g, ''));
  if (!m) return null;
  const base = Number(m[1].replace(/,/g, ''));
  if (!Number.isFinite(base)) return null;
  const unit = m[2] ? { k: 1e3, m: 1e6, g: 1e9, t: 1e12 }[m[2].toLowerCase() as 'k'] : 1;
  return base * unit;
}
