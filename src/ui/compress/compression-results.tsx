import type { CompressDone } from '../../worker/api';
import { BeforeAfterBars } from './before-after-bars';
import { ExportDownload } from './export-download';
import { LayerResultsTable } from './layer-results-table';
import { LayerStatsChart } from './layer-stats-chart';
import { ResultsSummary } from './results-summary';
import { SizeWaterfall } from './size-waterfall';
import { WeightHistogram } from './weight-histogram';

/** Everything a finished compression shows: figures, lesson, charts, per-layer table, export. */
export function CompressionResults({ result }: { result: CompressDone }) {
  return (
    <div className="flex flex-col gap-4" aria-label="Compression results" role="region">
      <p className="text-sm text-slate-700" data-testid="weights-source">
        {result.weightsSource === 'imported'
          ? 'Compressed the weights imported with model.json.'
          : 'Compressed seeded random weights (seed 42): import a model.json with its weights files to compress trained weights.'}
      </p>
      <ResultsSummary result={result} />
      {result.notes.length > 0 && (
        <ul className="list-disc pl-6 text-sm text-slate-700">
          {result.notes.map((n) => <li key={n}>{n}</li>)}
        </ul>
      )}
      <div className="grid gap-4 xl:grid-cols-2">
        <SizeWaterfall stages={result.stages} />
        <BeforeAfterBars result={result} />
        <LayerStatsChart perLayer={result.perLayer} />
        <WeightHistogram perLayer={result.perLayer} />
      </div>
      <LayerResultsTable perLayer={result.perLayer} />
      {result.export && <ExportDownload exported={result.export} inAppBytes={result.after.weightBytes} />}
    </div>
  );
}
