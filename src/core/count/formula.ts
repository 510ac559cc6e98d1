/**
 * Builds `Formula` values (symbolic, substituted, LaTeX, value) from a small structure, so a count
 * and its explanation can never disagree: the value is computed from the same factors that print.
 *
 * A formula is a sum of terms; a term is a product of groups (joined by ×); a group is a product
 * of factors (joined by ·). "K·K·Cin × Hout·Wout·Cout" is one term of two groups.
 */
import type { Formula } from '../cost-types';

/** A named factor and its value, e.g. ['Cin', 64]. */
export type Factor = readonly [symbol: string, value: number];
export interface Term { groups: Factor[][]; note?: string }

const TEX: Record<string, string> = {
  K: 'K', Kh: 'K_h', Kw: 'K_w', Cin: 'C_{in}', Cout: 'C_{out}', Hout: 'H_{out}', Wout: 'W_{out}',
  Hin: 'H_{in}', Win: 'W_{in}', H: 'H', W: 'W', C: 'C', M: 'M', N: 'N', In: '\\mathrm{In}',
  Out: '\\mathrm{Out}', MACs: '\\mathrm{MACs}', '(n−1)': '(n-1)', '(Cin/g)': '(C_{in}/g)',
};
const texOf = (sym: string): string => TEX[sym] ?? (/^\d+$/.test(sym) ? sym : `\\mathrm{${sym}}`);
/** Notes are plain words; drop anything KaTeX would read as markup. */
const texNote = (note: string): string => `\\;\\text{(${note.replace(/[\\{}$%&#_^~]/g, ' ')})}`;

/** 1234567 → "1,234,567" (fast, locale-free). */
export function groupDigits(n: number): string {
  const s = String(n);
  if (n < 1000 || !Number.isSafeInteger(n)) return s;
  let out = '';
  for (let i = s.length; i > 0; i -= 3) out = s.slice(Math.max(0, i - 3), i) + (out ? `,${out}` : '');
  return out;
}

function termValue(t: Term): number {
  let v = 1;
  for (const g of t.groups) for (const f of g) v *= f[1];
  return v;
}

function render(t: Term, part: (f: Factor) => string, dot: string, times: string, note: (n: string) => string): string {
  let s = '';
  for (let gi = 0; gi < t.groups.length; gi++) {
    const g = t.groups[gi];
    if (gi > 0) s += times;
    for (let fi = 0; fi < g.length; fi++) s += (fi > 0 ? dot : '') + part(g[fi]);
  }
  return t.note ? s + note(t.note) : s;
}

const sym = (f: Factor) => f[0];
const sub = (f: Factor) => groupDigits(f[1]);
const subTex = (f: Factor) => groupDigits(f[1]).replace(/,/g, '{,}');

/**
 * Formulas are interned: models repeat the same block many times, and building four strings per
 * figure per layer dominated analysis time (mostly garbage collection). The cache is a trie keyed
 * by each factor's symbol and value (no key strings are built); it is dropped when it grows large.
 * Cached formulas are frozen, since layers share them.
 */
interface TrieNode { next: Map<unknown, TrieNode>; formula?: Formula }
/** About 100 bytes a node: the cache stays under a few MB. */
const MAX_NODES = 30_000;
let root: TrieNode = { next: new Map() };
let nodes = 0;
const TERM_END = Symbol('term');

function child(node: TrieNode, key: unknown): TrieNode {
  let c = node.next.get(key);
  if (!c) {
    c = { next: new Map() };
    node.next.set(key, c);
    nodes++;
  }
  return c;
}

/** Empties the formula cache (for cold-start benchmarks and tests). */
export function clearFormulaCache(): void {
  root = { next: new Map() };
  nodes = 0;
}

function trieNodeOf(terms: Term[]): TrieNode {
  let node = root;
  for (const t of terms) {
    for (const g of t.groups) {
      node = child(node, g.length);
      for (const f of g) node = child(child(node, f[0]), f[1]);
    }
    node = child(child(node, TERM_END), t.note);
  }
  return node;
}

/**
 * A formula that is the sum of `terms`. `latex` is the whole equation
 * "symbolic = substituted = value" for KaTeX; `symbolic`/`substituted` are plain text.
 * The result is frozen and may be shared between layers.
 */
export function sumFormula(terms: Term[], parts?: Formula['parts']): Formula {
  if (parts) return Object.freeze(buildFormula(terms, parts)); // parts are fresh objects: no cache hit possible
  if (nodes >= MAX_NODES) clearFormulaCache();
  const node = trieNodeOf(terms);
  node.formula ??= Object.freeze(buildFormula(terms));
  return node.formula;
}

function buildFormula(terms: Term[], parts?: Formula['parts']): Formula {
  let value = 0;
  let symbolic = '';
  let substituted = '';
  let latexSym = '';
  let latexSub = '';
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i];
    const plus = i > 0 ? ' + ' : '';
    value += termValue(t);
    symbolic += plus + render(t, sym, '·', ' × ', (n) => ` (${n})`);
    substituted += plus + render(t, sub, '·', ' × ', () => '');
    latexSym += plus + render(t, (f) => texOf(f[0]), ' \\cdot ', ' \\times ', texNote);
    latexSub += plus + render(t, subTex, ' \\cdot ', ' \\times ', () => '');
  }
  const latex = `${latexSym} = ${latexSub} = ${groupDigits(value).replace(/,/g, '{,}')}`;
  return parts ? { symbolic, substituted, latex, value, parts } : { symbolic, substituted, latex, value };
}

/** A single-term formula: product of groups. */
export const productFormula = (groups: Factor[][], note?: string): Formula => sumFormula([{ groups, note }]);

/** A zero figure with its reason, e.g. "0 (no weights)". */
export function zeroFormula(reason: string): Formula {
  return zeroFormulas.get(reason) ?? makeZero(reason);
}

const zeroFormulas = new Map<string, Formula>();
function makeZero(reason: string): Formula {
  const f: Formula = Object.freeze({ symbolic: `0 (${reason})`, substituted: '0', latex: `0${texNote(reason)}`, value: 0 });
  if (zeroFormulas.size < 100) zeroFormulas.set(reason, f);
  return f;
}

/** Kernel factors: "K·K" for a square kernel, "Kh·Kw" otherwise. */
export function kernelFactors(kernel: readonly [number, number]): Factor[] {
  return kernel[0] === kernel[1] ? [['K', kernel[0]], ['K', kernel[1]]] : [['Kh', kernel[0]], ['Kw', kernel[1]]];
}
