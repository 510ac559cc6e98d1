/**
 * Exports as text: the model as a FlopLab JSON config, the per-layer table as CSV. Pure string
 * builders; `downloadText` hands a string to the browser as a file.
 */
import { toFlopLabConfig } from '../core/config-schema';
import type { CostReport, FlopConvention } from '../core/cost-types';
import type { ModelGraph } from '../core/model';

/** The model as a FlopLab JSON config (format 'floplab', version 1), pretty-printed. */
export function exportConfigJson(graph: ModelGraph): string {
  return `${JSON.stringify(toFlopLabConfig(graph), null, 2)}\n`;
}

const CSV_COLUMNS = [
  'name', 'type', 'output shape', 'params', 'MACs', 'FLOPs', 'weight bytes', 'activation bytes',
] as const;

/**
 * The per-layer table as CSV (RFC 4180: comma separated, CRLF lines, quoted where needed), one
 * row per layer and a final TOTAL row. Figures are exact integers; FLOPs are under `convention`
 * (named in the header), which is the report's own.
 */
export function exportTableCsv(report: CostReport, convention: FlopConvention = report.convention): string {
  const header = CSV_COLUMNS.map((c) => (c === 'FLOPs' ? `FLOPs (${convention} convention)` : c));
  const rows = report.layers.map((l) => [
    l.name, l.className, l.outputShape.join('x'), l.params, l.macs, l.flops, l.weightBytes, l.activationBytes,
  ]);
  const t = report.totals;
  const total = ['TOTAL', '', report.outputShape.join('x'), t.params, t.macs, t.flops, t.weightBytes, t.activationBytes];
  return [header, ...rows, total].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function csvCell(value: string | number): string {
  const text = String(value);
  // Quote anything a spreadsheet could misread: separators, quotes, line breaks, and a leading
  // = + - @ (formula injection from a hostile layer name).
  const risky = /^[=+\-@\t\r]/.test(text) && typeof value === 'string';
  const safe = risky ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || risky ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Offers `text` as a file download (browser only). */
export function downloadText(filename: string, text: string, mime = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled; revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
