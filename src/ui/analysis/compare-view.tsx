import { useId, useMemo, useState } from 'react';
import { formatBytes, formatCount, formatMs } from '../../core/format';
import { estimateLatency, type DeviceRates } from '../../core/latency';
import {
  layerDeltas, separableSwaps, totalsDeltas, type ComparedModel, type LayerDelta, type TotalKey,
} from './compare-deltas';
import { comparedNameOfB } from './compared-name';
import { signed, signedCount, signedPercent } from './delta-text';
import { SwapCard } from './swap-card';
import { formatExact } from './unit-scale';

export interface CompareViewProps {
  /** The pinned model. */
  a: ComparedModel;
  /** The current model. */
  b: ComparedModel;
  /** Optional: the chosen device, to compare latency estimates as well. */
  device?: DeviceRates | null;
}

type RowKey = TotalKey | 'rooflineMs' | 'naiveMs';

const TOTAL_LABEL: Record<RowKey, string> = {
  params: 'Parameters', macs: 'MACs', flops: 'FLOPs', weightBytes: 'Weights', peakActivationBytes: 'Peak activations',
  rooflineMs: 'Latency (roofline)', naiveMs: 'Latency (naive)',
};
const isBytes = (key: RowKey) => key === 'weightBytes' || key === 'peakActivationBytes';
const isMs = (key: RowKey) => key === 'rooflineMs' || key === 'naiveMs';
const formatterOf = (key: RowKey) => (isBytes(key) ? formatBytes : isMs(key) ? formatMs : formatCount);

interface CompareRow { key: RowKey; a: number; b: number; delta: number; change: number | null }

/** Latency rows on the chosen device, in the same shape as the total deltas. */
function latencyRows(a: ComparedModel, b: ComparedModel, device: DeviceRates): CompareRow[] {
  const la = estimateLatency(a.report, device);
  const lb = estimateLatency(b.report, device);
  return (['rooflineMs', 'naiveMs'] as const).map((key) => {
    const delta = lb[key] - la[key];
    return { key, a: la[key], b: lb[key], delta, change: la[key] === 0 ? null : delta / la[key] };
  });
}

/** Down is good (smaller, faster); the arrow and the word carry it, colour only helps. */
function DeltaCell({ delta, text }: { delta: number; text: string }) {
  const tone = delta < 0 ? 'text-emerald-800' : delta > 0 ? 'text-orange-800' : 'text-slate-600';
  const arrow = delta < 0 ? '▼ ' : delta > 0 ? '▲ ' : '';
  return <span className={`tabular-nums font-semibold ${tone}`}>{arrow}{text}</span>;
}

function TotalsTable({ rows }: { rows: CompareRow[] }) {
  // At 1024 px the view column is ~380 px wide: the table scrolls sideways in its own box (a
  // focusable region, so the keyboard can scroll it) instead of being cut off at the right.
  return (
    <div role="region" aria-label="Totals of A and B" tabIndex={0} className="relative overflow-x-auto">
      <table className="w-full border-collapse text-base @xl:text-lg">
        <caption className="sr-only">Totals of A and B with the change</caption>
        <thead>
          <tr className="border-b-2 border-slate-300 text-left text-base">
            <th scope="col" className="py-1 pr-4">Total</th>
            <th scope="col" className="whitespace-nowrap px-3 text-right">A (pinned)</th>
            <th scope="col" className="whitespace-nowrap px-3 text-right">B (current)</th>
            <th scope="col" className="whitespace-nowrap px-3 text-right">Δ (B − A)</th>
            <th scope="col" className="whitespace-nowrap px-3 text-right">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const fmt = formatterOf(r.key);
            return (
              <tr key={r.key} className="border-b border-slate-200" data-testid={`compare-${r.key}`} data-a={r.a} data-b={r.b} data-delta={r.delta}>
                <th scope="row" className="py-1.5 pr-4 text-left font-medium">{TOTAL_LABEL[r.key]}</th>
                <td className="whitespace-nowrap px-3 text-right tabular-nums" title={formatExact(r.a)}>{fmt(r.a)}</td>
                <td className="whitespace-nowrap px-3 text-right tabular-nums" title={formatExact(r.b)}>{fmt(r.b)}</td>
                <td className="whitespace-nowrap px-3 text-right" title={formatExact(r.delta)}>
                  <DeltaCell delta={r.delta} text={signed(r.delta, fmt)} />
                </td>
                <td className="whitespace-nowrap px-3 text-right"><DeltaCell delta={r.delta} text={signedPercent(r.change)} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const STATUS_TEXT: Record<LayerDelta['status'], string> = { same: 'same', changed: 'changed', added: 'only in B', removed: 'only in A' };

function figure(n: number | null): string {
  return n === null ? '—' : formatCount(n);
}

function LayerDeltaTable({ rows }: { rows: LayerDelta[] }) {
  return (
    <div role="region" aria-label="Table of layer differences" tabIndex={0} className="relative max-h-[60vh] overflow-auto rounded-lg ring-1 ring-slate-200">
      <table className="w-full border-collapse bg-white text-base">
        <caption className="sr-only">Per-layer differences between A and B, matched by layer name</caption>
        <thead>
          <tr className="text-left">
            {['Layer', 'Type A → B', 'Params A', 'Params B', 'Δ params', 'MACs A', 'MACs B', 'Δ MACs'].map((h, i) => (
              <th key={h} scope="col" className={`sticky top-0 border-b-2 border-slate-300 bg-white px-2 py-1.5 ${i >= 2 ? 'text-right' : ''}`}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const dParams = (r.paramsB ?? 0) - (r.paramsA ?? 0);
            const dMacs = (r.macsB ?? 0) - (r.macsA ?? 0);
            const types = r.typeA === r.typeB ? r.typeA : `${r.typeA ?? '—'} → ${r.typeB ?? '—'}`;
            return (
              <tr key={r.name} className="border-b border-slate-200" data-layer={r.name} data-status={r.status}>
                <td className="px-2 py-1 font-medium">
                  {r.name}
                  {r.status !== 'changed' && r.status !== 'same' && <span className="ml-2 text-sm text-slate-600">({STATUS_TEXT[r.status]})</span>}
                </td>
                <td className="px-2 py-1">{types}</td>
                <td className="px-2 py-1 text-right tabular-nums">{figure(r.paramsA)}</td>
                <td className="px-2 py-1 text-right tabular-nums">{figure(r.paramsB)}</td>
                <td className="px-2 py-1 text-right"><DeltaCell delta={dParams} text={signedCount(dParams)} /></td>
                <td className="px-2 py-1 text-right tabular-nums">{figure(r.macsA)}</td>
                <td className="px-2 py-1 text-right tabular-nums">{figure(r.macsB)}</td>
                <td className="px-2 py-1 text-right"><DeltaCell delta={dMacs} text={signedCount(dMacs)} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A vs B: totals with Δ and %, each Conv2D ↔ SeparableConv2D swap explained, per-layer deltas. */
export function CompareView({ a, b, device }: CompareViewProps) {
  const [showSame, setShowSame] = useState(false);
  const toggleId = useId();
  const peak = device?.peakGflops;
  const bandwidth = device?.bandwidthGBs;
  const totals = useMemo<CompareRow[]>(() => [
    ...totalsDeltas(a.report.totals, b.report.totals),
    ...(peak && bandwidth ? latencyRows(a, b, { peakGflops: peak, bandwidthGBs: bandwidth }) : []),
  ], [a, b, peak, bandwidth]);
  const swaps = useMemo(() => separableSwaps(a, b), [a, b]);
  const nameB = comparedNameOfB(b.graph, swaps);
  const layers = useMemo(() => layerDeltas(a.report, b.report), [a.report, b.report]);
  const shown = showSame ? layers : layers.filter((l) => l.status !== 'same');
  const conventionsDiffer = a.report.convention !== b.report.convention;
  return (
    // relative: the sr-only table captions (position: absolute) are placed against this box, inside
    // the scrolling tab panel, instead of against the page, where they made the page scroll into blank space.
    <section aria-label="Comparison A vs B" className="@container relative flex flex-col gap-5">
      <p className="text-base text-slate-700">
        <span className="font-semibold">A</span> is the pinned model ({a.report.name}, {a.report.layers.length} layers);{' '}
        <span className="font-semibold">B</span> is the current one (<span data-testid="compare-name-b">{nameB}</span>, {b.report.layers.length} layers). Layers are matched by name (a renamed Conv2D ↔ SeparableConv2D pair by what it computes).
      </p>
      {conventionsDiffer && (
        <p role="note" className="rounded-md bg-amber-100 px-3 py-1.5 text-base text-amber-900">
          A counts FLOPs with the {a.report.convention} convention and B with the {b.report.convention} one: the FLOPs row mixes conventions.
        </p>
      )}
      <TotalsTable rows={totals} />
      <section aria-label="Separable convolutions" className="flex flex-col gap-3">
        <h3 className="text-xl font-semibold">Normal ↔ separable convolutions</h3>
        {swaps.length === 0 ? (
          <p className="text-base text-slate-600">
            No layer changed between Conv2D and SeparableConv2D. Select a Conv2D and press “Make separable”, then compare again.
          </p>
        ) : (
          swaps.map((s) => <SwapCard key={`${s.name}>${s.nameB}`} swap={s} />)
        )}
      </section>
      <section aria-label="Per-layer differences" className="flex flex-col gap-2">
        <div className="flex flex-wrap items-baseline gap-4">
          <h3 className="text-xl font-semibold">Per-layer differences</h3>
          <label htmlFor={toggleId} className="flex cursor-pointer items-center gap-2 text-base">
            <input id={toggleId} type="checkbox" className="size-5 accent-blue-800" checked={showSame} onChange={(e) => setShowSame(e.target.checked)} />
            Show unchanged layers
          </label>
        </div>
        {shown.length === 0 ? <p className="text-base text-slate-600">No layer differs between A and B.</p> : <LayerDeltaTable rows={shown} />}
      </section>
    </section>
  );
}
