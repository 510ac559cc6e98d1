import { memo, type ReactNode } from 'react';
import type { CompressDone } from '../../worker/api';
import { BeforeAfterBars } from './before-after-bars';
import { ExportDownload } from './export-download';
import { LayerResultsTable } from './layer-results-table';
import { LayerStatsChart } from './layer-stats-chart';
import { ResultsSummary } from './results-summary';
import { SizeWaterfall } from './size-waterfall';
import { useRecordCompression } from '../lessons/use-record-compression';
import { useStaggeredReveal } from './use-staggered-reveal';
import { WeightHistogram } from './weight-histogram';

/** Space kept for a chart not drawn yet, so the page does not jump as charts appear. */
function Pending({ height }: { height: number }) {
  return <div aria-hidden="true" className="animate-pulse rounded-lg bg-white ring-1 ring-slate-200" style={{ height }} />;
}

/**
 * Everything a finished compression shows: figures, lesson, charts, per-layer table, export.
 * Memoised (progress updates of a new job do not redraw it) and revealed one section per task.
 */
export const CompressionResults = memo(function CompressionResults({ result }: { result: CompressDone }) {
  // One chart per step (the before/after card holds three), each mounted in its own task.
  const shown = useStaggeredReveal(9, result);
  useRecordCompression(result);
  const sections: [ReactNode, number, number][] = [
    [<SizeWaterfall key="w" stages={result.stages} accuracy={result.accuracy ?? null} />, 380, 2],
    [<BeforeAfterBars key="b" result={result} shown={Math.min(3, shown - 2)} />, 360, 3],
    [<LayerStatsChart key="l" perLayer={result.perLayer} />, 420, 6],
    [<WeightHistogram key="h" perLayer={result.perLayer} />, 520, 7],
  ];
  return (
    <div className="flex flex-col gap-4" aria-label="Compression results" role="region">
      <p className="text-sm text-slate-700" data-testid="weights-source">
        {result.weightsSource === 'imported'
          ? 'Compressed the imported weights.'
          : 'Compressed seeded random weights (seed 42): import a model.json with its weights files, or an .onnx, .keras or .h5 file, to compress trained weights.'}
      </p>
      <ResultsSummary result={result} />
      {result.notes.length > 0 && (
        <ul className="list-disc pl-6 text-sm text-slate-700">
          {result.notes.map((n) => <li key={n}>{n}</li>)}
        </ul>
      )}
      {result.perLayer.length === 0 ? (
        <p role="status" className="text-slate-700">This model has no kernels (Conv2D, Dense, …) to compress.</p>
      ) : (
        <>
          <div className="grid gap-4 @5xl:grid-cols-2">
            {sections.map(([node, height, step], i) => (shown >= step ? node : <Pending key={i} height={height} />))}
          </div>
          {shown >= 8 ? <LayerResultsTable perLayer={result.perLayer} /> : <Pending height={200} />}
        </>
      )}
      {result.onnxExport && <ExportDownload exported={result.onnxExport} inAppBytes={result.after.weightBytes} format="onnx" />}
      {result.export && <ExportDownload exported={result.export} inAppBytes={result.after.weightBytes} />}
    </div>
  );
});
