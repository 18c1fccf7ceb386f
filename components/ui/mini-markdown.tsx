import Link from 'next/link';
import type { ReactNode } from 'react';

// Remediation texts, "seen" values and API descriptions are a small Markdown: `code`, **bold** and
// [links](url) in paragraphs and bullet lists. Rendered as React elements (never as HTML), and only
// http(s) and same-site links become links.

/** Links sit in running text, so they are underlined rather than set apart by colour alone. */
const LINK = 'underline underline-offset-2';

/**
 * Outside code: a backslash-escaped ASCII punctuation character (CommonMark's, shown as written:
 * how repository text is put into Markdown, lib/scorecards/model/code-span.ts), bold and links. A
 * label holds no bracket and a target no parenthesis, so each match attempt stops at the next one:
 * the text is read in time that grows with its length (a repository's OpenAPI description is
 * rendered on the server for each page view).
 */
const TOKEN = /\\([!-/:-@[-`{-~])|\*\*([^*]+)\*\*|\[([^[\]]+)\]\(([^()\s]+)\)/g;

function codeText(content: string): string {
  const text = content.replace(/\r?\n/g, ' ');
  // Not /^ .*[^ ].* $/s, whose two `.*` share the text's characters: its square in time.
  return text.startsWith(' ') && text.endsWith(' ') && /[^ ]/.test(text) ? text.slice(1, -1) : text;
}

/**
 * The text cut at its code spans, as CommonMark reads them: a run of backticks is closed only by
 * the next run of the same length (so a value holding backticks sits in a longer fence, ``a`b``,
 * and stays code); a run with none after it is text. Runs are indexed by length, and each length's
 * cursor only moves on, so this too is linear.
 */
function splitCode(text: string): { code: boolean; text: string; at: number }[] {
  const runs = [...text.matchAll(/`+/g)].map((m) => ({ at: m.index, length: m[0].length }));
  const byLength = new Map<number, number[]>();
  runs.forEach((run, i) => {
    if (!byLength.has(run.length)) byLength.set(run.length, []);
    byLength.get(run.length)!.push(i);
  });
  const cursor = new Map<number, number>();
  const parts: { code: boolean; text: string; at: number }[] = [];
  let last = 0;
  for (let i = 0; i < runs.length; i++) {
    let { at, length } = runs[i];
    // Outside code a backslash escapes the run's first backtick (inside, a backslash is text).
    let slashes = 0;
    while (at - slashes - 1 >= last && text[at - slashes - 1] === '\\') slashes++;
    if (slashes % 2) [at, length] = [at + 1, length - 1];
    if (!length) continue;
    const same = byLength.get(length) ?? [];
    let c = cursor.get(length) ?? 0;
    while (c < same.length && same[c] <= i) c++;
    cursor.set(length, c);
    if (c === same.length) continue;
    const close = runs[same[c]];
    if (at > last) parts.push({ code: false, text: text.slice(last, at), at: last });
    parts.push({ code: true, text: codeText(text.slice(at + length, close.at)), at });
    last = close.at + close.length;
    i = same[c];
  }
  if (last < text.length) parts.push({ code: false, text: text.slice(last), at: last });
  return parts;
}

/** Unlike safe-href.ts (catalog links: absolute only), a same-site path is a link here; mailto is not. */
function linkHref(href: string): string | null {
  if (/^https?:\/\//i.test(href)) return href;
  if (href.startsWith('/') && !href.startsWith('//')) return href;
  return null;
}

function inline(text: string, at: number): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const key = `${at + m.index}`;
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(<strong key={key}>{m[2]}</strong>);
    else {
      const href = linkHref(m[4]);
      if (!href) out.push(m[3]);
      else if (href.startsWith('/'))
        out.push(
          <Link key={key} href={href} className={LINK}>
            {m[3]}
          </Link>,
        );
      else
        out.push(
          <a key={key} href={href} target="_blank" rel="noreferrer" className={LINK}>
            {m[3]}
          </a>,
        );
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function MiniMarkdown({ text }: { text: string }) {
  return (
    <>
      {splitCode(text).flatMap((part) =>
        part.code ? (
          <code key={part.at} className="rounded bg-slate-100 px-1 py-0.5 text-[0.85em] dark:bg-slate-800">
            {part.text}
          </code>
        ) : (
          inline(part.text, part.at)
        ),
      )}
    </>
  );
}

const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+/;

export type MarkdownBlock = { list: boolean; lines: string[] };

/**
 * Paragraphs split at blank lines, a line break inside one read as a space (Markdown's soft break:
 * a description wrapped at 80 columns in its YAML is one paragraph); a block whose every line is a
 * list item stays a list.
 */
export function markdownBlocks(text: string): MarkdownBlock[] {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((block) => block.split('\n').map((l) => l.trim()))
    .map((lines) =>
      lines.every((l) => LIST_ITEM.test(l))
        ? { list: true, lines: lines.map((l) => l.replace(LIST_ITEM, '')) }
        : { list: false, lines: [lines.join(' ')] },
    );
}

export function MarkdownParagraphs({ text }: { text: string }) {
  return markdownBlocks(text).map((b, i) =>
    b.list ? (
      <ul key={i} className="list-disc space-y-0.5 pl-5">
        {b.lines.map((l, j) => (
          <li key={j}>
            <MiniMarkdown text={l} />
          </li>
        ))}
      </ul>
    ) : (
      <p key={i}>
        <MiniMarkdown text={b.lines[0]} />
      </p>
    ),
  );
}
