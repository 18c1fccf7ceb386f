import Link from 'next/link';
import type { ReactNode } from 'react';
import { EntityKindBadge } from '@/components/catalog/entity-kind-badge';
import { LifecycleBadge } from '@/components/catalog/lifecycle-badge';
import { Badge } from '@/components/ui/badge';
import { entityHref } from '@/lib/catalog/entity-href';
import { shortOwnerRef } from '@/lib/catalog/model/refs';
import type { DocsSearchHit, EntityHit } from '@/lib/search';

const LIST = 'divide-y divide-slate-100 dark:divide-slate-800';
const MUTED = 'text-xs text-slate-500 dark:text-slate-400';

/** Entities found, best first, the query's words marked. `start` is the first one's rank. */
export function EntityHits({ hits, words, start }: { hits: EntityHit[]; words: string[]; start: number }) {
  return (
    <ol className={LIST} start={start}>
      {hits.map((h) => (
        <li key={h.ref} className="py-2.5">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <Link href={entityHref(h.ref)} prefetch={false} className="font-medium break-words">
              {highlight(h.title ?? h.name, words)}
            </Link>
            {h.title && <span className={`font-mono ${MUTED} break-all`}>{highlight(h.name, words)}</span>}
            <EntityKindBadge kind={h.kind} />
            {h.type && <span className={MUTED}>{highlight(h.type, words)}</span>}
            <LifecycleBadge lifecycle={h.lifecycle} />
            {h.owner && <span className={MUTED}>owned by {highlight(shortOwnerRef(h.owner), words)}</span>}
          </div>
          {h.description && (
            <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">{highlight(snippet(h.description, words), words)}</p>
          )}
          {h.tags.length > 0 && (
            <div className="mt-1 flex flex-wrap gap-1">
              {h.tags.map((t) => (
                <Badge key={t} tone={words.some((w) => t.toLowerCase().includes(w)) ? 'brand' : 'neutral'}>
                  {t}
                </Badge>
              ))}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

/** Docs pages found, best first: the page and its section, the site, the text around the first word. */
export function DocsHits({ hits, words, start }: { hits: DocsSearchHit[]; words: string[]; start: number }) {
  return (
    <ol className={LIST} start={start}>
      {hits.map((d) => (
        <li key={`${d.entityRef}/${d.pagePath}`} className="py-2.5">
          <Link
            prefetch={false}
            href={`${entityHref(d.entityRef, '/docs')}${d.pagePath ? `/${d.pagePath}` : ''}${d.anchor ? `#${d.anchor}` : ''}`}
            className="font-medium break-words"
          >
            {highlight(d.heading && d.heading !== d.pageTitle ? `${d.pageTitle} › ${d.heading}` : d.pageTitle, words)}
          </Link>
          <span className={`ml-2 ${MUTED}`}>{d.siteName}</span>
          {d.snippet && <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">{highlight(d.snippet, words)}</p>}
        </li>
      ))}
    </ol>
  );
}

/** The text with every case-insensitive occurrence of any of the words marked. */
function highlight(text: string, words: string[]): ReactNode {
  const lower = text.toLowerCase();
  const marks: [number, number][] = [];
  for (const w of words) for (let i = lower.indexOf(w); i !== -1; i = lower.indexOf(w, i + w.length)) marks.push([i, i + w.length]);
  if (!marks.length) return text;
  marks.sort((a, b) => a[0] - b[0]);
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [from, to] of marks) {
    if (to <= at) continue;
    const start = Math.max(from, at);
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <mark key={start} className="rounded-sm bg-amber-200 px-0.5 text-slate-900 dark:bg-amber-700/60 dark:text-white">
        {text.slice(start, to)}
      </mark>,
    );
    at = to;
  }
  parts.push(text.slice(at));
  return parts;
}

/** Up to ~200 characters of the text around the first word found. */
function snippet(text: string, words: string[], size = 200): string {
  if (text.length <= size) return text;
  const lower = text.toLowerCase();
  const i = Math.max(0, Math.min(...words.map((w) => lower.indexOf(w)).filter((n) => n >= 0), lower.length));
  const start = Math.max(0, Math.min(i - 60, text.length - size));
  return `${start > 0 ? '…' : ''}${text.slice(start, start + size)}${start + size < text.length ? '…' : ''}`;
}
