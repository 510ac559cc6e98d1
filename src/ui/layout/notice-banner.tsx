import { useFlopLab } from '../../state/store';
import { IconButton } from '../common/button';

/** The store's notice: errors as role=alert, information as role=status; dismissible. */
export function NoticeBanner() {
  const notice = useFlopLab((s) => s.notice);
  const dismiss = useFlopLab((s) => s.dismissNotice);
  if (!notice) return null;
  const error = notice.kind === 'error';
  return (
    <div
      role={error ? 'alert' : 'status'}
      className={`mx-4 mt-2 flex items-start gap-3 rounded-md border-2 px-3 py-2 font-medium ${error
        ? 'border-error bg-error-light text-error' : 'border-accent bg-accent-light text-accent-dark'}`}
    >
      <span aria-hidden="true">{error ? '⚠' : 'ℹ'}</span>
      <p className="flex-1 whitespace-pre-line">{notice.message}</p>
      <IconButton label="Dismiss message" onClick={dismiss}>✕</IconButton>
    </div>
  );
}
