import 'server-only';
import { z } from 'zod';
import { refOfParams } from '@/lib/catalog';
import { getPrisma } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { listScorecards } from './definitions';
import { getEntityScorecards } from './queries';

// The read API (README "Scorecards and initiatives"): definitions, and one entity's results.

export async function scorecardsResponse(): Promise<Response> {
  const cards = await listScorecards();
  return Response.json({
    items: cards.map((c) => ({
      id: c.id,
      title: c.title,
      version: c.version,
      source: c.source,
      sourceFile: c.sourceFile,
      updatedAt: c.updatedAt.toISOString(),
      definition: c.definition,
    })),
  });
}

const segment = z.string().min(1).max(253);
const paramsSchema = z.object({ kind: segment, namespace: segment, name: segment });

export async function entityScorecardsResponse(params: unknown): Promise<Response> {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'expected /api/scorecards/entity/:kind/:namespace/:name');
  const ref = refOfParams(parsed.data);
  const exists = await (await getPrisma()).entity.findUnique({ where: { ref }, select: { ref: true } });
  if (!exists) throw new AppError('NOT_FOUND', `no entity ${ref}`);
  const results = await getEntityScorecards(ref);
  return Response.json({
    entityRef: ref,
    scorecards: results.map((r) => ({
      id: r.id,
      title: r.title,
      level: r.level,
      levels: r.levels,
      nextLevel: r.nextLevel,
      score: r.score,
      scoredAt: r.scoredAt,
      rules: r.rules.map((x) => ({
        id: x.id,
        title: x.title,
        level: x.level,
        pass: x.pass,
        seen: x.seen,
        remediation: x.remediation,
        weight: x.weight,
      })),
    })),
  });
}
