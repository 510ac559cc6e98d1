import { formatBytes, formatCount, formatMs } from '../../core/format';
import type { CompressDone } from '../../worker/api';
import { AccuracySummary } from './accuracy-summary';
import { changePercent } from './chart-data';

function Figure({ label, testId, value, text, detail }: { label: string; testId?: string; value?: number; text: string; detail?: string }) {
  return (
    <div className="flex flex-col rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
      <span className="text-sm font-medium text-slate-600">{label}</span>
      <span className="text-xl font-semibold tabular-nums text-slate-900 @2xl:text-2xl" data-testid={testId} data-value={value}>{text}</span>
      {detail && <span className="text-sm text-slate-600">{detail}</span>}
    </div>
  );
}

/** A fraction as a percent with 3 significant digits and never exponent notation: 0.000000312 → "0.0000312 %" (not 3.12e-5 % nor 0.00 %). */
const formatPercentPrecise = (fraction: number) =>
  (fraction === 0 ? '0 %' : `${(fraction * 100).toLocaleString('en-US', { maximumSignificantDigits: 3, useGrouping: false })} %`);

const signedPercent = (p: number) => `${p > 0 ? '+' : p < 0 ? '−' : '±'}${Math.abs(p).toFixed(Math.abs(p) < 10 ? 1 : 0)} %`;

/** The headline figures (with the test contract's data-testids) and the lesson they teach. */
export function ResultsSummary({ result }: { result: CompressDone }) {
  const { before, after, totals, fidelity, latency } = result;
  const sparsity = 1 - kernelDensity(result);
  return (
    <div className="flex flex-col gap-3">
      <div className="grid grid-cols-2 gap-3 @2xl:grid-cols-3 @6xl:grid-cols-6">
        <Figure label="Weights before" text={formatBytes(before.weightBytes)} value={before.weightBytes} testId="before-weight-bytes" detail={`${formatCount(before.params)} params, float32`} />
        <Figure label="Weights after" text={formatBytes(after.weightBytes)} value={after.weightBytes} testId="after-weight-bytes" detail={`${formatCount(after.params)} params`} />
        <Figure label="Compression ratio" text={`${totals.ratio.toFixed(1)}×`} value={totals.ratio} testId="compression-ratio" detail="before ÷ after, in-app format" />
        <Figure
          label="Effective FLOPs (skipping zeros)" text={formatCount(after.effectiveFlops)} value={after.effectiveFlops} testId="after-flops"
          detail={`${signedPercent(changePercent(before.flops, after.effectiveFlops))} vs ${formatCount(before.flops)}`}
        />
        <Figure
          label="Dense-kernel FLOPs" text={formatCount(after.denseFlops)} value={after.denseFlops} testId="after-dense-flops"
          detail={after.denseFlops === before.flops ? 'unchanged: a dense kernel multiplies the zeros too' : `${signedPercent(changePercent(before.flops, after.denseFlops))}: filters removed`}
        />
        {latency ? (
          <Figure
            label={`Measured latency (${latency.backend})`} text={`${formatMs(latency.beforeMs)} → ${formatMs(latency.afterMs)}`}
            value={latency.afterMs} testId="after-latency-ms"
            detail={`${signedPercent(changePercent(latency.beforeMs, latency.afterMs))}, median of ${latency.runs} runs`}
          />
        ) : (
          <Figure label="Measured latency" text="—" detail="not measured" />
        )}
      </div>
      {result.accuracy && <AccuracySummary accuracy={result.accuracy} />}
      {result.accuracyNote && <p className="text-base text-slate-800">{result.accuracyNote}</p>}
      {fidelity && !result.accuracy && (
        <p className="text-base text-slate-800" data-testid="fidelity">
          <strong>Output fidelity{result.weightsSource === 'random' ? ' (random weights, no dataset)' : ' (no dataset for this model)'}</strong> on a fixed probe batch of {fidelity.probeBatch} seeded random inputs:
          relative output error <span data-testid="relative-error" data-value={fidelity.relativeError}>{formatPercentPrecise(fidelity.relativeError)}</span>,
          top-1 agreement <span data-testid="top1-agreement" data-value={fidelity.top1Agreement}>{(fidelity.top1Agreement * 100).toFixed(1)} %</span>.
          {result.weightsSource === 'random' && (
            <span className="text-slate-600"> With random weights this is a weak test: an untrained deep network often gives nearly the same output for every input.</span>
          )}
        </p>
      )}
      <Lesson result={result} sparsity={sparsity} />
    </div>
  );
}

/** Share of nonzero kernel weights over every compressed layer. */
function kernelDensity(result: CompressDone): number {
  let nonzero = 0;
  let all = 0;
  for (const layer of result.perLayer) {
    nonzero += layer.params * (1 - layer.sparsity);
    all += layer.params;
  }
  return all > 0 ? nonzero / all : 1;
}

/** The lecture's point, with this run's numbers: sparsity is storage, not dense-kernel speed. */
function Lesson({ result, sparsity }: { result: CompressDone; sparsity: number }) {
  const { before, after, latency } = result;
  const structured = after.denseFlops < before.flops;
  const latencyChange = latency ? changePercent(latency.beforeMs, latency.afterMs) : 0;
  const latencyText = latency
    ? ` Measured latency went from ${formatMs(latency.beforeMs)} to ${formatMs(latency.afterMs)} (${signedPercent(latencyChange)}).`
    : '';
  // Same dense work, different time: the browser's timing noise, which a user should not read as a speed-up.
  const noiseText = !structured && latency && Math.abs(latencyChange) > 15
    ? ' That difference is timing noise (the tab shares the machine): the dense kernels did exactly the same work.'
    : '';
  return (
    <div role="note" className="rounded-md border-l-4 border-accent bg-accent-light p-3 text-base text-slate-900">
      {structured ? (
        <>
          <strong>Structured pruning changes the graph.</strong> Whole filters were removed, so a dense kernel
          really does less work: {formatCount(before.flops)} → {formatCount(after.denseFlops)} FLOPs.{latencyText}
        </>
      ) : (
        <>
          <strong>Sparse storage is not dense speed.</strong> {(sparsity * 100).toFixed(0)} % of the kernel weights are zero,
          and storage shrank {result.totals.ratio.toFixed(1)}×, but TensorFlow.js's dense kernels still multiply every zero:
          {' '}{formatCount(after.denseFlops)} FLOPs run, although only {formatCount(after.effectiveFlops)} would with a sparse kernel.{latencyText}{noiseText}
          {' '}Only structured pruning (removing filters) makes a dense kernel faster.
        </>
      )}
    </div>
  );
}
