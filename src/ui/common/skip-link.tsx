/**
 * "Skip to main content": the page's first tab stop, hidden until it has the focus. It jumps
 * past the header (preset, import, history, share, export) to the editor, so a keyboard user
 * does not tab through the header on every visit.
 */
export const MAIN_CONTENT_ID = 'main-content';

export function SkipLink() {
  return (
    <a
      href={`#${MAIN_CONTENT_ID}`}
      className="sr-only left-2 top-2 z-50 rounded-md bg-white px-3 py-2 font-semibold text-accent-dark underline ring-2 ring-accent focus:not-sr-only focus:fixed"
    >
      Skip to main content
    </a>
  );
}
