import 'server-only';
import { z } from 'zod';
import { refOfParams } from '@/lib/catalog';
import { AppError } from '@/lib/errors';
import { isInlineSafe } from './model/content-type';
import { normaliseDocsPath } from './model/paths';
import { documentedRefs, getDocsAsset, getDocsPage, getDocsSite } from './queries';
import { MAX_ASSET_BYTES } from './local-source';
import { TECHDOCS_REF } from './source-of';

// The docs read API (/api/docs/:namespace/:kind/:name[/page/*path | /assets/*path]): for tools,
// the search indexer and the pages' own images. apiRoute authenticates (session or bearer token).

const segment = z.string().min(1).max(253);
const paramsSchema = z.object({ namespace: segment, kind: segment, name: segment });

function refOf(params: unknown): string {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'the URL must be /api/docs/<namespace>/<kind>/<name>');
  return refOfParams(parsed.data);
}

function pathOf(segments: string[] | undefined): string {
  let joined: string;
  try {
    joined = (segments ?? []).map((s) => decodeURIComponent(s)).join('/');
  } catch {
    throw new AppError('BAD_REQUEST', 'the path is not validly URL-encoded');
  }
  const p = normaliseDocsPath(joined);
  if (p === null) throw new AppError('BAD_REQUEST', `"${joined}" is not a path inside the docs`);
  return p;
}

/** Docs are served while their entity is in the catalog with a techdocs-ref (the last build's rows outlive it). */
async function documentedOrThrow(ref: string): Promise<void> {
  if (!(await documentedRefs([ref])).has(ref)) throw new AppError('NOT_FOUND', `${ref} is not in the catalog with docs (${TECHDOCS_REF})`);
}

async function siteOrThrow(ref: string) {
  await documentedOrThrow(ref);
  const site = await getDocsSite(ref);
  if (!site || !site.builtAt)
    throw new AppError('NOT_FOUND', `no docs have been built for ${ref}${site?.failure ? `: ${site.failure}` : ''}`);
  return site;
}

export async function docsSiteResponse(params: unknown): Promise<Response> {
  const ref = refOf(params);
  const site = await siteOrThrow(ref);
  return Response.json({
    entityRef: ref,
    name: site.siteName,
    description: site.description,
    nav: site.nav,
    source: { type: site.sourceType, location: site.source, commit: site.sourceKey, lastChangedAt: site.sourceChangedAt },
    builtAt: site.builtAt,
    problems: site.problems,
    failure: site.failure ? { message: site.failure, at: site.failedAt } : null,
  });
}

export async function docsPageResponse(params: unknown, segments: string[] | undefined): Promise<Response> {
  const ref = refOf(params);
  await siteOrThrow(ref);
  const pagePath = pathOf(segments);
  const page = await getDocsPage(ref, pagePath);
  if (!page) throw new AppError('NOT_FOUND', `the docs of ${ref} have no page "${pagePath}"`);
  return Response.json({
    entityRef: ref,
    path: page.path,
    file: page.file,
    title: page.title,
    html: page.html,
    toc: page.toc,
    error: page.error,
    lastChangedAt: page.changedAt,
  });
}

/**
 * A file of the last good build. Sent so that nothing in it can run: a sandbox CSP, nosniff, and
 * anything a browser could execute as a document (HTML, SVG, unknown types) as a download.
 */
export async function docsAssetResponse(params: unknown, segments: string[] | undefined): Promise<Response> {
  const ref = refOf(params);
  const assetPath = pathOf(segments);
  await documentedOrThrow(ref);
  const asset = await getDocsAsset(ref, assetPath);
  if (!asset) throw new AppError('NOT_FOUND', `the docs of ${ref} have no file "${assetPath}"`);
  if (asset.data.length > MAX_ASSET_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `${assetPath} is over ${MAX_ASSET_BYTES} bytes`);
  const inline = isInlineSafe(asset.contentType);
  const name = assetPath.split('/').pop() ?? 'file';
  return new Response(new Uint8Array(asset.data), {
    headers: {
      'Content-Type': asset.contentType,
      'Content-Length': String(asset.data.length),
      'Content-Security-Policy': "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'",
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="${name.replace(/[^\w.-]/g, '_')}"`,
      'Cache-Control': 'private, max-age=300',
      ETag: `"${asset.sha}"`,
    },
  });
}
