import katex from 'katex';
import { useMemo } from 'react';
import type { Formula } from '../../core/cost-types';
import { formulaText } from './formula-text';

/** KaTeX HTML of a formula; throwOnError false so a bad formula shows red source, never a crash. */
function useKatex(latex: string): string {
  return useMemo(() => katex.renderToString(latex, { throwOnError: false, displayMode: true }), [latex]);
}

/**
 * Display-mode KaTeX. Hidden from screen readers: every use sits beside the same formula in plain
 * text. The LaTeX comes from our own formula builders (numbers and fixed symbols), never user HTML.
 */
export function Katex({ latex, className = '' }: { latex: string; className?: string }) {
  const html = useKatex(latex);
  return <div className={`overflow-x-auto overflow-y-hidden text-base ${className}`} aria-hidden="true" dangerouslySetInnerHTML={{ __html: html }} />;
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
