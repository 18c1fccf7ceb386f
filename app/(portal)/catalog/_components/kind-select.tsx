'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { kindLabel } from '@/components/catalog/entity-kind-badge';
import { rememberCatalogKindAction } from '@/lib/catalog/actions';
import { ALL_KINDS, catalogHref, kindFormFields, type CatalogParams } from '@/lib/catalog/queries/catalog-params';
import { Button } from '@/components/ui/button';
import { controlClass } from '@/components/ui/input';

const plural = (kind: string) => (kind === 'API' ? 'APIs' : `${kind}s`);

/**
 * The kind the list shows, as Backstage's kind picker: choosing one remembers it for this person
 * (the list opens on it next time). Without JavaScript it is a GET form with a Show button, which
 * keeps what else the list shows (Owned or Starred, facets, text, sort).
 */
export function KindSelect({ params, kinds }: { params: CatalogParams; kinds: { value: string; count: number }[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const selected = params.filters.kind;
  const value = selected.length === 0 ? ALL_KINDS : selected.length === 1 ? selected[0] : '';
  const total = kinds.reduce((n, k) => n + k.count, 0);
  return (
    <form action="/catalog" method="get" className="flex items-center gap-2">
      <label htmlFor="catalog-kind" className="text-sm font-medium text-slate-700 dark:text-slate-300">
        Kind
      </label>
      <select
        id="catalog-kind"
        name="kind"
        value={value}
        disabled={pending}
        onChange={(e) => {
          const kind = e.target.value;
          start(async () => {
            await rememberCatalogKindAction({ kind });
            router.push(catalogHref(params, { filters: { ...params.filters, kind: kind === ALL_KINDS ? [] : [kind] }, page: 1 }));
          });
        }}
        className={`${controlClass} pr-8 font-medium`}
      >
        {value === '' && <option value="">{selected.length} kinds</option>}
        {kinds.map((k) => (
          <option key={k.value} value={k.value}>
            {plural(kindLabel(k.value))} ({k.count})
          </option>
        ))}
        {!kinds.some((k) => k.value === value) && value !== '' && value !== ALL_KINDS && (
          <option value={value}>{plural(kindLabel(value))} (0)</option>
        )}
        <option value={ALL_KINDS}>All kinds ({total})</option>
      </select>
      {kindFormFields(params).map(([name, v], i) => (
        <input key={`${name}-${i}`} type="hidden" name={name} value={v} />
      ))}
      <noscript>
        <Button type="submit" variant="secondary">
          Show
        </Button>
      </noscript>
    </form>
  );
}
