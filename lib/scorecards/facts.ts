import 'server-only';
import { getDb } from '@/lib/db/client';
import type { QueryFn } from '@/lib/db/driver';
import { repoFactsSchema, type EntityFacts } from './model/facts';
import { repositoryOf } from './model/repository-of';

// Gathers what the checks look at, a few set-based queries for any number of entities (the whole
// catalog in a full rescore, one entity after a change). JSON array parameters, as ingestion does,
// rather than thousands of bind parameters.

type Row = { ref: string; kind: string; specType: string | null; lifecycle: string | null; tags: string[]; owner: string | null; system: string | null; body: EntityFacts['body'] | string };

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const json = (refs: string[]) => JSON.stringify(refs);
const IN_LIST = `ANY(SELECT jsonb_array_elements_text($1::jsonb))`;

/** Entities by ref, or (refs null) every entity of the given kinds (null: every kind). */
export async function loadEntityFacts(select: { refs: string[] } | { kinds: string[] | null }): Promise<EntityFacts[]> {
  const { driver } = await getDb();
  const query: QueryFn = driver.query;
  const cols = `"ref","kind","specType","lifecycle","tags","owner","system","body"`;
  const { rows } =
    'refs' in select
      ? await query<Row>(`SELECT ${cols} FROM "Entity" WHERE "ref" = ${IN_LIST}`, [json(select.refs)])
      : select.kinds
        ? await query<Row>(`SELECT ${cols} FROM "Entity" WHERE lower("kind") = ANY(SELECT lower(jsonb_array_elements_text($1::jsonb)))`, [json(select.kinds)])
        : await query<Row>(`SELECT ${cols} FROM "Entity"`);
  if (rows.length === 0) return [];
  const refs = rows.map((r) => r.ref);

  const { rows: provides } = await query<{ sourceRef: string; targetRef: string }>(
    `SELECT DISTINCT "sourceRef","targetRef" FROM "Relation" WHERE "type" = 'providesApi' AND "sourceRef" = ${IN_LIST}`,
    [json(refs)],
  );
  const related = [...new Set([...rows.flatMap((r) => [r.owner, r.system]), ...provides.map((p) => p.targetRef)].filter((x): x is string => !!x))];
  const { rows: others } = await query<{ ref: string; kind: string; specType: string | null; hasDefinition: boolean }>(
    `SELECT "ref","kind","specType",
            (lower("kind") = 'api' AND coalesce(length(body->'spec'->>'definition'), 0) > 0) AS "hasDefinition"
       FROM "Entity" WHERE "ref" = ${IN_LIST}`,
    [json(related)],
  );
  const { rows: problems } = await query<{ entityRef: string; message: string }>(`SELECT "entityRef","message" FROM "ProcessingError" WHERE "entityRef" = ${IN_LIST}`, [json(refs)]);
  const { rows: docs } = await query<{ entityRef: string; builtAt: unknown; changedAt: unknown; failure: string | null; problemCount: number }>(
    `SELECT s."entityRef", s."builtAt", GREATEST(s."sourceChangedAt", d."changedAt") AS "changedAt", s."failure", jsonb_array_length(s."problems") AS "problemCount"
       FROM "DocsSite" s LEFT JOIN "DocsState" d ON d."entityRef" = s."entityRef" WHERE s."entityRef" = ${IN_LIST}`,
    [json(refs)],
  );
  const bodies = rows.map((r) => ({ row: r, body: (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as EntityFacts['body'] }));
  const repoNames = [...new Set(bodies.map((b) => repositoryOf(b.body)?.name).filter((x): x is string => !!x))];
  const { rows: repos } = await query<{ repository: string; facts: unknown; error: string | null }>(
    `SELECT "repository","facts","error" FROM "RepositoryFacts" WHERE "repository" = ${IN_LIST}`,
    [json(repoNames)],
  );

  const byRef = new Map(others.map((o) => [o.ref, o]));
  const providedBy = group(provides, (p) => p.sourceRef);
  const problemsOf = group(problems, (p) => p.entityRef);
  const docsOf = new Map(docs.map((d) => [d.entityRef, d]));
  const repoOf = new Map(repos.map((r) => [r.repository, r]));
  return bodies.map(({ row, body }) => {
    const owner = row.owner ? byRef.get(row.owner) : undefined;
    const system = row.system ? byRef.get(row.system) : undefined;
    const d = docsOf.get(row.ref);
    const repoName = repositoryOf(body)?.name;
    const repo = repoName ? repoOf.get(repoName) : undefined;
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
      docs: d ? { builtAt: iso(d.builtAt), sourceChangedAt: iso(d.changedAt), failure: d.failure, problemCount: Number(d.problemCount) } : null,
      repository: repoName ? { name: repoName, facts: parsedFacts?.success ? parsedFacts.data : null, error: repo?.error ?? null } : null,
    };
  });
}

function group<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
