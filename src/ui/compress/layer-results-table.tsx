import { useRef } from 'react';
import type { LayerCompression } from '../../core/compress/types';
import { formatBytes } from '../../core/format';
import { SpacerRow, useVirtualRows } from '../common/virtual-rows';

const FORMAT_LABEL: Record<LayerCompression['format'], string> = {
  dense: 'dense',
  bitmask: 'sparse: bitmask',
  'relative-index': 'sparse: relative index',
};

const sqnrText = (db: number) => (Number.isFinite(db) ? `${db.toFixed(1)} dB` : 'lossless');

/** Every compressed kernel: sparsity, clusters, bits, error (MSE, SQNR), size and storage format. */
export function LayerResultsTable({ perLayer }: { perLayer: readonly LayerCompression[] }) {
  const box = useRef<HTMLDivElement>(null);
  const rows = useVirtualRows(perLayer.length, box, 29);
  return (
    <section aria-label="Per-layer results" className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <h3 className="text-lg font-semibold">Per-layer results</h3>
      <p className="mb-2 text-sm text-slate-600">
        Sparse layouts store a bitmask or Deep Compression&apos;s relative index, whichever is smaller. Biases and BatchNorm stay float32.
      </p>
      <div ref={box} tabIndex={0} role="region" aria-label="Per-layer results table (scrolls)" className="max-h-96 overflow-auto">
        <table className="w-full text-right text-sm tabular-nums">
          <thead className="sticky top-0 bg-white">
            <tr className="border-b border-slate-300 text-slate-700">
              <th scope="col" className="px-2 py-1 text-left">Layer</th>
              <th scope="col" className="px-2 py-1">Weights</th>
              <th scope="col" className="px-2 py-1">Sparsity</th>
              <th scope="col" className="px-2 py-1">Clusters</th>
              <th scope="col" className="px-2 py-1">Bits</th>
              <th scope="col" className="px-2 py-1">MSE</th>
              <th scope="col" className="px-2 py-1">SQNR</th>
              <th scope="col" className="px-2 py-1">Size before → after</th>
              <th scope="col" className="px-2 py-1 text-left">Format</th>
            </tr>
          </thead>
          <tbody>
            <SpacerRow px={rows.padTopPx} columns={9} />
            {rows.items.map(({ index }) => [index, perLayer[index]] as const).map(([index, l]) => (
              <tr key={l.tensor} ref={rows.measure} data-index={index} className="border-b border-slate-100">
                <th scope="row" className="px-2 py-1 text-left font-mono font-normal">{l.name}{l.skipped ? <span className="ml-1 text-slate-500">(skipped)</span> : null}</th>
                <td className="px-2 py-1">{l.params.toLocaleString('en-US')}</td>
                <td className="px-2 py-1">{(l.sparsity * 100).toFixed(1)} %</td>
                <td className="px-2 py-1">{l.clusters ?? '—'}</td>
                <td className="px-2 py-1">{l.bits}</td>
                <td className="px-2 py-1">{l.mse.toExponential(2)}</td>
                <td className="px-2 py-1">{sqnrText(l.sqnrDb)}</td>
                <td className="px-2 py-1">{formatBytes(l.bytesBefore)} → {formatBytes(l.bytesAfter)}</td>
                <td className="px-2 py-1 text-left">{FORMAT_LABEL[l.format]}</td>
              </tr>
            ))}
            <SpacerRow px={rows.padBottomPx} columns={9} />
          </tbody>
        </table>
      </div>
    </section>
  );
}
