import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerLocation } from '@/lib/catalog';
import { useTestConfig } from '@/testing/test-config';
import { useTestDb } from '@/testing/test-db';
import { DOCS_PAGE_SIZE, DOCS_PROBLEM_SITES_PAGE_SIZE, listDocsProblems, listDocumentedEntities, SITE_PROBLEMS_SHOWN } from './queries';

// /docs and the docs part of /problems read one page at a time, filtered in the database.

const t = useTestDb();
const config = useTestConfig('docs-list', `catalog:\n  rules:\n    - allow: ['*']\n  fileLocationRoots: [.]\n`);

const pad = (i: number) => String(i).padStart(3, '0');
const DESCRIPTIONS: Record<number, string> = { 5: 'Serves 100% of the orders', 6: 'an under_score', 7: 'an underXscore' };
const component = (i: number, docs = true) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc-${pad(i)}\n` +
  (DESCRIPTIONS[i] ? `  description: ${DESCRIPTIONS[i]}\n` : '') +
  (docs ? `  annotations:\n    backstage.io/techdocs-ref: dir:./svc-${pad(i)}\n` : '') +
  `spec:\n  type: service\n  lifecycle: production\n  owner: team-${i % 2 ? 'b' : 'a'}\n`;

const problem = (n: number) => ({ code: 'page-invalid', file: `docs/p${n}.md`, line: n, column: 1, message: `problem ${n}` });
const site = (i: number, extra: object = {}) => ({
  entityRef: `component:default/svc-${pad(i)}`,
  sourceType: 'file',
  source: `/docs/${i}`,
  siteName: `Site ${pad(i)}`,
  ...extra,
});

beforeAll(async () => {
  const file = path.join(config.dir, 'catalog-info.yaml');
  fs.writeFileSync(file, [...Array.from({ length: 120 }, (_, i) => component(i)), component(120, false)].join('---\n'));
  await registerLocation({ type: 'file', target: file });
  await t.db.prisma.docsSite.createMany({
    data: [
      site(1, { siteName: 'Billing handbook' }),
      site(2, { problems: [problem(1), problem(2)] }),
      site(3, { failure: 'source unreachable', failedAt: new Date('2026-12-01T00:00:00Z') }),
      ...Array.from({ length: 25 }, (_, k) =>
        site(10 + k, { problems: Array.from({ length: k === 0 ? 30 : 1 }, (_, n) => problem(n + 1)) }),
      ),
      // A site whose entity left the catalog: no one's problem.
      { ...site(0), entityRef: 'component:default/gone', problems: [problem(1)] },
    ],
  });
  await t.db.prisma.docsState.create({ data: { entityRef: 'component:default/svc-004', changedAt: new Date('2026-12-02T00:00:00Z') } });
}, 60_000);

describe('the docs list', () => {
  it('lists every documented entity a page at a time, by name, with its build state', async () => {
    const first = await listDocumentedEntities({});
    expect(first).toMatchObject({ total: 120, page: 1, pages: 3 });
    expect(first.entities).toHaveLength(DOCS_PAGE_SIZE);
    expect(first.entities.slice(0, 5).map((e) => [e.name, e.siteName, e.problems, e.failure, e.staleSince?.toISOString() ?? null])).toEqual(
      [
        ['svc-000', null, 0, null, null],
        ['svc-001', 'Billing handbook', 0, null, null],
        ['svc-002', 'Site 002', 2, null, null],
        ['svc-003', 'Site 003', 0, 'source unreachable', null],
        ['svc-004', null, 0, null, '2026-12-02T00:00:00.000Z'],
      ],
    );
    expect(first.entities[5]).toMatchObject({
      description: 'Serves 100% of the orders',
      techdocsRef: 'dir:./svc-005',
      owner: 'group:default/team-b',
    });
    expect(first.entities[5].source).toBe(path.join(config.dir, 'svc-005'));
    const last = await listDocumentedEntities({ page: '7' });
    expect(last.page).toBe(3);
    expect(last.entities.map((e) => e.name)).toEqual(Array.from({ length: 20 }, (_, i) => `svc-${pad(100 + i)}`));
  });

  it('filters by owner and by text in the name, title, description and site name, taking % and _ literally', async () => {
    const b = await listDocumentedEntities({ owner: 'group:default/team-b' });
    expect(b).toMatchObject({ total: 60, pages: 2 });
    expect(b.entities.every((e) => e.owner === 'group:default/team-b')).toBe(true);
    const names = async (q: string, owner?: string) => (await listDocumentedEntities({ q, owner })).entities.map((e) => e.name);
    expect(await names('HANDBOOK')).toEqual(['svc-001']);
    expect(await names('100%')).toEqual(['svc-005']);
    expect(await names('under_score')).toEqual(['svc-006']);
    expect(await names('svc-11')).toEqual(Array.from({ length: 10 }, (_, i) => `svc-${pad(110 + i)}`));
    expect(await names('svc-11', 'group:default/team-a')).toEqual(['svc-110', 'svc-112', 'svc-114', 'svc-116', 'svc-118']);
    expect(await listDocumentedEntities({ q: 'nothing like it' })).toMatchObject({ entities: [], total: 0, page: 1, pages: 1 });
  });
});

describe('the docs problems', () => {
  it('lists the sites with problems or a failed source a page at a time, each with its first problems', async () => {
    const first = await listDocsProblems();
    expect(first).toMatchObject({ total: 27, page: 1, pages: 2 });
    expect(first.sites).toHaveLength(DOCS_PROBLEM_SITES_PAGE_SIZE);
    expect(first.sites.slice(0, 3).map((s) => [s.entityRef, s.problemCount, s.problems.length, s.failure])).toEqual([
      ['component:default/svc-002', 2, 2, null],
      ['component:default/svc-003', 0, 0, 'source unreachable'],
      ['component:default/svc-010', 30, SITE_PROBLEMS_SHOWN, null],
    ]);
    expect(first.sites[2].problems.map((p) => p.line)).toEqual(Array.from({ length: SITE_PROBLEMS_SHOWN }, (_, n) => n + 1));
    const second = await listDocsProblems('2');
    expect(second.sites.map((s) => s.entityRef)).toEqual(Array.from({ length: 7 }, (_, k) => `component:default/svc-${pad(28 + k)}`));
  });
});
