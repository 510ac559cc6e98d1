/** The notice slice: one message for the user (role alert for errors, status for info). */
import type { NoticeSlice, SliceCreator } from './store-types';

/** Longest quoted text (a layer name, a link fragment) kept in a notice. */
export const MAX_QUOTED_CHARS = 80;
/** Longest notice: a few lines, whatever a link or file put into it. */
export const MAX_NOTICE_CHARS = 600;

/**
 * `message` with every quoted text ('…') over MAX_QUOTED_CHARS cut short, and the whole cut to
 * MAX_NOTICE_CHARS: a 1.4 KB link whose layer name inflates to 1 MB must not make a 1 MB notice.
 */
export function boundNoticeText(message: string): string {
  // Cut first, so the pattern below never scans a megabyte.
  const head = message.length > 100 * MAX_NOTICE_CHARS ? message.slice(0, 100 * MAX_NOTICE_CHARS) : message;
  // A quote left open (cut above, or a name with a quote in it) is cut short too.
  // A quote opens after a space or bracket (not the apostrophe of "browser's").
  const quoted = head.replace(new RegExp(`(^|[\\s(\\[])'([^'\\n]{${MAX_QUOTED_CHARS + 1},})('|$)`, 'g'),
    (_, before: string, text: string, close: string) => `${before}'${text.slice(0, MAX_QUOTED_CHARS)}…${close}`);
  return quoted.length > MAX_NOTICE_CHARS || head !== message ? `${quoted.slice(0, MAX_NOTICE_CHARS - 1)}…` : quoted;
}

export const createNoticeSlice: SliceCreator<NoticeSlice> = (set) => ({
  notice: null,
  showNotice(notice) {
    set({ notice: { ...notice, message: boundNoticeText(notice.message) } });
  },
  dismissNotice() {
    set({ notice: null });
  },
});
