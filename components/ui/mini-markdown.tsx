import Link from 'next/link';
import type { ReactNode } from 'react';

// Remediation texts, "seen" values and API descriptions are a small Markdown: `code`, **bold** and
// [links](url) in paragraphs and bullet lists. Rendered as React elements (never as HTML), and only
// http(s) and same-site links become links.

/** Links sit in running text, so they are underlined rather than set apart by colour alone. */
const LINK = 'underline underline-offset-2';

/**
 * A code span as CommonMark reads it: a run of backticks is closed only by a run of the same length,
 * so a value holding backticks sits in a longer fence (``a`b``) and stays code; one space is taken
 * off each side of content that has one on both.
 */
const TOKEN = /(?<!`)(`+)(?!`)([\s\S]*?[^`])\1(?!`)|\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

function codeText(content: string): string {
  const text = content.replace(/\r?\n/g, ' ');
  return /^ .*[^ ].* $/s.test(text) ? text.slice(1, -1) : text;
}

/** Unlike safe-href.ts (catalog links: absolute only), a same-site path is a link here; mailto is not. */
function linkHref(href: string): string | null {
  if (/^https?:\/\//i.test(href)) return href;
  if (href.startsWith('/') && !href.startsWith('//')) return href;
  return null;
}

export function MiniMarkdown({ text }: { text: string }) {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const key = `${m.index}`;
    if (m[2] !== undefined)
      out.push(
        <code key={key} className="rounded bg-slate-100 px-1 py-0.5 text-[0.85em] dark:bg-slate-800">
          {codeText(m[2])}
        </code>,
      );
    else if (m[3] !== undefined) out.push(<strong key={key}>{m[3]}</strong>);
    else {
      const href = linkHref(m[5]);
      if (!href) out.push(m[4]);
      else if (href.startsWith('/'))
        out.push(
          <Link key={key} href={href} className={LINK}>
            {m[4]}
          </Link>,
        );
      else
        out.push(
          <a key={key} href={href} target="_blank" rel="noreferrer" className={LINK}>
            {m[4]}
          </a>,
        );
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return <>{out}</>;
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
