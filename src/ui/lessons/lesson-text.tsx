import { fillTemplate, type TemplateContext } from '../../core/lessons/template';

/** A step's text with the engine's figures filled in (bold); a figure that cannot be computed shows "?" with the reason. */
export function LessonText({ text, context }: { text: string; context: TemplateContext | null }) {
  if (!context) return <p className="text-slate-600">Waiting for the figures…</p>;
  const pieces = fillTemplate(text, context);
  return (
    <p className="leading-relaxed text-slate-900" data-testid="lesson-text">
      {pieces.map((p, i) => {
        if (p.kind === 'text') return <span key={i}>{p.text}</span>;
        if (p.kind === 'figure') return <strong key={i} className="font-semibold tabular-nums text-accent-dark">{p.text}</strong>;
        return <abbr key={i} title={p.reason} className="font-semibold text-error">?</abbr>;
      })}
    </p>
  );
}
