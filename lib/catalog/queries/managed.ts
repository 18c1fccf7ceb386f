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
