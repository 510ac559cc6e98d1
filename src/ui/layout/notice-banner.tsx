import { useFlopLab } from '../../state/store';
import { Button, IconButton } from '../common/button';

/**
 * The store's notice: errors as role=alert, information as role=status; dismissible, with the
 * notice's action as a button when it has one ("Restore your previous model").
 */
export function NoticeBanner() {
  const notice = useFlopLab((s) => s.notice);
  const dismiss = useFlopLab((s) => s.dismissNotice);
  if (!notice) return null;
  const error = notice.kind === 'error';
  const action = notice.action;
  return (
    <div
      role={error ? 'alert' : 'status'}
      className={`mx-4 mt-2 flex items-start gap-3 rounded-md border-2 px-3 py-2 font-medium ${error
        ? 'border-error bg-error-light text-error' : 'border-accent bg-accent-light text-accent-dark'}`}
    >
      <span aria-hidden="true">{error ? '⚠' : 'ℹ'}</span>
      <p className="flex-1 whitespace-pre-line break-words">{notice.message}</p>
      {action && (
        <Button size="sm" onClick={() => { dismiss(); action.run(); }}>{action.label}</Button>
      )}
      <IconButton label="Dismiss message" onClick={dismiss}>✕</IconButton>
    </div>
  );
}
