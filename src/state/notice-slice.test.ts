import { beforeEach, describe, expect, it } from 'vitest';
import { boundNoticeText, MAX_NOTICE_CHARS, MAX_QUOTED_CHARS } from './notice-slice';
import { initialFlopLabState, useFlopLab } from './store';

beforeEach(() => {
  useFlopLab.setState(initialFlopLabState, true);
});

describe('notices bound text that came from a user', () => {
  it('cuts a quoted name to 80 characters and leaves short ones alone', () => {
    expect(MAX_QUOTED_CHARS).toBe(80);
    const long = 'L'.repeat(81);
    expect(boundNoticeText(`Layer '${long}': bad. Layer 'ok': fine.`)).toBe(`Layer '${'L'.repeat(80)}…': bad. Layer 'ok': fine.`);
    expect(boundNoticeText(`Layer '${'L'.repeat(80)}' fine.`)).toBe(`Layer '${'L'.repeat(80)}' fine.`);
  });

  it("leaves an apostrophe alone (the browser's storage …)", () => {
    const text = `Your latest changes are not saved in this browser: the browser's storage for this page is full. Export the model (Export → FlopLab JSON) to keep it.`;
    expect(boundNoticeText(text)).toBe(text);
  });

  it('bounds the whole message, however long (a 1 MB name in a link)', () => {
    const huge = `This share link is damaged (it names '${'A'.repeat(1_000_000)}).`; // never closed
    const bounded = boundNoticeText(huge);
    expect(bounded).toBe(`This share link is damaged (it names '${'A'.repeat(80)}……`);
    // many short names: the whole is cut to MAX_NOTICE_CHARS
    const names = Array.from({ length: 500 }, (_, i) => `'n${i}'`).join(', ');
    const cut = boundNoticeText(`Layers ${names} are broken.`);
    expect(cut.length).toBe(MAX_NOTICE_CHARS);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.startsWith("Layers 'n0', 'n1'")).toBe(true);
  });

  it('showNotice stores the bounded text and keeps the action', () => {
    let ran = 0;
    useFlopLab.getState().showNotice({ kind: 'info', message: `'${'n'.repeat(5000)}'`, action: { label: 'Do it', run: () => { ran += 1; } } });
    const notice = useFlopLab.getState().notice!;
    expect(notice.message).toBe(`'${'n'.repeat(80)}…'`);
    notice.action!.run();
    expect(ran).toBe(1);
  });
});
