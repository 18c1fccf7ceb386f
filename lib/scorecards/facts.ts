import 'server-only';
import { getDb } from '@/lib/db/client';
import type { QueryFn } from '@/lib/db/driver';
import { repoFactsSchema, type EntityFacts } from './model/facts';
import { VOUCHED } from '@/lib/catalog';
import { repositoryOf } from '@/lib/catalog/model';
import { canReadRepositories } from './repository-facts';

const NO_INTEGRATION = 'no GitHub integration is configured to read it (add one under integrations.github)';

// Gathers what the checks look at, a few set-based queries for any number of entities (the whole
// catalog in a full rescore, one entity after a change), each with one array parameter.

type Json = Record<string, unknown>;
type Row = Pick<EntityFacts, 'ref' | 'kind' | 'specType' | 'lifecycle' | 'tags' | 'owner' | 'system'> & { body: string; vouched: boolean };

const iso = (v: unknown): string | null =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();
// A text[] parameter: the planner uses the indexes (a jsonb list expanded in SQL made it scan).
const ANY_REF = `ANY($1::text[])`;

/** Entities by ref, or (refs null) every entity of the given kinds (null: every kind). */
export async function loadEntityFacts(select: { refs: string[] } | { kinds: string[] | null }): Promise<EntityFacts[]> {
  const { driver } = await getDb();
  const query: QueryFn = driver.query;
  // Checks read metadata and spec; an API's definition (often large) stays in the database. As text,
  // parsed here: one parse per row instead of one per JSON column.
  const cols = `"ref","kind","specType","lifecycle","tags","owner","system",
    CASE WHEN lower("kind") = 'api' THEN ("body"::jsonb #- '{spec,definition}')::text ELSE "body"::text END AS "body",
    ${VOUCHED} AS "vouched"`;
  const { rows } =
    'refs' in select
      ? await query<Row>(`SELECT ${cols} FROM "Entity" WHERE "ref" = ${ANY_REF}`, [select.refs])
      : select.kinds
        ? await query<Row>(`SELECT ${cols} FROM "Entity" WHERE lower("kind") = ANY($1::text[])`, [select.kinds.map((k) => k.toLowerCase())])
        : await query<Row>(`SELECT ${cols} FROM "Entity"`);
  if (rows.length === 0) return [];
  const refs = rows.map((r) => r.ref);
  // The whole catalog: no list to filter by (a scan of each small table is cheaper).
  const only = 'refs' in select ? refs : null;
  const IN_LIST = `($1::text[] IS NULL OR %s = ANY($1::text[]))`;
  const inList = (col: string) => IN_LIST.replace('%s', col);

  const { rows: provides } = await query<{ sourceRef: string; targetRef: string }>(
    `SELECT DISTINCT "sourceRef","targetRef" FROM "Relation" WHERE "type" = 'providesApi' AND ${inList('"sourceRef"')}`,
    [only],
  );
  const related = [
    ...new Set([...rows.flatMap((r) => [r.owner, r.system]), ...provides.map((p) => p.targetRef)].filter((x): x is string => !!x)),
  ];
  const { rows: others } = await query<{ ref: string; kind: string; specType: string | null; hasDefinition: boolean }>(
    `SELECT "ref","kind","specType",
            (lower("kind") = 'api' AND coalesce(length(body->'spec'->>'definition'), 0) > 0) AS "hasDefinition"
       FROM "Entity" WHERE "ref" = ${ANY_REF}`,
    [related],
  );
  const { rows: problems } = await query<{ entityRef: string; message: string }>(
    `SELECT "entityRef","message" FROM "ProcessingError" WHERE ${inList('"entityRef"')}`,
    [only],
  );
  const { rows: docs } = await query<{
    entityRef: string;
    builtAt: unknown;
    changedAt: unknown;
    failure: string | null;
    problemCount: number;
  }>(
    `SELECT s."entityRef", s."builtAt", GREATEST(s."sourceChangedAt", d."changedAt") AS "changedAt", s."failure", jsonb_array_length(s."problems") AS "problemCount"
       FROM "DocsSite" s LEFT JOIN "DocsState" d ON d."entityRef" = s."entityRef" WHERE ${inList('s."entityRef"')}`,
    [only],
  );
  const bodies = rows.map((r) => {
    const { metadata, spec } = JSON.parse(r.body) as { metadata?: Json; spec?: Json };
    const body = { metadata: metadata ?? {}, spec: spec ?? {} } as EntityFacts['body'];
    return { row: r, body, repository: repositoryOf(body, r.vouched) };
  });
  const repoNames = [...new Set(bodies.flatMap((b) => (b.repository && !b.repository.unbelieved ? [b.repository.name] : [])))];
  const { rows: repos } = await query<{ repository: string; facts: unknown; error: string | null }>(
    `SELECT "repository","facts","error" FROM "RepositoryFacts" WHERE "repository" = ${ANY_REF}`,
    [repoNames],
  );

  const readable = canReadRepositories();
  const byRef = new Map(others.map((o) => [o.ref, o]));
  const providedBy = groupBy(provides, (p) => p.sourceRef);
  const problemsOf = groupBy(problems, (p) => p.entityRef);
  const docsOf = new Map(docs.map((d) => [d.entityRef, d]));
  const repoOf = new Map(repos.map((r) => [r.repository, r]));
  return bodies.map(({ row, body, repository }) => {
    const owner = row.owner ? byRef.get(row.owner) : undefined;
    const system = row.system ? byRef.get(row.system) : undefined;
    const d = docsOf.get(row.ref);
    const repoName = repository?.name;
    const repo = repository && !repository.unbelieved ? repoOf.get(repository.name) : undefined;
    const parsedFacts = repo ? repoFactsSchema.safeParse(typeof repo.facts === 'string' ? JSON.parse(repo.facts) : repo.facts) : null;
    return {
      ref: row.ref,
      kind: row.kind,
      specType: row.specType,
      lifecycle: row.lifecycle,
      tags: row.tags ?? [],
      owner: row.owner,
      system: row.system,
      body,
      ownerEntity: owner ? { kind: owner.kind, specType: owner.specType } : null,
      systemExists: !!system && system.kind.toLowerCase() === 'system',
      providedApis: (providedBy.get(row.ref) ?? []).map((p) => {
        const api = byRef.get(p.targetRef);
        return { ref: p.targetRef, exists: !!api, type: api?.specType ?? null, hasDefinition: !!api?.hasDefinition };
      }),
      problems: (problemsOf.get(row.ref) ?? []).map((p) => ({ message: p.message })),
      docs: d
        ? { builtAt: iso(d.builtAt), sourceChangedAt: iso(d.changedAt), failure: d.failure, problemCount: Number(d.problemCount) }
        : null,
      repository: repoName
        ? {
            name: repoName,
            facts: parsedFacts?.success ? parsedFacts.data : null,
            error: repository?.unbelieved ?? repo?.error ?? (readable ? null : NO_INTEGRATION),
          }
        : null,
    };
  });
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  return items.reduce((m, t) => (m.get(key(t))?.push(t) ?? m.set(key(t), [t]), m), new Map<string, T[]>());
}
