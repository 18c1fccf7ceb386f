import 'server-only';
import path from 'node:path';
import type { Entity } from '@/lib/catalog/model';
import { displayTarget, isUrl } from '@/lib/catalog/ingest/location-target';
import { getPrisma } from '@/lib/db/client';

// Entities that publish TechDocs (backstage.io/techdocs-ref), and where their docs live.

export const TECHDOCS_REF = 'backstage.io/techdocs-ref';

export type DocumentedEntity = {
  ref: string;
  kind: string;
  name: string;
  title: string | null;
  description: string | null;
  owner: string | null;
  techdocsRef: string;
  /** The docs folder or URL the ref points at, resolved against the descriptor's own location. */
  source: string;
  /** When a push last changed the docs sources and they have not been rebuilt since (else null). */
  staleSince: Date | null;
};

/**
 * Resolves a techdocs-ref (`dir:<path>` relative to the descriptor, or `url:<url>`) to the place
 * the docs are read from, as Backstage does.
 */
export function resolveDocsSource(techdocsRef: string, sourceFile: string | null): string {
  const [scheme, ...rest] = techdocsRef.split(':');
  const target = rest.join(':');
  if (scheme === 'url') return target;
  if (scheme !== 'dir' || !sourceFile) return techdocsRef;
  if (isUrl(sourceFile)) return new URL(target.endsWith('/') ? target : `${target}/`, sourceFile).toString();
  return displayTarget({ type: 'file', target: path.resolve(path.dirname(sourceFile), target) });
}

export async function listDocumentedEntities(): Promise<DocumentedEntity[]> {
  const prisma = await getPrisma();
  const rows = await prisma.entity.findMany({
    where: { search: { some: { key: `metadata.annotations.${TECHDOCS_REF}` } } },
    select: { ref: true, kind: true, name: true, title: true, owner: true, body: true, sourceFile: true },
    orderBy: [{ name: 'asc' }],
  });
  const states = await prisma.docsState.findMany({ where: { entityRef: { in: rows.map((r) => r.ref) } } });
  const stale = new Map(states.filter((d) => !d.builtAt || d.builtAt < d.changedAt).map((d) => [d.entityRef, d.changedAt]));
  return rows.map((r) => {
    const body = r.body as Entity;
    const techdocsRef = body.metadata.annotations?.[TECHDOCS_REF] ?? '';
    return {
      ref: r.ref,
      kind: r.kind,
      name: r.name,
      title: r.title,
      description: typeof body.metadata.description === 'string' ? body.metadata.description : null,
      owner: r.owner,
      techdocsRef,
      source: resolveDocsSource(techdocsRef, r.sourceFile),
      staleSince: stale.get(r.ref) ?? null,
    };
  });
}
