import { useState } from 'react';
import type { ModelGraph } from '../../core/model';
import { useTrained } from '../../state/accuracy-selectors';
import { getWorker } from '../../state/worker-client';
import { Button } from '../common/button';

/** Saves one file through a temporary link (no new dependency). */
function downloadBlob(name: string, data: ArrayBuffer, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * "Download weights": the trained weights the worker holds for the model, as a TensorFlow.js
 * model.json + weights file (both files; Import model reads them back).
 */
export function WeightsActions({ graph }: { graph: ModelGraph }) {
  const trained = useTrained();
  const [message, setMessage] = useState<string | null>(null);
  if (!trained) return null;
  const download = async () => {
    setMessage('Writing the files…');
    const result = await getWorker().exportWeights(graph);
    if (result.status !== 'done') {
      setMessage(result.status === 'no-weights' ? 'The worker holds no weights for this model any more (it was restarted): train again.' : `Could not write the files: ${result.error.message}`);
      return;
    }
    for (const f of result.files) downloadBlob(f.name, f.data, f.name.endsWith('.json') ? 'application/json' : 'application/octet-stream');
    setMessage(`Downloaded ${result.files.map((f) => f.name).join(' and ')}.`);
  };
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button onClick={() => void download()}>Download weights</Button>
      <span className="text-sm text-slate-700">TensorFlow.js model.json + weights file; the weights are also kept in this browser across reloads.</span>
      {message && <span role="status" className="text-sm text-slate-700">{message}</span>}
    </div>
  );
}
