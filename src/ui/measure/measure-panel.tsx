import { useId } from 'react';
import type { LatencyReport } from '../../core/cost-types';
import type { ModelGraph } from '../../core/model';
import { getWorker } from '../../state/worker-client';
import type { CalibrateResult, MeasureResult } from '../../worker/api';
import { Button } from '../common/button';
import { estimateErrorPercent, formatEstimateError, formatFactor, slowdownFactor } from './estimate-error';
import { formatMs } from '../../core/format';
import { JobProgressBar } from './progress-bar';
import { useWorkerJob } from './use-worker-job';

export interface MeasurePanelProps {
  graph: ModelGraph;
  latency: LatencyReport | null;
  onCalibrated(device: { peakGflops: number; bandwidthGBs: number }): void;
}

/**
 * "Measure in this browser": the worker runs the model with TensorFlow.js and reports the median
 * latency and backend, shown beside the naive and roofline estimates with each one's error.
 * "Calibrate this browser" measures matmul GFLOPS and bandwidth and hands them up as a device.
 */
export function MeasurePanel({ graph, latency, onCalibrated }: MeasurePanelProps) {
  const measure = useWorkerJob<{ graph: ModelGraph; result: MeasureResult }>('measure');
  const calibration = useWorkerJob<CalibrateResult>('calibrate');

  const startMeasure = () => {
    const measuredGraph = graph;
    void measure.start(async (jobId, onProgress) => ({
      graph: measuredGraph,
      result: await getWorker().measureLatency(measuredGraph, { jobId, runs: 10, warmup: 2 }, onProgress),
    }));
  };
  const startCalibrate = () => {
    // The device is set only from a committed result: a calibration cancelled (or left behind
    // by an unmount) while the worker was finishing must not change the device afterwards.
    void calibration.start((jobId, onProgress) => getWorker().calibrate(jobId, onProgress)).then((result) => {
      if (result?.status === 'done') {
        onCalibrated({ peakGflops: round3(result.peakGflops), bandwidthGBs: round3(result.bandwidthGBs) });
      }
    });
  };
  const busy = measure.running || calibration.running;
  // Nothing to run: say why the button is off (a disabled button cannot take the focus, so the
  // reason is on the page beside it, and tied to it for screen readers).
  const emptyModel = graph.layers.length === 0;
  const emptyReasonId = useId();
  const outcome = measure.result;
  const stale = outcome !== null && outcome.graph !== graph;

  return (
    <section aria-labelledby="measure-heading" className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-4">
      <h2 id="measure-heading" className="text-xl font-semibold">Measured in this browser</h2>
      <p className="text-sm text-slate-600">
        The worker builds the model with TensorFlow.js (random weights, seed 42), warms it up, times 10 runs at
        batch 1 and reports the median. The page stays responsive meanwhile.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" onClick={startMeasure} disabled={busy || emptyModel}
          aria-describedby={emptyModel ? emptyReasonId : undefined}>Measure in this browser</Button>
        <Button onClick={startCalibrate} disabled={busy}>Calibrate this browser</Button>
      </div>
      {emptyModel && (
        <p id={emptyReasonId} className="text-sm text-slate-700" data-testid="measure-disabled-reason">
          The model is empty: add layers (or pick a preset) to measure it.
        </p>
      )}
      {measure.running && measure.progress && (
        <JobProgressBar label="Measuring" progress={measure.progress} onCancel={measure.cancel} />
      )}
      {calibration.running && calibration.progress && (
        <JobProgressBar label="Calibrating" progress={calibration.progress} onCancel={calibration.cancel} />
      )}
      {measure.crash && <p role="alert" className="text-error">The worker failed: {measure.crash}</p>}
      {calibration.crash && <p role="alert" className="text-error">The worker failed: {calibration.crash}</p>}
      {measure.cancelled && <p role="status" className="text-slate-700">Measurement cancelled.</p>}
      {calibration.cancelled && <p role="status" className="text-slate-700">Calibration cancelled.</p>}
      {outcome && <MeasureOutcome result={outcome.result} latency={latency} stale={stale} />}
      <CalibrationOutcome result={calibration.result} />
    </section>
  );
}

const round3 = (x: number) => Number(x.toPrecision(3));

function MeasureOutcome({ result, latency, stale }: { result: MeasureResult; latency: LatencyReport | null; stale: boolean }) {
  if (result.status === 'cancelled') return <p role="status" className="text-slate-700">Measurement cancelled.</p>;
  if (result.status === 'refused') {
    return <p role="alert" className="rounded-md bg-error-light p-2 text-error">Cannot run this model in the browser: {result.reason}</p>;
  }
  if (result.status === 'failed') {
    return <p role="alert" className="rounded-md bg-error-light p-2 text-error">Cannot measure: {result.error.message}</p>;
  }
  const rows = [
    { label: 'Naive estimate (FLOPs ÷ peak FLOPS)', ms: latency?.naiveMs ?? null, testId: 'naive-estimate-ms' },
    { label: 'Roofline estimate', ms: latency?.rooflineMs ?? null, testId: 'roofline-estimate-ms' },
  ];
  const min = Math.min(...result.timesMs);
  const max = Math.max(...result.timesMs);
  return (
    <div className="flex flex-col gap-2">
      {stale && (
        <p role="status" className="rounded-md bg-amber-50 p-2 text-sm text-amber-900">
          Measured for an earlier version of the model; measure again to compare.
        </p>
      )}
      <table className="w-full text-left text-base">
        <thead>
          <tr className="border-b border-slate-300 text-sm text-slate-600">
            <th scope="col" className="py-1 font-medium">Latency (batch 1)</th>
            <th scope="col" className="py-1 text-right font-medium">Time</th>
            <th scope="col" className="py-1 text-right font-medium">Error vs measured</th>
            <th scope="col" className="py-1 text-right font-medium">Measured ÷ estimate</th>
          </tr>
        </thead>
        <tbody>
          <tr className="border-b border-slate-200 font-semibold">
            <th scope="row" className="py-1">
              Measured median <span className="font-normal text-slate-600">(<span data-testid="measured-backend">{result.backend}</span> backend, {result.runs} runs)</span>
            </th>
            <td className="py-1 text-right whitespace-nowrap tabular-nums" data-testid="measured-median-ms" data-value={result.medianMs}>{formatMs(result.medianMs)}</td>
            <td className="py-1 text-right text-slate-500">—</td>
            <td className="py-1 text-right text-slate-500">—</td>
          </tr>
          {rows.map((row) => {
            // A measurement of an earlier model says nothing about this model's estimates.
            const error = stale ? null : estimateErrorPercent(row.ms, result.medianMs);
            return (
              <tr key={row.testId} className="border-b border-slate-200">
                <th scope="row" className="py-1 font-normal">{row.label}</th>
                <td className="py-1 text-right whitespace-nowrap tabular-nums" data-testid={row.testId} data-value={row.ms ?? ''}>{row.ms === null ? '—' : formatMs(row.ms)}</td>
                <td className="py-1 text-right whitespace-nowrap tabular-nums" data-testid={`${row.testId}-error`} data-value={error ?? ''}>{formatEstimateError(error)}</td>
                <td className="py-1 text-right tabular-nums">{stale ? '—' : formatFactor(slowdownFactor(row.ms, result.medianMs))}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="text-sm text-slate-600">
        Runs ranged from {formatMs(min)} to {formatMs(max)}. Estimates use the device chosen above;
        calibrate this browser to compare like with like. {result.note ?? ''}
      </p>
    </div>
  );
}

function CalibrationOutcome({ result }: { result: CalibrateResult | null }) {
  if (result === null) return null;
  if (result.status === 'cancelled') return <p role="status" className="text-slate-700">Calibration cancelled.</p>;
  if (result.status === 'failed') return <p role="alert" className="text-error">Calibration failed: {result.error.message}</p>;
  return (
    <p role="status" className="text-sm text-slate-800" data-testid="calibration">
      <strong>This browser</strong> ({result.backend}): {result.peakGflops.toPrecision(3)} GFLOPS
      from {result.matmulSize}×{result.matmulSize} matrix multiplies ({formatMs(result.matmulMs)} each),
      {' '}{result.bandwidthGBs.toPrecision(3)} GB/s from an elementwise add of {(result.addElements / 1e6).toFixed(1)} M floats.
      {' '}Now used as the device for the estimates.
    </p>
  );
}
