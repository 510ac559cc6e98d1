import { Bar, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import type { LayerCompression } from '../../core/compress/types';
import { formatBytes } from '../../core/format';
import { AXIS_LABEL, ChartCard, hoveredRow, shortLabel, TICK, TooltipBox } from '../analysis/chart-frame';
import { OKABE_ITO } from '../analysis/palette';
import { layerStats, type LayerStat } from './chart-data';
import { ChartLegend } from './chart-legend';

/** Per layer: sparsity (bars, left axis, %) and bits per stored weight (line, right axis). */
export function LayerStatsChart({ perLayer }: { perLayer: readonly LayerCompression[] }) {
  const data = layerStats(perLayer);
  const renderTooltip = (p: TooltipContentProps) => {
    const d = hoveredRow<LayerStat>(p);
    return d ? (
      <TooltipBox heading={d.name} lines={[
        { label: 'Sparsity', text: `${d.sparsityPercent.toFixed(1)} %`, colour: OKABE_ITO.skyBlue },
        { label: 'Bits per weight', text: String(d.bits), colour: OKABE_ITO.vermillion },
        ...(d.clusters !== null ? [{ label: 'Clusters', text: String(d.clusters) }] : []),
        { label: 'Size', text: `${formatBytes(d.bytesBefore)} → ${formatBytes(d.bytesAfter)}` },
      ]} />
    ) : null;
  };
  const bottom = Math.min(120, 16 + 7 * Math.max(...data.map((d) => shortLabel(d.name, 16).length)));
  return (
    <ChartCard title="Per-layer sparsity and bits" note="Bits per stored weight: the codebook index (log₂ k) after sharing, else the quantization bits.">
      <ChartLegend items={[{ label: 'Sparsity (%)', colour: OKABE_ITO.skyBlue }, { label: 'Bits per weight', colour: OKABE_ITO.vermillion }]} />
      <ComposedChart data={data} responsive style={{ width: '100%', height: 280 + bottom }} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
        <CartesianGrid vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="name" tick={{ ...TICK, fontSize: 13 }} angle={-40} textAnchor="end" height={bottom} interval={0} tickFormatter={(n: string) => shortLabel(n, 16)} />
        <YAxis yAxisId="sparsity" domain={[0, 100]} tick={TICK} width={64}
          label={{ value: 'Sparsity (%)', angle: -90, position: 'insideLeft', style: { ...AXIS_LABEL, textAnchor: 'middle' } }} />
        <YAxis yAxisId="bits" orientation="right" domain={[0, 32]} ticks={[0, 4, 8, 16, 32]} tick={TICK} width={64}
          label={{ value: 'Bits per weight', angle: 90, position: 'insideRight', style: { ...AXIS_LABEL, textAnchor: 'middle' } }} />
        <Tooltip content={renderTooltip} cursor={{ fill: '#f1f5f9' }} isAnimationActive={false} />
        <Bar yAxisId="sparsity" dataKey="sparsityPercent" name="Sparsity (%)" fill={OKABE_ITO.skyBlue} isAnimationActive={false} />
        <Line yAxisId="bits" dataKey="bits" name="Bits per weight" stroke={OKABE_ITO.vermillion} strokeWidth={3} dot={{ r: 4 }} isAnimationActive={false} />
      </ComposedChart>
    </ChartCard>
  );
}
