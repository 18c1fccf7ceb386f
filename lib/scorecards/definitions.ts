import 'server-only';
import path from 'node:path';
import { recordAudit } from '@/lib/auth/audit';
import { readAnyUrl, readBoundedFile } from '@/lib/catalog';
import type { Actor } from '@/lib/auth/permissions';
import { getConfig } from '@/lib/config/load-config';
import { getPrisma } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { getLogger } from '@/lib/observability/logger';
import { formatDefinitionError, parseScorecard, scorecardSchema, type ScorecardDefinition } from './model/definition';

// Where scorecards come from: files (or URLs) under `scorecards:` in wayfinder.config.yaml, and
// admin edits in the portal. Each save is a new version; a refused file keeps the last good version
// in use and shows as a problem with file:line:column.

export type StoredScorecard = {
  id: string;
  title: string;
  source: string;
  sourceFile: string | null;
  version: number;
  yaml: string;
  definition: ScorecardDefinition;
  updatedAt: Date;
  updatedBy: string;
};

const MAX_BYTES = 256 * 1024;

// A version never changes once stored, so its parsed definition is kept per process (by id and
// version); every instance still reads which version is current from the database.
const parsed = new Map<string, ScorecardDefinition>();
function definitionOf(row: { id: string; version: number; definition: unknown }): ScorecardDefinition {
  const key = `${row.id}@${row.version}`;
  let def = parsed.get(key);
  if (!def) {
    const result = scorecardSchema.safeParse(row.definition);
    // It was valid when stored. A rule tightened since (a pattern refused now) must not take the
    // scorecards pages, its editor and every rescore down: the check does not run what it refuses
    // (lib/scorecards/model/checks.ts), and saving it again says what to change.
    if (!result.success)
      getLogger().warn(
        { scorecard: row.id, version: row.version, problem: result.error.issues[0]?.message },
        'stored scorecard no longer valid',
      );
    def = result.success ? result.data : (row.definition as ScorecardDefinition);
    if (parsed.size > 500) parsed.clear();
    parsed.set(key, def);
  }
  return def;
}

export async function listScorecards(): Promise<StoredScorecard[]> {
  const rows = await (await getPrisma()).scorecard.findMany({ orderBy: { id: 'asc' } });
  return rows.map((r) => ({ ...r, definition: definitionOf(r) }));
}

export async function getScorecard(id: string): Promise<StoredScorecard | null> {
  const row = await (await getPrisma()).scorecard.findUnique({ where: { id } });
  return row ? { ...row, definition: definitionOf(row) } : null;
}

export async function listScorecardVersions(id: string) {
  return (await getPrisma()).scorecardVersion.findMany({ where: { scorecardId: id }, orderBy: { version: 'desc' }, take: 50 });
}

export async function listScorecardProblems() {
  return (await getPrisma()).scorecardProblem.findMany({ orderBy: { file: 'asc' } });
}

/** A configured definition: a URL (GitHub integration or backend.reading.allow) or a file beside the config. */
async function readSource(entry: string): Promise<string> {
  if (/^https?:\/\//.test(entry)) return readAnyUrl(entry, MAX_BYTES);
  return readBoundedFile(path.resolve(getConfig().baseDir, entry), { maxBytes: MAX_BYTES });
}

/** Stores a new version when the text changed; `source` says who wins later (portal edits stay). */
async function storeVersion(
  def: ScorecardDefinition,
  yaml: string,
  source: 'config' | 'portal',
  sourceFile: string | null,
  by: string,
): Promise<boolean> {
  const prisma = await getPrisma();
  const id = def.metadata.name;
  return prisma.$transaction(async (tx) => {
    const existing = await tx.scorecard.findUnique({ where: { id } });
    if (existing && existing.yaml === yaml && existing.source === source) return false;
    const version = (existing?.version ?? 0) + 1;
    const data = { title: def.metadata.title ?? id, source, sourceFile, version, yaml, definition: def as object, updatedBy: by };
    await tx.scorecard.upsert({ where: { id }, create: { id, ...data }, update: data });
    await tx.scorecardVersion.create({ data: { scorecardId: id, version, yaml, source, createdBy: by } });
    return true;
  });
}

/**
 * Reads every configured scorecard file. A refused one is recorded as a problem (its last good
 * version stays); a scorecard an admin edited in the portal is not overwritten by its file.
 * Returns the ids whose definition changed.
 */
export async function syncConfiguredScorecards(): Promise<string[]> {
  const prisma = await getPrisma();
  const changed: string[] = [];
  const seen = new Map<string, string>();
  for (const entry of getConfig().scorecards) {
    let problem: { line: number; column: number; message: string } | null = null;
    try {
      const text = await readSource(entry);
      const parsed = parseScorecard(text, entry);
      if (!parsed.ok) {
        const e = parsed.errors[0];
        problem = { line: e.line, column: e.column, message: parsed.errors.map(formatDefinitionError).join('\n') };
      } else if (seen.has(parsed.definition.metadata.name)) {
        problem = {
          line: 1,
          column: 1,
          message: `${entry}: metadata.name "${parsed.definition.metadata.name}" is already used by ${seen.get(parsed.definition.metadata.name)}; give each scorecard its own name`,
        };
      } else {
        seen.set(parsed.definition.metadata.name, entry);
        const existing = await prisma.scorecard.findUnique({ where: { id: parsed.definition.metadata.name }, select: { source: true } });
        if (existing?.source !== 'portal' && (await storeVersion(parsed.definition, text, 'config', entry, 'config')))
          changed.push(parsed.definition.metadata.name);
      }
    } catch (err) {
      problem = { line: 1, column: 1, message: `${entry}: could not be read: ${(err as Error).message}` };
    }
    if (problem) {
      getLogger().warn({ file: entry, problem: problem.message }, 'scorecard file refused');
      await prisma.scorecardProblem.upsert({
        where: { file: entry },
        create: { file: entry, ...problem },
        update: { ...problem, createdAt: new Date() },
      });
    } else {
      await prisma.scorecardProblem.deleteMany({ where: { file: entry } });
    }
  }
  // Problems of files no longer configured go with them.
  await prisma.scorecardProblem.deleteMany({ where: { file: { notIn: getConfig().scorecards } } });
  return changed;
}

/** An admin's save from the portal editor; a bad definition is refused with file:line:column. */
export async function saveScorecardFromPortal(
  yaml: string,
  actor: Actor,
  expectedId: string | null,
): Promise<{ id: string; version: number }> {
  const parsed = parseScorecard(yaml, 'scorecard.yaml');
  if (!parsed.ok)
    throw new AppError('UNPROCESSABLE', parsed.errors.map(formatDefinitionError).join('\n'), {
      fieldErrors: parsed.errors.map((e) => ({ field: 'yaml', message: formatDefinitionError(e) })),
    });
  const id = parsed.definition.metadata.name;
  if (expectedId && id !== expectedId) {
    throw new AppError(
      'UNPROCESSABLE',
      `metadata.name must stay "${expectedId}" when editing it; to start a new scorecard, use New scorecard`,
      { fieldErrors: [{ field: 'yaml', message: `metadata.name must stay "${expectedId}"` }] },
    );
  }
  if (!expectedId && (await getScorecard(id))) {
    throw new AppError('CONFLICT', `a scorecard named "${id}" exists already; edit it, or choose another metadata.name`, {
      fieldErrors: [{ field: 'yaml', message: `"${id}" exists already` }],
    });
  }
  await storeVersion(parsed.definition, yaml, 'portal', null, actor.userRef ?? actor.id);
  const saved = (await getScorecard(id))!;
  await recordAudit(actor, { action: 'scorecard.saved', target: `scorecard:${id}`, details: { version: saved.version } });
  return { id, version: saved.version };
}
