import 'server-only';
import { getDb } from '@/lib/db/client';
import { dayKey } from '@/lib/insights/model/weeks';
import { getLogger } from '@/lib/observability/logger';
import type { Actor } from './permissions';
import { personIdOf } from './users';

// Who used the portal, counted: one row per person per day with counts per page route pattern and
// per server action name (no URLs with ids, no content). Written here, beside the audit log,
// because every server action counts its use (lib/auth/action.ts); the insights domain reads it.

/** The portal user behind a session actor (`user:<id>`); tokens and services are not people. */
export function personOf(actor: Actor): { userId: string; userRef: string | null } | null {
  const userId = personIdOf(actor);
  return userId ? { userId, userRef: actor.userRef ?? null } : null;
}

const COUNT_SQL = (column: 'pages' | 'actions') =>
  `INSERT INTO "ActivityDay" ("userId", day, "userRef", ${column}) VALUES ($1, $2::date, $3, jsonb_build_object($4::text, 1))
   ON CONFLICT ("userId", day) DO UPDATE SET "userRef" = EXCLUDED."userRef",
     ${column} = "ActivityDay".${column} || jsonb_build_object($4::text, coalesce(("ActivityDay".${column}->>$4)::int, 0) + 1)`;

/** Counts a page view (by route pattern) on the person's row of the day. */
export async function recordVisit(person: { userId: string; userRef: string | null }, pattern: string, at = new Date()): Promise<void> {
  const { driver } = await getDb();
  await driver.query(COUNT_SQL('pages'), [person.userId, dayKey(at), person.userRef, pattern]);
}

/**
 * Counts a server action's use (by its name). Never fails the action it counts: a failure to
 * count is logged and dropped.
 */
export async function recordActionUse(actor: Actor, name: string, at = new Date()): Promise<void> {
  const person = personOf(actor);
  if (!person) return;
  try {
    const { driver } = await getDb();
    await driver.query(COUNT_SQL('actions'), [person.userId, dayKey(at), person.userRef, name]);
  } catch (err) {
    getLogger().warn({ err, action: name }, 'could not count an action use');
  }
}
