import type { CostReport } from '../cost-types';
import { formatBytes, formatMs, formatShape } from '../format';
import type { ModelGraph } from '../model';
import { separableRatio } from '../separable';
import { QUANTITIES, type Quantity } from './schema';
import { quantityOf } from './quantity';

/** What a step's figures are computed from: the live model's report and the chosen device. */
export interface TemplateContext {
  report: CostReport;
  /** The graph the report is of (kernel sizes for {{ratio}}). */
  graph: ModelGraph;
  device?: { name: string; peakGflops: number; naiveMs: number; rooflineMs: number };
}

/** A piece of a filled-in text: plain text, or a figure the engine computed (marked in the UI). */
export type TextPiece = { kind: 'text'; text: string } | { kind: 'figure'; text: string } | { kind: 'missing'; text: string; reason: string };

const TEMPLATE = /\{\{\s*([a-zA-Z]+)(?::([^}]+))?\s*\}\}/g;

/**
 * Fills a step's text. Templates: {{macs}} / {{macs:conv1}} (any quantity, counts with digit
 * grouping, weightBytes as bytes), {{shape:conv1}}, {{ratio:conv1}} (a convolution's separable
 * cost ratio 1/Cout + 1/K², Chollet 2017 / MobileNets §3.1) and {{saving:conv1}} (1 − ratio as a
 * percentage), {{device}}, {{gflops}}, {{naiveMs}}, {{rooflineMs}}. An unknown template or layer
 * becomes a 'missing' piece with the reason, never a thrown error.
 */
export function fillTemplate(text: string, context: TemplateContext): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const m of text.matchAll(TEMPLATE)) {
    if (m.index > last) pieces.push({ kind: 'text', text: text.slice(last, m.index) });
    pieces.push(figure(m[1], m[2]?.trim(), context));
    last = m.index + m[0].length;
  }
  if (last < text.length) pieces.push({ kind: 'text', text: text.slice(last) });
  return pieces;
}

/** The filled-in text as one string (tests, screen-reader labels). */
export function fillTemplateText(text: string, context: TemplateContext): string {
  return fillTemplate(text, context).map((p) => p.text).join('');
}

/** Every template in a text that cannot be filled in on this report (lesson checks). */
export function missingFigures(text: string, context: TemplateContext): string[] {
  return fillTemplate(text, context).flatMap((p) => (p.kind === 'missing' ? [p.reason] : []));
}

/** A count with digit grouping: 122304 → "122,304". */
export function groupDigits(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—';
}

function figure(name: string, arg: string | undefined, context: TemplateContext): TextPiece {
  const missing = (reason: string): TextPiece => ({ kind: 'missing', text: '?', reason });
  const { report, device } = context;
  if ((QUANTITIES as readonly string[]).includes(name)) {
    const q = quantityOf(report, name as Quantity, arg, context.graph);
    if (!q.ok) return missing(q.error.message);
    return { kind: 'figure', text: name === 'weightBytes' || name === 'int8Bytes' ? formatBytes(q.value.value) : groupDigits(q.value.value) };
  }
  if (name === 'device' || name === 'gflops' || name === 'naiveMs' || name === 'rooflineMs') {
    if (!device) return missing(`Expected a device for {{${name}}}, but none is chosen.`);
    const text = name === 'device' ? device.name : name === 'gflops' ? groupDigits(device.peakGflops) : formatMs(device[name]);
    return { kind: 'figure', text };
  }
  const layer = arg === undefined ? undefined : report.layers.find((l) => l.name === arg);
  if (!layer) return missing(`Expected {{${name}${arg ? `:${arg}` : ''}}} to name a layer of the model.`);
  if (name === 'shape') return { kind: 'figure', text: formatShape(layer.outputShape) };
  if (name === 'ratio' || name === 'saving') {
    const cout = layer.outputShape[layer.outputShape.length - 1];
    const k = kernelOf(layer.name, context.graph);
    if (k === null) return missing(`Expected layer '${layer.name}' to be a convolution for {{${name}}}.`);
    const ratio = separableRatio(k, cout);
    return { kind: 'figure', text: name === 'ratio' ? `1/${cout} + 1/${k}² ≈ ${ratio.toFixed(3)}` : `${((1 - ratio) * 100).toFixed(1)} %` };
  }
  return missing(`Expected a known template, but got {{${name}}}.`);
}

/** The kernel size K of a square-kernel convolution of the graph (null otherwise). */
function kernelOf(name: string, graph: ModelGraph): number | null {
  const spec = graph.layers.find((l) => l.name === name);
  if (!spec || (spec.type !== 'Conv2D' && spec.type !== 'SeparableConv2D')) return null;
  const [kh, kw] = spec.kernelSize;
  return kh === kw ? kh : null;
}
