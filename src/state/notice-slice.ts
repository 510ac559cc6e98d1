/** The notice slice: one message for the user (role alert for errors, status for info). */
import type { NoticeSlice, SliceCreator } from './store-types';

export const createNoticeSlice: SliceCreator<NoticeSlice> = (set) => ({
  notice: null,
  showNotice(notice) {
    set({ notice });
  },
  dismissNotice() {
    set({ notice: null });
  },
});
