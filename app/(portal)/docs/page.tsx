import Link from 'next/link';
import { connection } from 'next/server';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { entityHref } from '@/lib/catalog/entity-href';
import { DOCS_PAGE_SIZE, listDocumentedEntities, TECHDOCS_REF, type DocumentedEntity } from '@/lib/docs';
import { Pager, PREVIOUS_NEXT } from '@/components/ui/pager';
import { listHref } from '@/lib/http/paging';
import { PathText } from '@/components/ui/path-text';
import { CollapsedValues, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { Input } from '@/components/ui/input';
import { RefCombobox } from '@/components/catalog/ref-combobox';
import { ownerRefOf } from '@/lib/catalog/model/refs';
import { Button } from '@/components/ui/button';
import { pageActor } from '@/lib/auth/authorize';

export const metadata = { title: 'Docs' };

type Props = { searchParams: Promise<{ owner?: string | string[]; q?: string | string[]; page?: string | string[] }> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim().slice(0, 200) || undefined;
const when = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—');

function Freshness({ e }: { e: DocumentedEntity }) {
  if (e.staleSince) return <Badge tone="amber">Changed {when(e.staleSince)}, rebuilding</Badge>;
  if (e.failure) return <Badge tone="red">Source unreachable: last good build shown</Badge>;
  if (!e.builtAt) return <Badge tone="neutral">Not built yet</Badge>;
  if (e.problems)
    return (
      <Badge tone="red">
        {e.problems} problem{e.problems === 1 ? '' : 's'}
      </Badge>
    );
  return <Badge tone="green">Up to date</Badge>;
}

export default async function DocsPage({ searchParams }: Props) {
  await connection();
  await pageActor();
  const query = await searchParams;
  const ownerText = one(query.owner);
  const owner = ownerText && ownerRefOf(ownerText);
  const q = one(query.q);
  const { entities, total, page, pages } = await listDocumentedEntities({ owner, q, page: query.page });
  return (
    <>
      <PageHeader
        title="Docs"
        description={`Documentation that lives with the code: every entity with a ${TECHDOCS_REF} annotation, rendered from its repository.`}
      />
      <form action="/docs" role="search" aria-label="Docs filters" className="mb-4 flex flex-wrap gap-2">
        <Input
          name="q"
          type="search"
          defaultValue={q}
          placeholder="Filter by name, description or tag"
          aria-label="Filter docs by text"
          inline
          // A line of its own on a phone, so that the placeholder fits; beside the owner filter from sm up.
          className="w-full min-w-0 sm:w-auto sm:max-w-sm sm:flex-1"
        />
        <RefCombobox
          kinds={['group', 'user']}
          name="owner"
          defaultValue={ownerText}
          placeholder="Any owner"
          aria-label="Filter docs by owner"
          inline
          className="w-full sm:w-56"
        />
        <Button type="submit">Filter</Button>
      </form>
      {entities.length === 0 ? (
        <EmptyState title={q || owner ? 'No docs match the filter' : 'No documented entities yet'}>
          {q || owner ? (
            <Link href="/docs">Clear the filter</Link>
          ) : (
            <>
              Add <code>{TECHDOCS_REF}: dir:.</code> to an entity&apos;s annotations and an mkdocs.yml next to its catalog-info.yaml.
            </>
          )}
        </EmptyState>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">
            {total.toLocaleString('en-US')} {q || owner ? 'matching' : 'documented'} {total === 1 ? 'entity' : 'entities'}
            {pages > 1 && `, ${DOCS_PAGE_SIZE} a page`}
          </p>
          <Table label="Documented entities">
            <TableHead>
              <tr>
                <TableHeader>Docs</TableHeader>
                <TableHeader>Owner</TableHeader>
                <TableHeader collapse>Source last updated</TableHeader>
                <TableHeader collapse>Freshness</TableHeader>
              </tr>
            </TableHead>
            <TableBody>
              {entities.map((e) => (
                <TableRow key={e.ref} id={e.ref} className="align-top">
                  <TableCell className="min-w-48">
                    <Link href={entityHref(e.ref, '/docs')} prefetch={false} className="font-medium">
                      {e.siteName ?? e.title ?? e.name}
                    </Link>{' '}
                    <span className="text-xs text-slate-500 dark:text-slate-400">
                      {e.kind} {e.name}
                    </span>
                    {e.description && <p className="mt-0.5 max-w-xl text-xs text-slate-600 dark:text-slate-400">{e.description}</p>}
                    <div className="mt-0.5 font-mono text-[11px] text-slate-500 dark:text-slate-400">
                      <PathText text={e.source} />
                    </div>
                    <CollapsedValues
                      inline
                      values={[
                        { label: 'Source last updated', value: when(e.sourceChangedAt) },
                        { label: 'Freshness', value: <Freshness e={e} /> },
                      ]}
                    />
                  </TableCell>
                  <TableCell className="whitespace-nowrap">
                    {e.owner ? (
                      <Link href={entityHref(e.owner)} prefetch={false}>
                        {e.owner.replace(/^group:default\//, '')}
                      </Link>
                    ) : (
                      '—'
                    )}
                  </TableCell>
                  <TableCell collapse className="whitespace-nowrap text-xs">
                    {when(e.sourceChangedAt)}
                  </TableCell>
                  <TableCell collapse>
                    <Freshness e={e} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Pager
            label="Docs pages"
            page={page}
            pages={pages}
            hrefOf={(n) => listHref('/docs', { q, owner, page: n })}
            labels={PREVIOUS_NEXT}
          />
        </>
      )}
    </>
  );
}
