import 'server-only';
import { entityHref } from '@/lib/catalog';
import { parseEntityRef, shortOwnerRef } from '@/lib/catalog/model';
import { AppError } from '@/lib/errors';
import { recordSearchMiss } from '@/lib/insights';
import { encodePageCursor, parseSearchApiQuery, SEARCH_TYPES, SearchQueryError } from './model/search-query';
import { searchDocs, searchEntities, type DocsSearchHit, type EntityHit } from './queries';

// Backstage's search API (`GET /api/search/query`, search-backend's openapi.yaml): the results of
// every type asked for (the catalog's, then the docs'), ranked within each, as one list paged by
// Backstage's cursors (a page number in base64), with how many there are in all.

type Document = { title: string; text: string; location: string } & Record<string, string>;
type Result = { type: string; document: Document; rank: number };

/** As Backstage's catalog collator writes an entity's document. */
function entityDocument(h: EntityHit): Document {
  const { namespace } = parseEntityRef(h.ref);
  return {
    title: h.title ?? h.name,
    text: h.description ?? '',
    location: entityHref(h.ref),
    componentType: h.type ?? 'other',
    type: h.type ?? 'other',
    namespace,
    kind: h.kind,
    name: h.name,
    lifecycle: h.lifecycle ?? '',
    owner: h.owner ? shortOwnerRef(h.owner) : '',
  };
}

/** As Backstage's TechDocs collator writes a page's (a section's) document. */
function docsDocument(d: DocsSearchHit): Document {
  const { kind, namespace, name } = parseEntityRef(d.entityRef);
  return {
    title: d.heading && d.heading !== d.pageTitle ? `${d.pageTitle} › ${d.heading}` : d.pageTitle,
    text: d.snippet,
    location: `${entityHref(d.entityRef, '/docs')}${d.pagePath ? `/${d.pagePath}` : ''}${d.anchor ? `#${d.anchor}` : ''}`,
    kind,
    namespace,
    name,
    lifecycle: d.lifecycle ?? '',
    owner: d.owner ? shortOwnerRef(d.owner) : '',
    path: d.pagePath,
  };
}

export async function searchApiResponse(params: URLSearchParams): Promise<Response> {
  let q;
  try {
    q = parseSearchApiQuery(params);
  } catch (err) {
    if (err instanceof SearchQueryError) throw new AppError('BAD_REQUEST', err.message);
    throw err;
  }
  const results: Result[] = [];
  let numberOfResults = 0;
  let skip = q.offset;
  for (const type of q.types.length ? SEARCH_TYPES.filter((t) => q.types.includes(t)) : SEARCH_TYPES) {
    // Each type's window starts where the results before it end; one past the page is only counted.
    const window = { offset: skip, limit: q.limit - results.length };
    const found =
      type === 'software-catalog'
        ? await searchEntities(q.term, q.filters, window).then((r) => ({ total: r.total, documents: r.hits.map(entityDocument) }))
        : await searchDocs(q.term, q.filters, window).then((r) => ({ total: r.total, documents: r.hits.map(docsDocument) }));
    for (const document of found.documents) results.push({ type, document, rank: q.offset + results.length + 1 });
    numberOfResults += found.total;
    skip = Math.max(0, skip - found.total);
  }
  const filtered = Object.keys(q.filters).length > 0;
  if (q.term.trim() && numberOfResults === 0 && q.page === 0 && !filtered) void recordSearchMiss(q.term, 'api');
  return Response.json({
    results,
    numberOfResults,
    ...(q.offset + q.limit < numberOfResults && { nextPageCursor: encodePageCursor(q.page + 1) }),
    ...(q.page > 0 && { previousPageCursor: encodePageCursor(q.page - 1) }),
  });
}
