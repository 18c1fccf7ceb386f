import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { getPrisma } from '@/lib/db/client';
import { getLogger } from '@/lib/observability/logger';

// The audit log: every mutation made in the portal or through the API, and every mutation that a
// permission check refused, as one row (who, what, on which record, details). Server actions and
// route handlers record what they changed; createAction and apiRoute record refusals.

/** Who did it, as the audit log names them: a catalog User ref, else the login, else the actor id. */
export type AuditActor = { id: string; login?: string | null; userRef?: string | null };

export function actorLabel(actor: AuditActor | string): string {
  return typeof actor === 'string' ? actor : (actor.userRef ?? actor.login ?? actor.id);
}

export type AuditEntry = {
  /** `<thing>.<verb>`: entity.create, location.register, token.revoke, permission.refused, … */
  action: string;
  /** The record: an entity ref, a location ref (`url:…`, `file:…`), `token:<prefix>`, or null. */
  target?: string | null;
  details?: Prisma.InputJsonObject;
};

type AuditWriter = Pick<Prisma.TransactionClient, 'auditLog'>;

/**
 * Writes one audit row; with `db`, inside the caller's transaction (the row and the change commit
 * together). Without it, after the change: a failed write is logged loudly, and the change that
 * already happened is not turned into an error.
 */
export async function recordAudit(actor: AuditActor | string, entry: AuditEntry, db?: AuditWriter): Promise<void> {
  const data = { actor: actorLabel(actor), action: entry.action, target: entry.target ?? null, details: entry.details };
  if (db) {
    await db.auditLog.create({ data });
    return;
  }
  try {
    await (await getPrisma()).auditLog.create({ data });
  } catch (err) {
    getLogger().error({ err, actor: data.actor, action: data.action, target: data.target }, 'could not write an audit log row');
  }
}

/** A refused mutation: what was attempted, on which record, and the reason the caller was given. */
export function recordRefusal(actor: AuditActor, attempted: string, reason: string, target?: string | null): Promise<void> {
  return recordAudit(actor, { action: 'permission.refused', target: target ?? null, details: { attempted, reason } });
}
