import { useEffect, useState } from 'react';
import { onWorkerDeath, type WorkerDeath } from '../../state/worker-client';
import { IconButton } from '../common/button';

/** The alert's text for a worker death: what happened, what was done, what the user can do. */
export function workerDeathMessage(death: WorkerDeath): string {
  const what = `The background worker stopped: it ${death.reason}.`;
  if (!death.restarted) {
    return `${what} It keeps failing to start, so figures are computed on this page; measuring and compressing are unavailable until you reload.`;
  }
  const weights = death.weights === 'resent'
    ? ' Your imported weights were sent to it again.'
    : death.weights === 'lost'
      ? ' Import your model again to compress it with its weights (until then, seeded random weights are used).'
      : '';
  return `${what} A new worker has started: run the job again.${weights}`;
}

/**
 * Says when the background worker died (closed, crashed, an uncaught error): role=alert, shown
 * until dismissed or replaced by the next death. Jobs that were running end with their own
 * "worker stopped" result.
 */
export function WorkerAlert() {
  const [death, setDeath] = useState<WorkerDeath | null>(null);
  useEffect(() => onWorkerDeath(setDeath), []);
  if (death === null) return null;
  return (
    <div role="alert" data-testid="worker-alert"
      className="mx-4 mt-2 flex items-start gap-3 rounded-md border-2 border-error bg-error-light px-3 py-2 font-medium text-error">
      <span aria-hidden="true">⚠</span>
      <p className="flex-1">{workerDeathMessage(death)}</p>
      <IconButton label="Dismiss worker message" onClick={() => setDeath(null)}>✕</IconButton>
    </div>
  );
}
