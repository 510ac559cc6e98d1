/** The human-readable report of `floplab compress`. */
import type { CompressionResult } from '../core/compress/types';
import { formatBytes } from '../core/format';
import type { ExportedModel } from '../tf/export-files';
import type { CompressJson } from './compress-types';
import { groupDigits, renderTable } from './table';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const db = (x: number | null) => (x === null ? 'lossless' : `${x.toFixed(1)} dB`);

/** The stage sizes, a per-layer table, totals, notes and what was written. */
export function compressText(s: CompressJson, result: CompressionResult, exported: ExportedModel, outDir: string): string {
  const lines: string[] = [];
  lines.push('Size by stage (in-app storage format):');
  for (const st of s.stages) lines.push(`  ${st.name.padEnd(10)} ${formatBytes(st.bytes).padStart(10)}  (${st.bytes} bytes)`);
  const rows = s.layers.map((l, i) => {
    const p = result.perLayer[i];
    return [l.name, pct(l.sparsity), String(l.clusters ?? '-'), String(l.bits), db(l.sqnrDb), p.format, groupDigits(p.bytesAfter)];
  });
  const header = ['Layer', 'sparsity', 'clusters', 'bits', 'SQNR', 'format', 'bytes after'];
  lines.push('', renderTable(header, rows, ['left', 'right', 'right', 'right', 'left', 'left', 'right']), '');
  lines.push(`Before: ${formatBytes(s.before.bytes)} (gzip ${formatBytes(s.before.gzipBytes)})`);
  lines.push(`After:  ${formatBytes(s.after.bytes)} in-app, files ${formatBytes(s.after.fileBytes)} (gzip ${formatBytes(s.after.gzipBytes)})`);
  lines.push(`Ratio:  ${s.ratio.toFixed(2)}×`);
  const removed = Object.entries(result.structured?.removed ?? {});
  if (removed.length > 0) lines.push(`Filters removed: ${removed.map(([layer, n]) => `${layer} −${n}`).join(', ')}`);
  for (const n of result.notes) lines.push(`Note: ${n}`);
  if (exported.storesMoreThanInApp) {
    lines.push('The export stores more than the in-app format:');
    for (const r of exported.reasons) lines.push(`  ${r}`);
  }
  lines.push(`Wrote ${outDir}/model.json and ${exported.weightFiles.map((f) => f.name).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
