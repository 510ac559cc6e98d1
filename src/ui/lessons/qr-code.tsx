/**
 * A QR code of a link, drawn as an SVG data: URL in an <img> (the CSP allows img-src data:). Dense
 * codes do not scan across a room: over QR_ROOM_MAX_CHARS the lesson link without the model is
 * encoded instead (when there is one), and the caption says so.
 */
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** Longest link a QR of moderate density (version ≈ 15 at level L) encodes for a room. */
export const QR_ROOM_MAX_CHARS = 600;
/** Most a QR code can hold at all (version 40, level L, bytes). */
const QR_MAX_CHARS = 2900;

export interface QrChoice {
  text: string | null;
  note: string | null;
}

/** Which link to encode: the full one, the lesson link without the model, or none. */
export function chooseQrText(full: string, withoutModel: string | null): QrChoice {
  if (full.length <= QR_ROOM_MAX_CHARS) return { text: full, note: null };
  if (withoutModel && withoutModel.length <= QR_ROOM_MAX_CHARS) {
    return { text: withoutModel, note: `The full link has ${full.length} characters, too many for a QR code that scans across a room: this code opens the lesson and step without the model (the lesson sets up its own).` };
  }
  if (full.length <= QR_MAX_CHARS) return { text: full, note: `The link has ${full.length} characters: a dense code, scan it from close by.` };
  return { text: null, note: `The link has ${full.length} characters, more than a QR code holds. Share the link itself.` };
}

export function QrCode({ url, withoutModel, sizePx = 240, caption = 'Scan to open this model' }: {
  url: string; withoutModel: string | null; sizePx?: number; caption?: string;
}) {
  const choice = chooseQrText(url, withoutModel);
  const [src, setSrc] = useState<{ text: string; dataUrl: string } | null>(null);
  useEffect(() => {
    if (choice.text === null) return undefined;
    let live = true;
    const text = choice.text;
    void QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'L', margin: 2 }).then((svg) => {
      if (live) setSrc({ text, dataUrl: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` });
    }, () => { if (live) setSrc(null); });
    return () => { live = false; };
  }, [choice.text]);
  return (
    <figure className="flex flex-col items-center gap-1 text-center">
      {choice.text !== null && src?.text === choice.text
        ? <img src={src.dataUrl} alt="QR code of the share link" width={sizePx} height={sizePx} className="bg-white" style={{ width: sizePx, height: sizePx }} data-qr-text-length={choice.text.length} />
        : choice.text !== null && <div style={{ width: sizePx, height: sizePx }} className="bg-slate-100" aria-hidden="true" />}
      <figcaption className="max-w-[22rem] font-semibold">{caption}</figcaption>
      {choice.note && <p className="max-w-[22rem] text-sm text-slate-700" data-testid="qr-note">{choice.note}</p>}
    </figure>
  );
}
