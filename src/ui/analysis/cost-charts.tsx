import { memo, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CostReport, LatencyReport } from '../../core/cost-types';
import { DEFAULT_LIMITS, latencyBars, layerBars, shareByType, type BarLimits, type BarSeries, type LatencySeries } from './chart-data';
import { formatCount, formatMs } from '../../core/format';
import { ChartCard, ROW_PX } from './chart-frame';
import { MountWhenSeen } from './mount-when-seen';
import { LatencyChart, LatencyLegend } from './latency-chart';
import { LayerBarChart } from './layer-bar-chart';
import type { Metric } from './layer-rows';
import { OKABE_ITO } from './palette';
import { TypeSharePie } from './type-share-chart';
import { useLatestWhile, useOnScreen } from './use-when-visible';

export interface CostChartsProps {
  report: CostReport | null;
  latency: LatencyReport | null;
  metric: Metric;
}

const METRIC_UNIT: Record<Metric, string> = { macs: 'MACs', flops: 'FLOPs' };

function leftOutNote(series: BarSeries, unit: string, format: (n: number) => string): string | undefined {
  const { leftOut, bars, nonZeroCount } = series;
  if (!leftOut) return undefined;
  return `The ${bars.length} largest of ${nonZeroCount} layers, in order; the other ${leftOut.count} add up to ${format(leftOut.total)} ${unit}.`;
}

function latencyNote(series: LatencySeries): string {
  const base = 'Naive: FLOPs ÷ peak FLOPS. Roofline: the larger of compute time and memory time (bytes moved ÷ bandwidth).';
  const { leftOut, bars, nonZeroCount } = series;
  if (!leftOut) return base;
  return `${base} The ${bars.length} slowest of ${nonZeroCount} layers, in order; the other ${leftOut.count} take `
    + `${formatMs(leftOut.total.rooflineMs)} roofline, ${formatMs(leftOut.total.naiveMs)} naive.`;
}

/** A tall chart (every layer of a big model) scrolls inside its card instead of stretching the page. */
function Scroll({ on, children }: { on: boolean; children: ReactNode }) {
  return on ? <div className="max-h-[640px] overflow-y-auto pr-1">{children}</div> : <>{children}</>;
}

/**
 * FLOPs (or MACs) and params per layer, share by layer type, latency per layer naive vs roofline.
 * Off screen (below the table) the charts keep their last drawing and catch up when scrolled to:
 * redrawing Recharts on every edit is the costliest part of an edit. Each chart is first built
 * when it comes near the screen (opening the tab builds none of those below the fold).
 */
export const CostCharts = memo(function CostCharts(props: CostChartsProps) {
  const box = useRef<HTMLDivElement>(null);
  const onScreen = useOnScreen(box);
  const report = useLatestWhile(props.report, onScreen);
  const latency = useLatestWhile(props.latency, onScreen);
  const metric = useLatestWhile(props.metric, onScreen);
  return (
    <div ref={box}>
      <ChartsBody report={report} latency={latency} metric={metric} />
    </div>
  );
});

const ChartsBody = memo(function ChartsBody({ report, latency, metric }: CostChartsProps) {
  const [showAll, setShowAll] = useState(false);
  const toggleId = useId();
  const limits: BarLimits = useMemo(() => ({ ...DEFAULT_LIMITS, showAll }), [showAll]);
  const unit = METRIC_UNIT[metric];

  const opsSeries = useMemo(() => report && layerBars(report.layers.map((l) => ({ name: l.name, value: l[metric] })), limits), [report, metric, limits]);
  const paramSeries = useMemo(() => report && layerBars(report.layers.map((l) => ({ name: l.name, value: l.params })), limits), [report, limits]);
  const latencySeries = useMemo(() => latency && latencyBars(latency, limits), [latency, limits]);
  const opsShares = useMemo(() => (report ? shareByType(report, (l) => l[metric]) : []), [report, metric]);
  const paramShares = useMemo(() => (report ? shareByType(report, (l) => l.params) : []), [report]);
  const typeOrder = useMemo(() => [...new Set([...opsShares, ...paramShares].map((s) => s.type))], [opsShares, paramShares]);

  if (!report || !opsSeries || !paramSeries) {
    return <p className="text-base text-slate-600">No figures to chart yet.</p>;
  }
  const manyLayers = [opsSeries, paramSeries, latencySeries].some((s) => s && s.nonZeroCount > DEFAULT_LIMITS.maxBars);
  return (
    <div className="@container flex flex-col gap-4" aria-label="Cost charts" role="group">
      {manyLayers && (
        <label htmlFor={toggleId} className="flex w-fit cursor-pointer items-center gap-2 text-base">
          <input id={toggleId} type="checkbox" className="size-5 accent-blue-800" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
          Show every layer in the charts
        </label>
      )}
      <div className="grid gap-4 @4xl:grid-cols-2">
        <ChartCard title={`${unit} per layer`} note={leftOutNote(opsSeries, unit, formatCount) ?? `Layers with zero ${unit} are left out.`}>
          <Scroll on={showAll && opsSeries.nonZeroCount > DEFAULT_LIMITS.maxBars}>
            <MountWhenSeen heightPx={opsSeries.bars.length * ROW_PX + 70}>
              <LayerBarChart bars={opsSeries.bars} unit={unit} colour={OKABE_ITO.blue} />
            </MountWhenSeen>
          </Scroll>
        </ChartCard>
        <ChartCard title="Parameters per layer" note={leftOutNote(paramSeries, 'parameters', formatCount) ?? 'Layers without weights are left out.'}>
          <Scroll on={showAll && paramSeries.nonZeroCount > DEFAULT_LIMITS.maxBars}>
            <MountWhenSeen heightPx={paramSeries.bars.length * ROW_PX + 70}>
              <LayerBarChart bars={paramSeries.bars} unit="Parameters" colour={OKABE_ITO.bluishGreen} />
            </MountWhenSeen>
          </Scroll>
        </ChartCard>
      </div>
      <ChartCard title="Share by layer type">
        <MountWhenSeen heightPx={200}>
          <div className="grid gap-6 @xl:grid-cols-2">
            <TypeSharePie title={`${unit} by type`} shares={opsShares} unit={unit} typeOrder={typeOrder} />
            <TypeSharePie title="Parameters by type" shares={paramShares} unit="params" typeOrder={typeOrder} />
          </div>
        </MountWhenSeen>
      </ChartCard>
      <ChartCard
        title="Latency per layer on the chosen device"
        note={latencySeries ? latencyNote(latencySeries) : undefined}
      >
        {latencySeries ? (
          <>
            <LatencyLegend />
            <Scroll on={showAll && latencySeries.nonZeroCount > DEFAULT_LIMITS.maxBars}>
              <MountWhenSeen heightPx={latencySeries.bars.length * ROW_PX * 1.5 + 60}>
                <LatencyChart bars={latencySeries.bars} />
              </MountWhenSeen>
            </Scroll>
          </>
        ) : (
          <p className="text-base text-slate-600">Choose a device to estimate latency.</p>
        )}
      </ChartCard>
    </div>
  );
});
