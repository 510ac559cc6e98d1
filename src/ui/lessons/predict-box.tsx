import { useId, useState } from 'react';
import { guessError, parseGuess, quantityOf } from '../../core/lessons/quantity';
import type { LessonQuestion, TemplateContext } from '../../core/lessons/template-types';
import { formatBytes } from '../../core/format';
import { groupDigits } from '../../core/lessons/template';
import { FormulaView } from '../analysis/formula-view';
import { Button } from '../common/button';

/** "Predict first": the student types a guess, Reveal shows the engine's answer, its formula and how far the guess was. */
export function PredictBox({ question, context }: { question: LessonQuestion; context: TemplateContext | null }) {
  const id = useId();
  const [guess, setGuess] = useState('');
  const [revealed, setRevealed] = useState(false);
  const answer = context ? quantityOf(context.report, question.quantity, question.layer, context.graph) : null;
  const bytes = question.quantity === 'weightBytes' || question.quantity === 'int8Bytes';
  const show = (n: number) => (bytes ? `${formatBytes(n)} (${groupDigits(n)} B)` : groupDigits(n));
  const guessed = parseGuess(guess);
  return (
    <div className="rounded-md border border-slate-300 bg-slate-50 p-3">
      <p className="font-semibold">Predict first: {question.prompt}</p>
      <form className="mt-2 flex flex-wrap items-center gap-2" onSubmit={(e) => { e.preventDefault(); setRevealed(true); }}>
        <label htmlFor={id} className="font-medium">Your guess</label>
        <input id={id} value={guess} onChange={(e) => { setGuess(e.target.value); setRevealed(false); }}
          inputMode="decimal" autoComplete="off" placeholder="e.g. 1.2M"
          className="w-40 min-w-0 rounded-md border border-slate-400 bg-white px-2 py-1" />
        <Button type="submit" variant="primary">Reveal</Button>
      </form>
      {revealed && answer && (
        <div role="status" className="mt-2 space-y-2" data-testid="predict-answer">
          {answer.ok ? (
            <>
              <p>
                Answer: <strong className="tabular-nums">{show(answer.value.value)}</strong> {answer.value.label}.{' '}
                {guessed === null ? (guess.trim() ? 'Your guess could not be read as a number.' : 'You made no guess.') : howFar(guessed, answer.value.value, show)}
              </p>
              {answer.value.formula && <FormulaView formula={answer.value.formula} label={answer.value.label} />}
            </>
          ) : <p className="text-error">{answer.error.message}</p>}
        </div>
      )}
    </div>
  );
}

function howFar(guess: number, answer: number, show: (n: number) => string): string {
  const { relative, factor } = guessError(guess, answer);
  if (relative === 0) return `Your guess ${show(guess)} is exact.`;
  if (!Number.isFinite(factor)) return `Your guess was ${show(guess)}.`;
  const pct = Math.abs(relative * 100);
  const dir = relative > 0 ? 'too high' : 'too low';
  return factor >= 2
    ? `Your guess ${show(guess)} is ${factor.toFixed(1)}× ${dir}.`
    : `Your guess ${show(guess)} is ${pct < 0.1 ? pct.toFixed(2) : pct.toFixed(1)} % ${dir}.`;
}
