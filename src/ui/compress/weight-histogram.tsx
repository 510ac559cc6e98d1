import { memo, useMemo, useState } from 'react';
import { Area, CartesianGrid, ComposedChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { LayerCompression } from '../../core/compress/types';
import { AXIS_LABEL, ChartCard, TICK } from '../analysis/chart-frame';
import { OKABE_ITO } from '../analysis/palette';
import { SelectField } from '../common/select-field';
import { histogramPoints } from './chart-data';
import { ChartLegend } from './chart-legend';

const fmt = (v: number) => String(Number(v.toPrecision(3)));

/**
 * One layer's weight distribution before (filled) and after (outline), on a log count axis so
 * the spike of pruned zeros and the k-means spikes do not hide the rest. The pruning threshold
 * (±t) and the codebook's centroids are drawn as vertical lines.
 */
export const WeightHistogram = memo(function WeightHistogram({ perLayer }: { perLayer: readonly LayerCompression[] }) {
  const [chosen, setChosen] = useState<string>(perLayer[0]?.tensor ?? '');
  const layer = perLayer.find((l) => l.tensor === chosen) ?? perLayer[0];
  const data = useMemo(() => (layer ? histogramPoints(layer.histogramBefore, layer.histogramAfter) : []), [layer]);
  if (!layer) return null;
  const centroids = (layer.codebook ?? []).filter((c) => c !== 0);
  return (
    <ChartCard
      title="Weight histogram before and after"
      note={`${layer.name}: ${layer.params.toLocaleString('en-US')} weights, ${(layer.sparsity * 100).toFixed(1)} % zero after.${layer.threshold ? ` Pruning threshold t = ${fmt(layer.threshold)}: every |w| ≤ t became 0.` : ''}`}
    >
      <SelectField
        label="Layer" value={layer.tensor} className="mb-2 max-w-sm"
        options={perLayer.map((l) => ({ value: l.tensor, label: l.name }))} onChange={setChosen}
      />
      <ChartLegend items={[
        { label: 'Before', colour: OKABE_ITO.skyBlue },
        { label: 'After', colour: OKABE_ITO.vermillion },
        ...(layer.threshold ? [{ label: 'Pruning threshold ±t', colour: '#0f172a', dashed: true }] : []),
        ...(centroids.length ? [{ label: 'k-means centroids', colour: OKABE_ITO.bluishGreen, dashed: true }] : []),
      ]} />
      <ComposedChart data={data} responsive style={{ width: '100%', height: 320 }} margin={{ top: 8, right: 32, bottom: 28, left: 8 }}>
        <CartesianGrid stroke="#e2e8f0" />
        <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} tick={TICK} interval={0} tickFormatter={fmt}
          label={{ value: 'Weight value', position: 'insideBottom', offset: -18, style: AXIS_LABEL }} />
        <YAxis scale="log" domain={[1, (max: number) => 10 ** Math.ceil(Math.log10(Math.max(10, max)))]} allowDataOverflow tick={TICK} width={64} tickFormatter={fmt}
          label={{ value: 'Count (log scale)', angle: -90, position: 'insideLeft', style: { ...AXIS_LABEL, textAnchor: 'middle' } }} />
        <Tooltip isAnimationActive={false} labelFormatter={(x) => `Weight ≈ ${fmt(Number(x))}`} formatter={(v) => (Number(v) < 1 ? 0 : Number(v))} />
        <Area type="step" dataKey="before" name="Before" stroke={OKABE_ITO.blue} fill={OKABE_ITO.skyBlue} fillOpacity={0.35} isAnimationActive={false} />
        <Area type="step" dataKey="after" name="After" stroke={OKABE_ITO.vermillion} strokeWidth={2} fill="none" isAnimationActive={false} />
        {layer.threshold !== undefined && layer.threshold > 0 && [-layer.threshold, layer.threshold].map((t) => (
          <ReferenceLine key={`t${t}`} x={t} stroke="#0f172a" strokeDasharray="6 4" strokeWidth={2} />
        ))}
        {centroids.map((c, i) => (
          <ReferenceLine key={`c${i}`} x={c} stroke={OKABE_ITO.bluishGreen} strokeDasharray="2 3" strokeWidth={1.5} />
        ))}
      </ComposedChart>
      <Codebook layer={layer} />
    </ChartCard>
  );
});

/** The shared values of the layer (k-means centroids), as the index → value table they are. */
function Codebook({ layer }: { layer: LayerCompression }) {
  if (!layer.codebook) return <p className="mt-2 text-sm text-slate-600">No codebook: weight sharing did not run on this layer.</p>;
  return (
    <div className="mt-2">
      <h4 className="font-semibold">Codebook of {layer.name} ({layer.codebook.length} centroids, {Math.ceil(Math.log2(Math.max(2, layer.codebook.length)))}-bit indices)</h4>
      {/*
        Chip colours in sRGB hex (WCAG 2 contrast, (L1 + 0.05) / (L2 + 0.05) with relative luminance L):
        background #f1f5f9 (L = 0.9085); index #475569 (L = 0.0886): 0.9585 / 0.1386 = 6.92 : 1;
        value #0f172a (L = 0.0088): 0.9585 / 0.0588 = 16.3 : 1. Both clear the 4.5 : 1 that small text
        needs (the old slate-500 index on slate-100 was 4.3 : 1).
      */}
      <ol aria-label={`Codebook of ${layer.name}`} className="mt-1 flex flex-wrap gap-1 font-mono text-sm">
        {layer.codebook.map((value, i) => (
          <li key={i} className="rounded bg-[#f1f5f9] px-1.5 py-0.5 tabular-nums text-[#0f172a]">
            <span className="text-[#475569]">{i}:</span> {value.toPrecision(3)}
          </li>
        ))}
      </ol>
    </div>
  );
}
