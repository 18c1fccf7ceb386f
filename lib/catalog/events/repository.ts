import 'server-only';
import { getPrisma } from '@/lib/db/client';
import { orgUrlOf, repoOf, type WebhookEvent } from '@/lib/github/webhooks/events';
import type { Prisma } from '@/generated/prisma/client';
import { ingestLocationTree, ingestNewChildren } from '../ingest/ingest-location';
import { entityRefsOfLocations, prismaQuery } from '../ingest/write-entities';
import { notifyEntitiesWritten } from '../ingest/write-listeners';
import { locationRef } from '../model/location-target';
import { orgLocations, urlLocationsOfRepo } from './locations-of';

/**
 * created / unarchived → discover; renamed / transferred → locations follow the new URL (a trusted
 * one not to another owner);
 * archived / deleted → the repository's locations and entities go, with the reason audited.
 */
export async function onRepository(payload: WebhookEvent<'repository'>): Promise<void> {
  const repo = repoOf(payload);
  const action = payload.action;
  if (!repo) return;
  const prisma = await getPrisma();
  const origin = new URL(repo.htmlUrl).origin;

  if (action === 'created' || action === 'unarchived' || action === 'publicized' || action === 'privatized') {
    const orgUrl = orgUrlOf(payload);
    if (orgUrl) for (const d of await orgLocations('github-discovery', orgUrl)) await ingestLocationTree(d.id);
    return;
  }

  if (action === 'renamed' || action === 'transferred') {
    const { changes } = payload;
    const oldName = changes?.repository?.name?.from ?? repo.name;
    const oldOwner = changes?.owner?.from?.organization?.login ?? changes?.owner?.from?.user?.login ?? repo.owner;
    const oldUrl = `${origin}/${oldOwner}/${oldName}`;
    const otherOwner = oldOwner.toLowerCase() !== repo.owner.toLowerCase();
    for (const loc of await urlLocationsOfRepo(oldUrl)) {
      const target = `${repo.htmlUrl}${loc.target.slice(oldUrl.length)}`;
      // What a trusted location declares may establish identity and roles, and its rules may allow
      // Templates: that trust was given to the old owner's repository, not to whoever holds it now.
      // It stays where it was (its reads now fail, saying why: lib/github/client.ts) until an admin
      // names the new place.
      if (otherOwner && loc.trusted) {
        await prisma.auditLog.create({
          data: {
            actor: 'github',
            action: 'location.not-moved',
            target: `url:${loc.target}`,
            details: {
              to: target,
              reason: `repository transferred to ${repo.owner}; a trusted location does not follow it to another owner`,
            },
          },
        });
        await ingestLocationTree(loc.id);
        continue;
      }
      const clash = await prisma.location.findUnique({ where: { type_target: { type: 'url', target } } });
      if (clash) await deleteLocation(loc.id);
      else await prisma.location.update({ where: { id: loc.id }, data: { target } });
      await prisma.auditLog.create({
        data: {
          actor: 'github',
          action: 'location.moved',
          target: `url:${target}`,
          details: { from: loc.target, reason: `repository ${action}` },
        },
      });
      await ingestLocationTree(clash?.id ?? loc.id);
    }
    return;
  }

  if (action === 'archived' || action === 'deleted') {
    for (const loc of await urlLocationsOfRepo(repo.htmlUrl)) {
      const entities = await prisma.entity.findMany({ where: { locationId: loc.id }, select: { ref: true } });
      await deleteLocation(loc.id, (tx) =>
        tx.auditLog.create({
          data: {
            actor: 'github',
            action: 'location.removed',
            target: locationRef(loc),
            details: { reason: `repository ${repo.owner}/${repo.name} was ${action}`, entities: entities.map((e) => e.ref) },
          },
        }),
      );
      // Re-read the discovery location that produced it, so it agrees (and picks up what moved).
      if (loc.parentId) await ingestNewChildren(loc.parentId);
    }
  }
}

/** Deletes a location (its entities and child locations go with it) and tells the write listeners which entities went. */
async function deleteLocation(id: string, alongside?: (tx: Prisma.TransactionClient) => Promise<unknown>): Promise<void> {
  const prisma = await getPrisma();
  const gone = await prisma.$transaction(async (tx) => {
    const refs = await entityRefsOfLocations(prismaQuery(tx), [id]);
    await tx.location.delete({ where: { id } });
    await alongside?.(tx);
    return refs;
  });
  await notifyEntitiesWritten(gone);
}
