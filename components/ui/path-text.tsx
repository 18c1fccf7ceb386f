import { Fragment } from 'react';

// Paths, URLs, refs and route patterns: long and without spaces, so a browser keeps each on one
// line and pushes its box (and the page) wider than a phone.

/**
 * A path that wraps after its slashes, not at the hyphens inside a segment ("catalog-/info.yaml");
 * only a segment longer than the whole line wraps within itself. Inside a table its column may be
 * as narrow as a segment, so it does not push its neighbours out or break letter by letter.
 */
export function PathText({ text, className = '' }: { text: string; className?: string }) {
  const parts = text.split(/(?<=\/)/);
  // <wbr>, not a box per segment: the text (and what a screen reader reads) stays one string.
  return (
    <span className={`break-words ${className}`}>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </span>
  );
}

/**
 * Each path shortened to its end, "…/" and as few trailing segments (at least `min`) as tell it
 * apart from every other path of the list: rows of paths usually share a long start and differ at
 * the end ("…/acme-cli/catalog-info.yaml", "…/shipments-service/blob/main/catalog-info.yaml").
 * A path that needs all its segments stays whole.
 */
export function distinctTails(paths: string[], min = 2): string[] {
  const segments = paths.map((p) => p.split('/'));
  const tail = (parts: string[], k: number) => parts.slice(-k).join('/');
  return segments.map((parts, i) => {
    // (Leaving out only the root "/" would shorten nothing.)
    const whole = parts[0] === '' ? parts.length - 1 : parts.length;
    for (let k = min; k < whole; k++) {
      const mine = tail(parts, k);
      if (segments.every((other, j) => j === i || tail(other, k) !== mine || other.length <= k)) return `…/${mine}`;
    }
    return paths[i];
  });
}
