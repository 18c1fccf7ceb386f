'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { EntityRefLink } from '@/components/catalog/entity-ref-link';
import type { EntitySummary } from '@/lib/catalog/model/entity-summary';

type Suggestion = Pick<EntitySummary, 'ref' | 'kind' | 'namespace' | 'name' | 'title'>;

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    // A stray '%': the segment as written.
    return s;
  }
};

/**
 * The entity 404: names the ref that was looked for and offers entities with close names (a typo,
 * a rename, another kind). A not-found page receives no params, so the ref is read from the URL.
 */
export function EntityNotFound() {
  const [, , kind = '', namespace = '', name = ''] = usePathname().split('/').map(decode);
  const ref = `${kind}:${namespace}/${name}`.toLowerCase();
  const [suggestions, setSuggestions] = useState<Suggestion[] | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch(`/api/entity-suggestions?ref=${encodeURIComponent(ref)}`, { signal: controller.signal })
      .then((res) => (res.ok ? res.json() : { items: [] }))
      .then((body: { items: Suggestion[] }) => setSuggestions(body.items))
      .catch(() => setSuggestions([]));
    return () => controller.abort();
  }, [ref]);
  return (
    <div className="mx-auto max-w-xl py-16">
      <p className="text-sm font-medium text-brand-600 dark:text-brand-100">404</p>
      <h1 className="mt-1 text-2xl font-semibold">Not in the catalog</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">
        There is no entity <code className="break-all rounded bg-slate-100 px-1 font-mono text-sm dark:bg-slate-800">{ref}</code>. It may
        have been renamed, or removed from its source.
      </p>
      {suggestions === null ? (
        <p className="mt-6 text-sm text-slate-500 dark:text-slate-400">Looking for close matches…</p>
      ) : suggestions.length > 0 ? (
        <section aria-label="Close matches" className="mt-6">
          <h2 className="text-sm font-semibold">Did you mean</h2>
          <ul className="mt-2 space-y-1 text-sm">
            {suggestions.map((s) => (
              <li key={s.ref}>
                <EntityRefLink target={{ ...s, exists: true }} showKind />{' '}
                <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{s.ref}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <p className="mt-6 text-sm text-slate-500 dark:text-slate-400">No entity has a similar name.</p>
      )}
      <p className="mt-6 flex gap-4 text-sm">
        <Link href={`/search?q=${encodeURIComponent(name)}`}>Search for “{name}”</Link>
        <Link href="/catalog?kind=all">Browse the catalog</Link>
      </p>
    </div>
  );
}
