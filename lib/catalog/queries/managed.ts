import 'server-only';
import { catalogEntityOf, type Entity } from '@/lib/catalog/model';
import { displayTarget } from '@/lib/catalog/model/location-target';
import { getPrisma } from '@/lib/db/client';

// Reads for the create/edit forms of portal-managed entities (those with no location).

export type EditableEntity = {
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  body: Entity;
  rawYaml: string;
  /** Where the entity comes from when it is not portal-managed (then it cannot be edited here). */
  location: { id: string; display: string } | null;
  sourceFile: string | null;
};

export async function getEditableEntity(ref: string): Promise<EditableEntity | null> {
  const prisma = await getPrisma();
  const row = await prisma.entity.findUnique({
    where: { ref: ref.toLowerCase() },
    select: {
      ref: true,
      kind: true,
      namespace: true,
      name: true,
      title: true,
      body: true,
      rawYaml: true,
      sourceFile: true,
      location: { select: { id: true, type: true, target: true } },
    },
  });
  if (!row) return null;
  const body = catalogEntityOf(row.body);
  const metadata = { ...body.metadata };
  delete metadata.uid;
  delete metadata.etag;
  return {
    ...row,
    body: { apiVersion: body.apiVersion, kind: body.kind, metadata, ...(body.spec ? { spec: body.spec } : {}) },
    location: row.location ? { id: row.location.id, display: displayTarget(row.location) } : null,
  };
}

export type RefOption = { ref: string; label: string };

/**
 * Suggestions for an entity-ref field (owner, system), written the short way a descriptor would:
 * `group:team-a` for non-default kinds of the expected kind, `name` alone for the default kind.
 */
export async function listRefOptions(kinds: string[], defaultKind: string): Promise<RefOption[]> {
  const prisma = await getPrisma();
  const rows = await prisma.entity.findMany({
    where: { kind: { in: kinds } },
    select: { kind: true, namespace: true, name: true, title: true },
    orderBy: [{ kind: 'asc' }, { name: 'asc' }],
    take: 2000,
  });
  return rows.map((r) => {
    const ns = r.namespace === 'default' ? '' : `${r.namespace}/`;
    const ref = r.kind === defaultKind ? `${ns}${r.name}` : `${r.kind.toLowerCase()}:${ns}${r.name}`;
    return { ref, label: r.title ? `${r.title} (${r.kind})` : r.kind };
  });
}
