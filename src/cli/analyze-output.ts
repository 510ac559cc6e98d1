/**
 * What `floplab analyze` prints: one JSON object (--json), or a per-layer table with totals.
 */
import type { CostReport, LayerLatency } from '../core/cost-types';
import { formatBytes, formatCount, formatMs, formatShape } from '../core/format';
import type { Shape, ShapeLayout } from '../core/model';
import { displayShape } from '../core/shapes/display-shape';
import { groupDigits, renderTable, type Align } from './table';

/** The device the latency was estimated for. Without bandwidth only the naive estimate exists. */
export interface LatencyDevice {
  id: string | null;
  name: string;
  peakGflops: number;
  bandwidthGBs: number | null;
}

export interface LatencyEstimate {
  device: LatencyDevice;
  naiveMs: number;
  /** Null without a bandwidth (the roofline needs one). */
  rooflineMs: number | null;
  layers: LayerLatency[];
}

const TOTAL_KEYS = ['params', 'trainableParams', 'nonTrainableParams', 'macs', 'flops', 'weightBytes', 'peakActivationBytes'] as const;
type TotalKey = (typeof TOTAL_KEYS)[number];

/**
 * Totals past 2^53, where a double no longer holds every integer. The engine sums them exactly
 * (BigInt) and marks the totals `approximate` when the nearest double is not the exact sum. A
 * total that is still exact is given with all its digits (a double's decimal form would round
 * them: 2^60 prints as 1152921504606847000); one that may not be is listed as approximate.
 */
export function totalsBeyondSafe(t: CostReport['totals']): { exact: Partial<Record<TotalKey, string>>; approximate: TotalKey[] } {
  const exact: Partial<Record<TotalKey, string>> = {};
  const approximate: TotalKey[] = [];
  for (const key of TOTAL_KEYS) {
    const n = t[key];
    if (!(n > Number.MAX_SAFE_INTEGER)) continue;
    if (t.approximate || !Number.isInteger(n)) approximate.push(key);
    else exact[key] = BigInt(n).toString();
  }
  return { exact, approximate };
}

/**
 * The --json object: counts unrounded, shapes without batch, `type` the Keras class name.
 * A model from ONNX (`layout` 'channels-first') gives its shapes C×H×W, as PyTorch does, and says so
 * in `layout`; others are channels-last (H×W×C) and have no `layout`.
 * `latency` only when a device or peak was given; `rooflineMs` only with a bandwidth.
 * A total past 2^53 is also given as exact digits in `exactTotals`, or named in
 * `approximateTotals` (the number is then the nearest double to the true sum).
 */
export function analyzeJson(
  report: CostReport, latency: LatencyEstimate | null, warnings: string[], layout?: ShapeLayout,
): Record<string, unknown> {
  const t = report.totals;
  const beyond = totalsBeyondSafe(t);
  return {
    name: report.name,
    params: t.params,
    trainableParams: t.trainableParams,
    nonTrainableParams: t.nonTrainableParams,
    macs: t.macs,
    flops: t.flops,
    convention: report.convention,
    ...(layout ? { layout } : {}),
    weightBytes: t.weightBytes,
    peakActivationBytes: t.peakActivationBytes,
    ...(Object.keys(beyond.exact).length > 0 ? { exactTotals: beyond.exact } : {}),
    ...(beyond.approximate.length > 0 ? { approximateTotals: beyond.approximate } : {}),
    layers: report.layers.map((l) => ({
      name: l.name, type: l.className, outputShape: displayShape(l.outputShape, layout), params: l.params, macs: l.macs, flops: l.flops,
    })),
    ...(latency ? {
      latency: {
        naiveMs: latency.naiveMs,
        ...(latency.rooflineMs !== null ? { rooflineMs: latency.rooflineMs } : {}),
        device: latency.device,
      },
    } : {}),
    warnings,
  };
}

function latencyColumns(latency: LatencyEstimate | null, index: number): string[] {
  if (!latency) return [];
  const l = latency.layers[index];
  if (latency.rooflineMs === null) return [formatMs(l.naiveMs)];
  return l.bound === 'none' ? ['—', ''] : [formatMs(l.rooflineMs), l.bound];
}

/** A shape in the model's display layout, "8×32×32". */
const shapeText = (shape: Shape, layout: ShapeLayout | undefined) => formatShape(displayShape(shape, layout));

function layerTable(report: CostReport, latency: LatencyEstimate | null, layout: ShapeLayout | undefined): string {
  const header = ['Layer', 'Type', layout === 'channels-first' ? 'Output (C×H×W)' : 'Output', 'Params', 'MACs', 'FLOPs'];
  const align: Align[] = ['left', 'left', 'left', 'right', 'right', 'right'];
  if (latency) {
    header.push(latency.rooflineMs === null ? 'Naive' : 'Roofline');
    align.push('right');
    if (latency.rooflineMs !== null) {
      header.push('Bound');
      align.push('left');
    }
  }
  const rows = report.layers.map((l, i) => [
    l.name, l.className, shapeText(l.outputShape, layout), formatCount(l.params), formatCount(l.macs), formatCount(l.flops),
    ...latencyColumns(latency, i),
  ]);
  return renderTable(header, rows, align);
}

/** Digits in groups of three, from a string of digits (a BigInt's, exact past 2^53). */
const groupDigitString = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A total with all its digits (exact even past 2^53) and its short form; "≈ " when the engine says it is approximate. */
function exactAndHuman(t: CostReport['totals'], key: TotalKey): string {
  const n = t[key];
  if (n < 1000) return groupDigits(n);
  if (!(n > Number.MAX_SAFE_INTEGER)) return `${groupDigits(n)} (${formatCount(n)})`;
  const approximate = totalsBeyondSafe(t).approximate.includes(key);
  return `${approximate ? '≈ ' : ''}${groupDigitString(BigInt(Math.round(n)).toString())} (${approximate ? '≈ ' : ''}${formatCount(n)})${approximate ? ', approximate: past 2^53' : ''}`;
}

function latencyLines(latency: LatencyEstimate): string[] {
  const d = latency.device;
  const rates = `${d.peakGflops.toLocaleString('en-US')} GFLOPS peak${d.bandwidthGBs !== null ? `, ${d.bandwidthGBs.toLocaleString('en-US')} GB/s` : ''}`;
  const lines = [`Latency on ${d.name}: ${rates}; estimates are lower bounds`, `  naive (FLOPs / peak FLOPS)   ${formatMs(latency.naiveMs)}`];
  if (latency.rooflineMs === null) {
    lines.push('  roofline                     needs a bandwidth (--bandwidth-gbs or --device)');
  } else {
    const memoryBound = latency.layers.filter((l) => l.bound === 'memory').length;
    lines.push(`  roofline                     ${formatMs(latency.rooflineMs)}  (${memoryBound} of ${latency.layers.length} layers memory-bound)`);
  }
  return lines;
}

/** The human-readable report: per-layer table, totals, latency, warnings; shapes in `layout` (C×H×W for ONNX). */
export function analyzeText(report: CostReport, latency: LatencyEstimate | null, warnings: string[], layout?: ShapeLayout): string {
  const t = report.totals;
  const convention = report.convention === 'detailed' ? 'detailed (bias, BN, activations, pooling windows)' : 'default (2 × MACs, pooling 1 per output)';
  const totals = [
    `Params               ${exactAndHuman(t, 'params')}  trainable ${groupDigits(t.trainableParams)}, non-trainable ${groupDigits(t.nonTrainableParams)}`,
    `MACs                 ${exactAndHuman(t, 'macs')}`,
    `FLOPs                ${exactAndHuman(t, 'flops')}  convention: ${convention}`,
    `Weights              ${formatBytes(t.weightBytes)} (float32)`,
    `Peak activations     ${formatBytes(t.peakActivationBytes)}`,
  ];
  const sections = [
    `Model '${report.name}': ${report.layers.length} layers, input ${shapeText(report.inputShape, layout)}, output ${shapeText(report.outputShape, layout)}` +
      (layout === 'channels-first' ? ' (shapes channels-first, C×H×W, as PyTorch prints them)' : ''),
    layerTable(report, latency, layout),
    totals.join('\n'),
  ];
  if (latency) sections.push(latencyLines(latency).join('\n'));
  if (warnings.length > 0) sections.push(['Warnings:', ...warnings.map((w) => `  - ${w}`)].join('\n'));
  return sections.join('\n\n') + '\n';
}
