/** The human-readable report of `floplab compress`. */
import type { CompressionResult } from '../core/compress/types';
import { formatBytes } from '../core/format';
import type { ExportedModel } from '../tf/export-model';
import type { CompressJson } from './compress';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const db = (x: number | null) => (x === null ? 'lossless' : `${x.toFixed(1)} dB`);

export function compressText(s: CompressJson, result: CompressionResult, exported: ExportedModel, outDir: string): string {
  const lines: string[] = [];
  lines.push('Size by stage (in-app storage format):');
  for (const st of s.stages) lines.push(`  ${st.name.padEnd(10)} ${formatBytes(st.bytes).padStart(10)}  (${st.bytes} bytes)`);
  lines.push('', 'Layer'.padEnd(28) + 'sparsity  clusters  bits   SQNR       format          bytes after');
  for (const [i, l] of s.layers.entries()) {
    const p = result.perLayer[i];
    lines.push(`${l.name.padEnd(28)}${pct(l.sparsity).padStart(8)}  ${String(l.clusters ?? '-').padStart(8)}  ${String(l.bits).padStart(4)}   ${db(l.sqnrDb).padEnd(10)} ${p.format.padEnd(15)} ${p.bytesAfter}`);
  }
  lines.push('');
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
