import Link from 'next/link';
import type { ReactNode } from 'react';

// Remediation texts and "seen" values are a small Markdown: `code`, **bold** and [links](url).
// Rendered as React elements (never as HTML), and only http(s) and same-site links become links.

const TOKEN = /`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

function safeHref(href: string): string | null {
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
    if (m[1] !== undefined)
      out.push(
        <code key={key} className="rounded bg-slate-100 px-1 py-0.5 text-[0.85em] dark:bg-slate-800">
          {m[1]}
        </code>,
      );
    else if (m[2] !== undefined) out.push(<strong key={key}>{m[2]}</strong>);
    else {
      const href = safeHref(m[4]);
      if (!href) out.push(m[3]);
      else if (href.startsWith('/'))
        out.push(
          <Link key={key} href={href}>
            {m[3]}
          </Link>,
        );
      else
        out.push(
          <a key={key} href={href} target="_blank" rel="noreferrer">
            {m[3]}
          </a>,
        );
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return <>{out}</>;
}
