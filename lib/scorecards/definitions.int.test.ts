import { describe, expect, it } from 'vitest';
import { getPrisma } from '@/lib/db/client';
import { testActor } from '@/testing/actors';
import { useTestDb } from '@/testing/test-db';
import { getScorecard, listScorecards, saveScorecardFromPortal } from './definitions';
import { rescoreAll } from './scoring';

useTestDb();

const admin = testActor(['admin', 'member']);

describe('a definition stored before a rule tightened', () => {
  // Saved when `\d*\d*\d*x` was accepted; it is refused now (minutes on a value of 1,000 digits).
  const yaml = `apiVersion: wayfinder.dev/v1
kind: Scorecard
metadata: { name: ids }
spec:
  levels:
    - name: Bronze
      rules:
        - { id: id, title: Id, check: { annotation: id, matches: '\\d*\\d*\\d*x' }, remediation: Fix the id. }
`;
  const definition = {
    apiVersion: 'wayfinder.dev/v1',
    kind: 'Scorecard',
    metadata: { name: 'ids' },
    spec: {
      appliesTo: {},
      levels: [
        {
          name: 'Bronze',
          rules: [{ id: 'id', title: 'Id', check: { annotation: 'id', matches: '\\d*\\d*\\d*x' }, remediation: 'Fix the id.', weight: 1 }],
        },
      ],
    },
  };

  it('still serves the scorecard and its editor, which refuses to save it until the pattern is changed', async () => {
    await (
      await getPrisma()
    ).scorecard.create({
      data: { id: 'ids', title: 'ids', source: 'portal', version: 1, yaml, definition, updatedBy: 'user:default/a' },
    });
    expect((await listScorecards()).map((c) => c.id)).toEqual(['ids']);
    expect((await getScorecard('ids'))?.definition.spec.levels[0].rules[0].check).toEqual({ annotation: 'id', matches: '\\d*\\d*\\d*x' });
    await expect(rescoreAll()).resolves.toMatchObject({ results: 0 });
    await expect(saveScorecardFromPortal(yaml, admin, 'ids')).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
      message: expect.stringMatching(/^scorecard\.yaml:8:\d+: spec\.levels\[0\]\.rules\[0\]\.check\.matches: its repeats/),
    });
  });
});
