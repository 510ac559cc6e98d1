/**
 * "Reproduce Deep Compression" (issue 8): Han et al. 2016's pipeline on the trained
 * LeNet-300-100 — prune to 8 / 9 / 26 % density and retrain, share with 6-bit indices and
 * retrain the centroids, Huffman-code, store sparse with relative indices — and a table of size
 * and accuracy per stage beside the paper's Table 1 row.
 */
import type { ModelGraph } from '../../core/model';
import { formatBytes } from '../../core/format';
import { useFlopLab } from '../../state/store';
import { trainedWeightsSettled } from '../../state/trained-weights';
import { getWorker } from '../../state/worker-client';
import type { DeepCompressionDone, DeepCompressionResult } from '../../worker/api';
import { Button } from '../common/button';
import { formatAccuracy } from '../common/format-accuracy';
import { JobProgressBar } from '../measure/progress-bar';
import { useWorkerJob } from '../measure/use-worker-job';

const STAGE_NAMES: Record<string, string> = { original: 'Trained model (float32)', prune: 'Pruned + retrained', share: 'Shared (6 bits) + retrained', quantize: 'Quantized', huffman: 'Huffman-coded, sparse storage' };

export function DeepCompressionPanel({ graph }: { graph: ModelGraph }) {
  const pixelScale = useFlopLab((s) => s.pixelScale);
  const job = useWorkerJob<DeepCompressionResult>('deep-compression');
  const run = () => {
    void job.start(async (jobId, onProgress) => {
      await trainedWeightsSettled();
      return getWorker().deepCompression(graph, { jobId, pixelScale }, onProgress);
    });
  };
  const result = job.result;
  return (
    <section aria-labelledby="deep-compression-heading" className="flex flex-col gap-3 rounded-md border border-slate-300 p-3">
      <h3 id="deep-compression-heading" className="text-lg font-semibold">Deep Compression, reproduced</h3>
      <p className="text-slate-700">
        Han, Mao &amp; Dally's pipeline on the trained LeNet-300-100: prune to 8 / 9 / 26 % of the weights and retrain,
        share them with 6-bit indices and retrain the centroids, Huffman-code, store sparse with relative indices.
      </p>
      <div><Button onClick={run} disabled={job.running}>Reproduce Deep Compression</Button></div>
      {job.running && job.progress && <JobProgressBar label="Reproducing Deep Compression" progress={job.progress} onCancel={job.cancel} />}
      {job.cancelled && <p role="status" className="text-slate-700">Cancelled.</p>}
      {result?.status === 'no-weights' && <p role="alert" className="text-error">This needs trained weights: pick the preset “LeNet-300-100 (trained)” or train the model first.</p>}
      {result?.status === 'failed' && <p role="alert" className="text-error">Cannot run the recipe: {result.error.message}</p>}
      {result?.status === 'done' && <DeepCompressionTable result={result} />}
    </section>
  );
}

function DeepCompressionTable({ result }: { result: DeepCompressionDone }) {
  const { paper, before } = result;
  const cell = 'py-1 pr-3';
  return (
    <div className="flex flex-col gap-2" data-testid="deep-compression-result" data-ratio={result.ratio}>
      <div role="region" aria-label="Deep Compression, ours and the paper's" tabIndex={0} className="overflow-x-auto">
        <table className="w-full text-left text-sm tabular-nums">
          <caption className="sr-only">Size and test accuracy after each stage, and the paper's row</caption>
          <thead>
            <tr className="border-b border-slate-300"><th className={cell}>Stage</th><th className={cell}>Size</th><th className={cell}>Ratio</th><th className={cell}>Accuracy</th><th className={cell}>Before its retraining</th></tr>
          </thead>
          <tbody>
            {result.stages.map((s, i) => (
              <tr key={`${s.name}-${i}`} className="border-b border-slate-100">
                <th scope="row" className={`${cell} font-medium`}>{STAGE_NAMES[s.name] ?? s.name}</th>
                <td className={cell}>{formatBytes(s.bytes)}</td>
                <td className={cell}>{(before.bytes / s.bytes).toFixed(1)}×</td>
                <td className={cell}>{formatAccuracy(s.accuracy)}</td>
                <td className={cell}>{s.accuracyBeforeRetraining === undefined ? '—' : formatAccuracy(s.accuracyBeforeRetraining)}</td>
              </tr>
            ))}
            <tr className="bg-slate-50 font-semibold">
              <th scope="row" className={cell}>Ours: {formatBytes(before.bytes)} → {formatBytes(result.after.bytes)}</th>
              <td className={cell}>{formatBytes(result.after.bytes)}</td>
              <td className={cell} data-testid="deep-compression-ratio">{result.ratio.toFixed(1)}×</td>
              <td className={cell}>{formatAccuracy(before.accuracy)} → {formatAccuracy(result.after.accuracy)}</td>
              <td className={cell}>error {((1 - before.accuracy) * 100).toFixed(2)} % → {((1 - result.after.accuracy) * 100).toFixed(2)} %</td>
            </tr>
            <tr className="bg-amber-50 font-semibold">
              <th scope="row" className={cell}>Paper: {formatBytes(paper.bytesBefore)} → {formatBytes(paper.bytesAfter)}</th>
              <td className={cell}>{formatBytes(paper.bytesAfter)}</td>
              <td className={cell}>{paper.ratio}×</td>
              <td className={cell}>{formatAccuracy(1 - paper.top1ErrorBefore)} → {formatAccuracy(1 - paper.top1ErrorAfter)}</td>
              <td className={cell}>error {(paper.top1ErrorBefore * 100).toFixed(2)} % → {(paper.top1ErrorAfter * 100).toFixed(2)} %</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p className="text-sm text-slate-700">
        Ratio as in the paper: dense float32 bytes over the compressed storage (sparse relative indices, Huffman-coded
        cluster indices, codebooks). The written TensorFlow.js weights file is larger ({formatBytes(result.fileBytes)}): it
        stores dense tensors. Our accuracy differs from the paper's because we train on 8,000 digits (the paper: 60,000);
        {' '}{paper.source}. Took {result.seconds.toFixed(0)} s here ({result.backend}).
      </p>
    </div>
  );
}
