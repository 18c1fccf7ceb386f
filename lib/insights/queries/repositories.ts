import 'server-only';
import { getDb } from '@/lib/db/client';
import type { TeamScope } from './scope';

// What the repository metrics need to know about each repository of the inventory, in one query:
// its catalog entities (from a `url` location reading the repository, or a
// github.com/project-slug annotation naming it), when the first of them appeared, their owners,
// and whether one records the template it came from.

export type RepositoryFacts = {
  url: string;
  owner: string;
  name: string;
  htmlUrl: string;
  archived: boolean;
  fork: boolean;
  topics: string[];
  teams: string[];
  createdAt: Date;
  firstDeployedAt: Date | null;
  registeredAt: Date | null;
  owners: string[];
  sourceTemplate: boolean;
};

export const SOURCE_TEMPLATE_KEY = 'metadata.annotations.backstage.io/source-template';
const PROJECT_SLUG_KEY = 'metadata.annotations.github.com/project-slug';

/** Every repository of the inventory (or the one with `only.url`), with what the catalog knows of it. */
export async function listRepositoryFacts(only?: { url: string }): Promise<RepositoryFacts[]> {
  const { driver } = await getDb();
  const { rows } = await driver.query<RepositoryFacts>(
    `WITH repo_entities AS (
       SELECT lower(split_part(l.target, '/blob/', 1)) AS url, e.id, e.owner, e."createdAt"
         FROM "Location" l JOIN "Entity" e ON e."locationId" = l.id
        WHERE l.type = 'url' AND l.target LIKE '%/blob/%'
       UNION
       SELECT r.url, e.id, e.owner, e."createdAt"
         FROM "EntitySearch" s JOIN "Entity" e ON e.id = s."entityId"
         JOIN "GithubRepository" r ON lower(r.owner || '/' || r.name) = s.value
        WHERE s.key = $1
     )
     SELECT r.url, r.owner, r.name, r."htmlUrl", r.archived, r.fork, r.topics, r.teams, r."createdAt", r."firstDeployedAt",
            min(re."createdAt") AS "registeredAt",
            coalesce(array_remove(array_agg(DISTINCT re.owner), NULL), '{}') AS owners,
            coalesce(bool_or(st."entityId" IS NOT NULL), false) AS "sourceTemplate"
       FROM "GithubRepository" r
       LEFT JOIN repo_entities re ON re.url = r.url
       LEFT JOIN "EntitySearch" st ON st."entityId" = re.id AND st.key = $2
      WHERE r."deletedAt" IS NULL AND ($3::text IS NULL OR r.url = $3)
      GROUP BY r.url
      ORDER BY r.owner, r.name`,
    [PROJECT_SLUG_KEY, SOURCE_TEMPLATE_KEY, only?.url.toLowerCase() ?? null],
  );
  return rows.map((r) => ({
    ...r,
    createdAt: new Date(r.createdAt),
    firstDeployedAt: r.firstDeployedAt && new Date(r.firstDeployedAt),
    registeredAt: r.registeredAt && new Date(r.registeredAt),
  }));
}

/** A repository belongs to a team when one of the team's groups has access to it or owns its entity. */
export function inScope(repo: Pick<RepositoryFacts, 'teams' | 'owners'>, scope: TeamScope | null): boolean {
  if (!scope) return true;
  return repo.teams.some((t) => scope.groups.has(t)) || repo.owners.some((o) => scope.groups.has(o));
}

export type TemplateTask = { id: string; templateRef: string; completedAt: Date; repository: string };

/** Completed (not dry-run) scaffolder tasks and the repository each one published. */
export async function listTemplateTasks(since: Date): Promise<TemplateTask[]> {
  const { driver } = await getDb();
  const { rows } = await driver.query<{ id: string; templateRef: string; completedAt: string | Date; remoteUrl: string }>(
    `SELECT t.id, t."templateRef", t."completedAt", s.output->>'remoteUrl' AS "remoteUrl"
       FROM "ScaffolderTask" t JOIN "ScaffolderTaskStep" s ON s."taskId" = t.id
      WHERE t.status = 'completed' AND NOT t."dryRun" AND t."completedAt" >= $1 AND s.output->>'remoteUrl' IS NOT NULL
      ORDER BY t."completedAt"`,
    [since],
  );
  return rows.map((r) => ({
    id: r.id,
    templateRef: r.templateRef,
    completedAt: new Date(r.completedAt),
    repository: r.remoteUrl.replace(/(\.git)?\/?$/, '').toLowerCase(),
  }));
}
