import 'server-only';
import { getPrisma } from '@/lib/db/client';
import { checkEntityOwner } from './authorize';
import type { RecordAccess } from './guard';
import { isUuid } from '@/lib/db/uuid';

// The records actions and routes name (see guard.ts). Each says how it is loaded and what is
// checked on it beyond the role.

/** What an action learns about the entity it acts on. */
export type EntityRecord = { uid: string; ref: string; kind: string; namespace: string; name: string };

const SELECT = { id: true, ref: true, kind: true, namespace: true, name: true } as const;

function entityAccess(
  target: string,
  missing: string,
  find: () => Promise<{ id: string; ref: string; kind: string; namespace: string; name: string } | null>,
): RecordAccess<EntityRecord> {
  return {
    target,
    missing,
    load: async () => {
      const row = await find();
      return row && { uid: row.id, ref: row.ref, kind: row.kind, namespace: row.namespace, name: row.name };
    },
    // Edits and deletes: admins and leads of the owning group (or a group above it).
    check: (actor, permission, entity) => checkEntityOwner(actor, permission, entity.ref),
  };
}

/** An entity by its ref (any case). */
export function entityRecord(entityRef: string): RecordAccess<EntityRecord> {
  const ref = entityRef.trim().toLowerCase();
  return entityAccess(ref, `${ref} is not in the catalog`, async () =>
    (await getPrisma()).entity.findUnique({ where: { ref }, select: SELECT }),
  );
}

/** An entity by its uid (metadata.uid), with Backstage's 404 message. */
export function entityRecordByUid(uid: string): RecordAccess<EntityRecord> {
  return entityAccess(`uid:${uid}`, `No entity with uid ${uid}`, async () =>
    isUuid(uid) ? (await getPrisma()).entity.findUnique({ where: { id: uid }, select: SELECT }) : null,
  );
}
