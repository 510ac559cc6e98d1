import { useEffect, useMemo, useState } from 'react';
import type { Formula } from '../../core/cost-types';
import { formulaText } from './formula-text';

type KatexModule = typeof import('katex').default;

/** KaTeX, once loaded: it is fetched the first time a formula is shown (it is a big library). */
let katexLoaded: KatexModule | null = null;
let katexLoading: Promise<KatexModule> | null = null;

/** Loads KaTeX and its style sheet (once); formulas drawn before it arrives redraw when it does. */
export function loadKatex(): Promise<KatexModule> {
  katexLoading ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(([m]) => {
    katexLoaded = m.default;
    return m.default;
  });
  return katexLoading;
}

/**
 * KaTeX HTML of a formula, or null until KaTeX has loaded (the plain-text formula beside it is
 * there from the start); throwOnError false so a bad formula shows red source, never a crash.
 */
function useKatex(latex: string): string | null {
  const [katex, setKatex] = useState<KatexModule | null>(katexLoaded);
  useEffect(() => {
    if (katex) return;
    let live = true;
    void loadKatex().then((k) => { if (live) setKatex(() => k); });
    return () => { live = false; };
  }, [katex]);
  return useMemo(() => (katex ? katex.renderToString(latex, { throwOnError: false, displayMode: false }) : null), [katex, latex]);
}

/**
 * KaTeX in inline mode, one block: unlike display mode it breaks lines after '=' and '×', so a long
 * formula wraps to its box instead of being cut off ("… = 3·3" at 1024 px, issue 10). Hidden from screen readers: every use sits beside the same formula in plain
 * text. The LaTeX comes from our own formula builders (numbers and fixed symbols), never user HTML.
 */
export function Katex({ latex, className = '' }: { latex: string; className?: string }) {
  const html = useKatex(latex);
  if (html === null) return <div className={`min-h-[2.5em] text-base ${className}`} aria-hidden="true" />;
  return <div className={`my-2 overflow-x-auto overflow-y-hidden text-lg leading-loose ${className}`} aria-hidden="true" dangerouslySetInnerHTML={{ __html: html }} />;
}

function FormulaLine({ formula }: { formula: Formula }) {
  return (
    <div>
      <Katex latex={formula.latex} />
      <p className="font-mono text-base text-slate-700" data-testid="formula-text">{formulaText(formula)}</p>
    </div>
  );
}

export interface FormulaViewProps {
  formula: Formula;
  /** What the figure is, e.g. "MACs of conv2". */
  label: string;
}

/** A figure's formula with the numbers filled in; a sum (SeparableConv2D) also shows each part. */
export function FormulaView({ formula, label }: FormulaViewProps) {
  return (
    <figure className="rounded-lg border border-slate-300 bg-white p-4" aria-label={`Formula: ${label}`}>
      <figcaption className="text-base font-semibold text-slate-800">{label}</figcaption>
      <FormulaLine formula={formula} />
      {formula.parts && formula.parts.length > 0 && (
        <ul className="mt-3 space-y-2 border-t border-slate-200 pt-3">
          {formula.parts.map((part) => (
            <li key={part.label}>
              <span className="text-base font-medium capitalize text-slate-700">{part.label}</span>
              <FormulaLine formula={part.formula} />
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
