import { useEffect, useMemo } from 'react';
import { formatBytes } from '../../core/format';
import type { CompressedExport } from '../../worker/api';
import { Button } from '../common/button';

const mimeOf = (name: string) => (name.endsWith('.json') ? 'application/json' : 'application/octet-stream');

/** What each export is and what loads it. */
const FORMATS = {
  tfjs: { title: 'Export for TensorFlow.js', button: 'Download compressed model', loads: <>Loads with <code>tf.loadLayersModel</code>.</> },
  onnx: {
    title: 'Export as ONNX',
    button: 'Download compressed .onnx',
    loads: <>Runs in onnxruntime; quantized weights are int8/uint8 initializers with <code>DequantizeLinear</code>.</>,
  },
};

/**
 * "Download compressed model": model.json and its weights files, or one .onnx for a model imported
 * from ONNX (one link each, and a button that saves them all). Says when the TF.js export stores
 * more than the in-app format.
 */
export function ExportDownload({ exported, inAppBytes, format = 'tfjs' }: {
  exported: CompressedExport; inAppBytes: number; format?: keyof typeof FORMATS;
}) {
  const what = FORMATS[format];
  const links = useMemo(
    () => exported.files.map((f) => ({ name: f.name, bytes: f.data.byteLength, url: URL.createObjectURL(new Blob([f.data], { type: mimeOf(f.name) })) })),
    [exported],
  );
  useEffect(() => () => links.forEach((l) => URL.revokeObjectURL(l.url)), [links]);
  const downloadAll = () => {
    for (const link of links) {
      const a = document.createElement('a');
      a.href = link.url;
      a.download = link.name;
      document.body.appendChild(a);
      a.click();
      a.remove();
    }
  };
  const weightsFileBytes = format === 'onnx' ? 0 : links.filter((l) => !l.name.endsWith('.json')).reduce((s, l) => s + l.bytes, 0);
  return (
    <section aria-label={what.title} className="flex flex-col gap-2 rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <h3 className="text-lg font-semibold">{what.title}</h3>
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="primary" onClick={downloadAll}>{what.button}</Button>
        <span className="text-sm text-slate-700">
          {exported.sourceBytes !== undefined && <>{formatBytes(exported.sourceBytes)} imported → </>}
          {formatBytes(exported.fileBytes)} in {links.length} file{links.length === 1 ? '' : 's'},{' '}
          <span data-testid={format === 'onnx' ? 'onnx-export-gzip-bytes' : 'export-gzip-bytes'} data-value={exported.gzipBytes}>{formatBytes(exported.gzipBytes)}</span> gzipped
          {format === 'onnx' && ' (zeros shrink a file only when it is compressed)'}. {what.loads}
        </span>
      </div>
      <ul className="flex flex-wrap gap-3 text-sm">
        {links.map((l) => (
          <li key={l.name}><a className="text-accent underline" href={l.url} download={l.name}>{l.name}</a> ({formatBytes(l.bytes)})</li>
        ))}
      </ul>
      {(weightsFileBytes > inAppBytes || exported.notes.length > 0) && (
        <div role="note" className="rounded-md bg-amber-50 p-2 text-sm text-amber-900">
          {weightsFileBytes > inAppBytes && (
            <p>
              The weights file ({formatBytes(weightsFileBytes)}) stores more than the in-app format ({formatBytes(inAppBytes)}):
              a TF.js manifest holds dense tensors of float32, float16, uint8 or uint16 only, with no sparse layout, codebook indices or Huffman code.
            </p>
          )}
          {exported.notes.map((n) => <p key={n}>{n}</p>)}
        </div>
      )}
    </section>
  );
}
