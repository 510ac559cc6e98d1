/** Plain-text tables for the terminal: aligned columns, a rule under the header. */
import { groupDigits as groupIntegerDigits } from '../core/count/formula';

export type Align = 'left' | 'right';

/** Display width of a cell: code points, so '×' and 'µ' count as one column. */
const width = (text: string): number => [...text].length;

const pad = (text: string, size: number, align: Align): string => {
  const fill = ' '.repeat(Math.max(0, size - width(text)));
  return align === 'right' ? fill + text : text + fill;
};

/**
 * Renders `rows` under `header` with columns padded to their widest cell, two spaces apart.
 * `align` gives each column's alignment (numbers right). Trailing spaces are trimmed.
 */
export function renderTable(header: string[], rows: string[][], align: Align[]): string {
  const widths = header.map((h, c) => Math.max(width(h), ...rows.map((r) => width(r[c] ?? ''))));
  const line = (cells: string[]) => cells.map((cell, c) => pad(cell, widths[c], align[c] ?? 'left')).join('  ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** A count with thousands separators, rounded: 231211008 → "231,211,008"; not finite → "—". */
export function groupDigits(n: number): string {
  return Number.isFinite(n) ? groupIntegerDigits(Math.round(n)) : '—';
}
