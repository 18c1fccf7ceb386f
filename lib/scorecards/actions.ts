'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { createAction } from '@/lib/auth/action';
import { getScorecard, saveScorecardFromPortal } from './definitions';
import { createInitiative, initiativeInputSchema } from './initiatives';
import { formatDefinitionError, parseScorecard } from './model/definition';
import { orderForAction } from './model/levels';
import { previewScorecard, rescoreAll } from './scoring';
import { snapshotScorecards } from './queries';

const yamlSchema = z.object({
  yaml: z
    .string()
    .min(1, 'paste or write the scorecard YAML')
    .max(256 * 1024, 'a scorecard is at most 256 KiB'),
  /** The scorecard being edited (null: a new one). */
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
    .nullable(),
});

export type PreviewResult = {
  title: string;
  levels: string[];
  counts: Record<string, number>;
  rows: { ref: string; level: string | null; score: number; failing: { title: string; seen: string }[] }[];
};

/** The editor's Preview: how every covered entity would score, nothing stored. */
export const previewScorecardAction = createAction(
  { name: 'previewScorecard', schema: yamlSchema, access: 'scorecards.edit' },
  async ({ yaml, id }): Promise<PreviewResult> => {
    if (id && !(await getScorecard(id))) throw new AppError('NOT_FOUND', `there is no scorecard "${id}"`);
    const parsed = parseScorecard(yaml, 'scorecard.yaml');
    if (!parsed.ok)
      throw new AppError('UNPROCESSABLE', parsed.errors.map(formatDefinitionError).join('\n'), {
        fieldErrors: parsed.errors.map((e) => ({ field: 'yaml', message: formatDefinitionError(e) })),
      });
    const def = parsed.definition;
    const rows = await previewScorecard(def);
    const levels = def.spec.levels.map((l) => l.name);
    const counts: Record<string, number> = { '': 0, ...Object.fromEntries(levels.map((l) => [l, 0])) };
    for (const r of rows) counts[r.score.level ?? '']++;
    return {
      title: def.metadata.title ?? def.metadata.name,
      levels,
      counts,
      rows: rows
        .sort((a, b) => a.score.levelIndex - b.score.levelIndex || a.ref.localeCompare(b.ref))
        .slice(0, 500)
        .map((r) => ({
          ref: r.ref,
          level: r.score.level,
          score: r.score.score,
          failing: orderForAction(r.score, def)
            .filter((x) => !x.pass)
            .slice(0, 3)
            .map((x) => ({ title: x.title, seen: x.seen })),
        })),
    };
  },
);

/** Saves a new version (admins); every entity is rescored on it at once. */
export const saveScorecardAction = createAction(
  { name: 'saveScorecard', schema: yamlSchema, access: 'scorecards.edit' },
  async ({ yaml, id }, { actor }) => {
    if (id && !(await getScorecard(id))) throw new AppError('NOT_FOUND', `there is no scorecard "${id}"`);
    const saved = await saveScorecardFromPortal(yaml, actor, id);
    await rescoreAll([saved.id]);
    await snapshotScorecards();
    revalidatePath('/scorecards', 'layout');
    return saved;
  },
);

/** Sets an initiative: admins for anyone, leads for a team they lead (checked on the team). */
export const createInitiativeAction = createAction(
  { name: 'createInitiative', schema: initiativeInputSchema, access: 'initiatives.create' },
  async (input, { actor }) => {
    const created = await createInitiative(input, actor);
    revalidatePath('/initiatives', 'layout');
    return created;
  },
);
