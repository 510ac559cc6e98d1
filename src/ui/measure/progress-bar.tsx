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
          className="h-3 flex-1 overflow-hidden rounded-full bg-slate-200"
        >
          <div className="h-full rounded-full bg-accent transition-[width] duration-150" style={{ width: `${percent}%` }} />
        </div>
        <span className="w-12 text-right text-sm tabular-nums text-slate-700">{percent} %</span>
        <Button variant="danger" size="sm" onClick={onCancel}>Cancel</Button>
      </div>
      <p className="text-sm text-slate-700">{progress.message}</p>
    </div>
  );
}
