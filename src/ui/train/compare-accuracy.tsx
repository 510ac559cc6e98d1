import type { ModelGraph } from '../../core/model';
import { knownAccuracyOf, useTrained } from '../../state/accuracy-selectors';
import { useFlopLab } from '../../state/store';
import { formatAccuracy, formatPointsChange } from '../common/format-accuracy';

/**
 * Test accuracy of A and B in Compare, when either was trained (or evaluated) in this session:
 * A's is the one measured for its exact layers; B's is the current weights'.
 */
export function CompareAccuracy({ a }: { a: ModelGraph }) {
  const atA = useFlopLab((s) => knownAccuracyOf(s, a));
  const atB = useTrained();
  if (!atA && !atB) return null;
  return (
    <p className="text-lg text-slate-800" data-testid="compare-accuracy">
      <strong>Test accuracy</strong> (2,000 digits): A{' '}
      <span data-testid="compare-accuracy-a" data-value={atA?.accuracy}>{atA ? formatAccuracy(atA.accuracy) : 'not trained'}</span>, B{' '}
      <span data-testid="compare-accuracy-b" data-value={atB?.accuracy}>{atB ? formatAccuracy(atB.accuracy) : 'not trained'}</span>
      {atA && atB && <> ({formatPointsChange(atA.accuracy, atB.accuracy)})</>}.
    </p>
  );
}
