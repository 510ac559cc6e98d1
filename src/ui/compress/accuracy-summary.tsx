/**
 * Test accuracy through a compression (issue 8): before, after (the final model, after the last
 * stage and its retraining), and after each stage with and without its retraining.
 */
import type { CompressAccuracy } from '../../worker/api';
import { formatAccuracy, formatPointsChange } from '../common/format-accuracy';

const STAGE_LABELS: Record<string, string> = {
  original: 'Trained model', prune: 'After pruning', share: 'After weight sharing', quantize: 'After quantization', huffman: 'After Huffman coding',
};

export function AccuracySummary({ accuracy }: { accuracy: CompressAccuracy }) {
  const { before, after, stages, retrainEpochs, examples } = accuracy;
  return (
    <div className="flex flex-col gap-2 rounded-md bg-emerald-50/60 p-3 ring-1 ring-emerald-200">
      <div className="flex flex-wrap items-baseline gap-x-8 gap-y-2">
        <p className="flex flex-col">
          <span className="text-sm font-medium text-slate-600">Test accuracy before</span>
          <span className="text-2xl font-semibold tabular-nums" data-testid="accuracy-before" data-value={before}>{formatAccuracy(before)}</span>
        </p>
        <p className="flex flex-col">
          <span className="text-sm font-medium text-slate-600">Test accuracy after{retrainEpochs > 0 ? ' (retrained)' : ' (not retrained)'}</span>
          <span className="text-2xl font-semibold tabular-nums" data-testid="accuracy-after" data-value={after}>{formatAccuracy(after)}</span>
        </p>
        <p className="text-base text-slate-800">
          <strong>{formatPointsChange(before, after)}</strong> on {examples.toLocaleString('en-US')} test digits
          {retrainEpochs > 0 ? `, with ${retrainEpochs} retraining epoch${retrainEpochs === 1 ? '' : 's'} after each prune and share stage.` : ', without retraining.'}
        </p>
      </div>
      <table className="w-full max-w-2xl text-left text-sm tabular-nums" data-testid="accuracy-stages">
        <caption className="sr-only">Test accuracy after each stage</caption>
        <thead>
          <tr className="border-b border-emerald-200 text-slate-700"><th className="py-1 pr-3 font-semibold">Stage</th><th className="py-1 pr-3 font-semibold">Right after the stage</th><th className="py-1 font-semibold">After retraining</th></tr>
        </thead>
        <tbody>
          {stages.map((s, i) => (
            <tr key={`${s.name}-${i}`} className="border-b border-emerald-100 last:border-0">
              <th scope="row" className="py-1 pr-3 font-medium">{STAGE_LABELS[s.name] ?? s.name}</th>
              <td className="py-1 pr-3">{formatAccuracy(s.accuracy)}</td>
              <td className="py-1">{s.accuracyRetrained === undefined ? '—' : formatAccuracy(s.accuracyRetrained)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
