import type { ReactNode } from 'react';
import type { CostReport, CostTotals, LatencyReport } from '../../core/cost-types';
import type { TrainedInfo } from '../../state/store-types';
import { formatBytes, formatCount, formatMs } from '../../core/format';
import { weightsKey } from '../../state/weights-key';
import { useFlopLab } from '../../state/store';
import { formatExact } from './unit-scale';

export interface TotalsBarProps {
  report: CostReport | null;
  latency: LatencyReport | null;
  /** The graph is broken: the figures are the last valid model's. */
  stale: boolean;
  /** The device the latency is estimated for, e.g. "Raspberry Pi 4 (Cortex-A72 CPU)". */
  deviceName?: string;
  /** Shown instead of the figures when there is no report at all (e.g. an empty model). */
  emptyHint?: string;
  /**
   * An analysis of the current graph is still running (the figures are about to change).
   * Defaults to the store's `analysisPending`.
   */
  pending?: boolean;
}

interface TotalProps {
  testId: string;
  label: string;
  /** Exact unrounded number for data-value; null when unknown. */
  value: number | null;
  /** Human text, e.g. "4.25 M". */
  text: string;
  unit?: string;
  /** Exact figure or split, shown small under the number. */
  detail?: ReactNode;
  title?: string | null;
}

function Total({ testId, label, value, text, unit, detail, title }: TotalProps) {
  return (
    <div className="min-w-0 rounded-lg bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200 xl:px-3 2xl:px-4" title={title ?? undefined}>
      <div className="text-sm font-medium uppercase tracking-wide text-slate-600">{label}</div>
      <div
        data-testid={testId}
        data-value={value === null ? undefined : String(value)}
        className="flex flex-wrap items-baseline gap-x-1.5 text-3xl font-semibold tabular-nums text-slate-900"
      >
        {/* The unit moves under the number when the card is too narrow (six cards at 1280 px
            clipped "30.97 G FLOPs"); the space keeps the text "30.97 G FLOPs" for readers and tests. */}
        <span className="whitespace-nowrap">{text}</span>
        {unit && <>{' '}<span className="whitespace-nowrap text-lg font-medium text-slate-600">{unit}</span></>}
      </div>
      {detail && <div className="mt-0.5 truncate text-sm text-slate-600">{detail}</div>}
    </div>
  );
}

const DASH = '—';

const SOURCES = { preset: 'trained preset', trained: 'trained here', imported: 'imported weights' } as const;

/** Test accuracy of the trained weights on the 2,000 test digits (issue 8). */
function TestAccuracyTotal({ trained }: { trained: TrainedInfo }) {
  return (
    <Total
      testId="test-accuracy" label="Test accuracy" value={trained.accuracy}
      text={`${(trained.accuracy * 100).toFixed(2)} %`} detail={SOURCES[trained.source]}
      title={`Accuracy on the ${trained.examples} test digits (fixed split), ${SOURCES[trained.source]}`}
    />
  );
}

/** "≈ " before a total past 2^53 that is not exact (the engine marks such totals `approximate`). */
const about = (t: CostTotals, n: number): string => (t.approximate && n > Number.MAX_SAFE_INTEGER ? '≈ ' : '');

/** Headline totals, always visible. Large type: this is what a projected classroom reads. */
export function TotalsBar({ report, latency, stale, deviceName, emptyHint, pending }: TotalsBarProps) {
  const storePending = useFlopLab((s) => s.analysisPending);
  // Inline (not accuracy-selectors): a module shared with the lazy views would make the bundler
  // split the page's first chunk, and zod's CSP setting (first import of main.tsx) would then run
  // after the schemas in the split-off chunk were made.
  const trained = useFlopLab((s) => (s.trained !== null && s.trained.key === weightsKey(s.graph) ? s.trained : null));
  const busy = pending ?? storePending;
  const t = report?.totals;
  const shortDevice = deviceName?.replace(/\s*\(.*\)\s*$/, '');
  return (
    // aria-busy: assistive tech (and the e2e tests) wait for "false" before reading the figures,
    // so nothing reads a total that the running analysis is about to replace.
    <section aria-label="Model totals" aria-busy={busy} className="relative">
      {!report && emptyHint && (
        <p role="status" className="mb-2 rounded-md bg-sky-50 px-3 py-1.5 text-base font-medium text-sky-900 ring-1 ring-sky-200">
          {emptyHint}
        </p>
      )}
      {stale && report && (
        <p role="status" className="mb-2 rounded-md bg-amber-100 px-3 py-1.5 text-base font-medium text-amber-900 ring-1 ring-amber-300">
          Showing the last valid model — fix the marked layer to update the figures.
        </p>
      )}
      {/* Seven cards with a test accuracy: four columns below xl (two rows at 1024 px, not three). */}
      <div className={`grid grid-cols-2 gap-3 ${trained ? 'sm:grid-cols-4 xl:grid-cols-7' : 'sm:grid-cols-3 xl:grid-cols-6'} ${stale ? 'opacity-55 grayscale' : ''}`}>
        <Total
          testId="total-params" label="Parameters" value={t?.params ?? null}
          text={t ? about(t, t.params) + formatCount(t.params) : DASH}
          detail={t && (t.nonTrainableParams > 0
            ? `incl. ${formatCount(t.nonTrainableParams)} non-trainable`
            : 'all trainable')}
          title={t && `${formatExact(t.params)} parameters: ${formatExact(t.trainableParams)} trainable, ${formatExact(t.nonTrainableParams)} non-trainable`}
        />
        <Total
          testId="total-macs" label="MACs" value={t?.macs ?? null} text={t ? about(t, t.macs) + formatCount(t.macs) : DASH} unit="MACs"
          detail={t && about(t, t.macs) + formatExact(t.macs)} title={t && `${formatExact(t.macs)} multiply-accumulates`}
        />
        <Total
          testId="total-flops" label="FLOPs" value={t?.flops ?? null} text={t ? about(t, t.flops) + formatCount(t.flops) : DASH} unit="FLOPs"
          detail={report && `${report.convention} convention`} title={t && `${formatExact(t.flops)} floating-point operations`}
        />
        <Total
          testId="total-weight-bytes" label="Weights" value={t?.weightBytes ?? null}
          text={t ? about(t, t.weightBytes) + formatBytes(t.weightBytes) : DASH} detail={t && 'float32'}
          title={t && `${formatExact(t.weightBytes)} bytes`}
        />
        <Total
          testId="total-peak-activation-bytes" label="Peak activations" value={t?.peakActivationBytes ?? null}
          text={t ? about(t, t.peakActivationBytes) + formatBytes(t.peakActivationBytes) : DASH} detail={t && 'largest live set'}
          title={t && `${formatExact(t.peakActivationBytes)} bytes alive at once at the peak`}
        />
        <Total
          testId="latency-estimate-ms" label="Latency (roofline)" value={latency?.rooflineMs ?? null}
          text={latency ? formatMs(latency.rooflineMs) : DASH}
          detail={latency && (shortDevice
            ? <><span data-testid="latency-device" className="block truncate">on {shortDevice}</span><span className="block truncate">naive {formatMs(latency.naiveMs)}</span></>
            : `naive ${formatMs(latency.naiveMs)}`)}
          title={latency && `Roofline estimate ${latency.rooflineMs} ms; naive FLOPs ÷ peak FLOPS ${latency.naiveMs} ms${deviceName ? `, on ${deviceName}` : ''}`}
        />
        {trained && <TestAccuracyTotal trained={trained} />}
      </div>
    </section>
  );
}
