import type { JobProgress } from '../../worker/api';
import { Button } from '../common/button';

/** A job's progress: an accessible progress bar with its text, and a Cancel button. */
export function JobProgressBar({ label, progress, onCancel }: { label: string; progress: JobProgress; onCancel(): void }) {
  const percent = Math.round(Math.min(1, Math.max(0, progress.fraction)) * 100);
  return (
    <div className="flex flex-col gap-1" aria-live="polite">
      <div className="flex items-center gap-3">
        <div
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${percent} %: ${progress.message}`}
          className="h-3 flex-1 overflow-hidden rounded-full bg-slate-200 [contain:strict]"
        >
          {/* scaleX, not width: moving the bar needs no layout of the page. */}
          <div className="h-full w-full origin-left rounded-full bg-accent transition-transform duration-150" style={{ transform: `scaleX(${percent / 100})` }} />
        </div>
        <span className="h-5 w-12 text-right text-sm tabular-nums text-slate-700 [contain:strict]">{percent} %</span>
        <Button variant="danger" size="sm" onClick={onCancel}>Cancel</Button>
      </div>
      {/* A fixed box: a new message re-lays out only this line. */}
      <p className="h-5 overflow-hidden text-sm text-ellipsis whitespace-nowrap text-slate-700 [contain:strict]">{progress.message}</p>
    </div>
  );
}
