import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { currentLinks } from '../../state/lesson-link';
import { useFlopLab } from '../../state/store';
import { Button } from '../common/button';
import { QrCode } from '../lessons/qr-code';

/**
 * The share URL in a readonly textbox (selected at once) with a copy button and its QR code.
 * With a lesson open the link also opens the lesson at its step (#lesson=…&step=…&s=…).
 */
export function ShareBox({ url: modelUrl, onClose }: { url: string; onClose(): void }) {
  const id = useId();
  const lessonId = useFlopLab((s) => s.lessonId);
  const lessonStep = useFlopLab((s) => s.lessonStep);
  // modelUrl is a dependency on purpose: it changes with every edit the link must follow.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const links = useMemo(() => (lessonId === null ? { full: modelUrl, withoutModel: null } : currentLinks()), [modelUrl, lessonId, lessonStep]);
  const url = links.full;
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  // "Copied." belongs to the URL that was copied, not to one an edit has made since.
  const [copiedUrl, setCopiedUrl] = useState(url);
  if (copiedUrl !== url) {
    setCopiedUrl(url);
    setCopied(null);
  }
  // Focus once, when the box opens; the URL then follows edits without stealing the focus.
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      input.current?.select();
      setCopied('no');
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-2 border-t border-slate-200 bg-accent-light px-4 py-2">
      <label htmlFor={id} className="font-semibold">Share URL</label>
      <input
        id={id}
        ref={input}
        readOnly
        value={url}
        onFocus={(e) => e.target.select()}
        className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm"
      />
      <Button variant="primary" onClick={() => void copy()}>Copy</Button>
      <span role="status" className="text-sm text-slate-700">
        {copied === 'yes' ? 'Copied.' : copied === 'no' ? 'Press Ctrl+C to copy.' : `${url.length} characters`}
      </span>
      <Button variant="ghost" onClick={onClose} aria-label="Close share link">✕</Button>
      <div className="basis-full">
        <QrCode url={url} withoutModel={links.withoutModel} sizePx={200} />
      </div>
    </div>
  );
}
