import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ingestLocationTree, registerLocation } from '@/lib/catalog';
import { getPrisma } from '@/lib/db/client';
import { useTestConfig } from '@/testing/test-config';
import { testActor } from '@/testing/actors';
import { useTestDb } from '@/testing/test-db';
import { saveScorecardFromPortal } from './definitions';
import { loadEntityFacts } from './facts';
import { getEntityScorecards } from './queries';
import { rescoreAll, rescoreEntities } from './scoring';

// A full pass reads every entity's facts, scores them for a while, then writes: what a rescore of
// single entities (a catalog write) stored in between must survive it.
vi.mock('./facts', async (importOriginal) => {
  const real = await importOriginal<typeof import('./facts')>();
  return { ...real, loadEntityFacts: vi.fn(real.loadEntityFacts) };
});

useTestDb();
const config = useTestConfig('scoring', 'catalog:\n  fileLocationRoots: [.]\n');
const admin = testActor(['admin', 'member']);
const component = (name: string, description = '') =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n${description ? `  description: ${description}\n` : ''}spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`;

beforeAll(async () => {
  fs.writeFileSync(path.join(config.dir, 'orders.yaml'), component('orders'));
  await registerLocation({ type: 'file', target: path.join(config.dir, 'orders.yaml') });
  await saveScorecardFromPortal(
    'apiVersion: wayfinder.dev/v1\nkind: Scorecard\nmetadata: { name: described }\nspec:\n  levels:\n    - name: Described\n      rules:\n        - { id: description, title: Described, check: { field: metadata.description, exists: true }, remediation: Describe it. }\n',
    admin,
    null,
  );
  await rescoreAll();
});

describe('a full rescore while entities are written', () => {
  it('keeps the results a rescore of the written entities stored after the pass read its facts', async () => {
    const real = vi.mocked(loadEntityFacts).getMockImplementation()!;
    vi.mocked(loadEntityFacts).mockImplementationOnce(async (select) => {
      const facts = await real(select);
      // Meanwhile: a new entity is registered, an existing one gets its description, each rescored.
      fs.writeFileSync(path.join(config.dir, 'billing.yaml'), component('billing', 'Sends invoices'));
      await registerLocation({ type: 'file', target: path.join(config.dir, 'billing.yaml') });
      fs.writeFileSync(path.join(config.dir, 'orders.yaml'), component('orders', 'Takes orders'));
      const orders = await (await getPrisma()).location.findFirstOrThrow({ where: { target: { endsWith: 'orders.yaml' } } });
      await ingestLocationTree(orders.id);
      await rescoreEntities(['component:default/billing', 'component:default/orders']);
      return facts;
    });
    await rescoreAll();
    expect((await getEntityScorecards('component:default/billing')).map((c) => [c.id, c.level])).toEqual([['described', 'Described']]);
    expect((await getEntityScorecards('component:default/orders')).map((c) => [c.id, c.level])).toEqual([['described', 'Described']]);
  });
});
