import 'server-only';
import { getDb } from '@/lib/db/client';
import { repositoryOf, type EntityRepository } from '../model/repository-of';

/** From a trusted location, or portal-managed: whose `github.com/project-slug` is believed (repository-of.ts). */
export const VOUCHED = `coalesce((SELECT l."trusted" FROM "Location" l WHERE l."id" = "Entity"."locationId"), true)`;

/** The GitHub repository an entity comes from (repository-of.ts), or null when it names none. */
export async function getEntityRepository(ref: string): Promise<EntityRepository | null> {
  const { driver } = await getDb();
  // Only the metadata: an API's body carries its whole definition.
  const { rows } = await driver.query<{ metadata: string | null; vouched: boolean }>(
    `SELECT ("body"->'metadata')::text AS "metadata", ${VOUCHED} AS "vouched" FROM "Entity" WHERE "ref" = $1`,
    [ref],
  );
  const row = rows[0];
  if (!row?.metadata) return null;
  return repositoryOf({ metadata: JSON.parse(row.metadata) as Record<string, unknown> }, row.vouched);
}
