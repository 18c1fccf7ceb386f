import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestLocationTree, registerLocation } from '@/lib/catalog';
import { onEntitiesWritten } from '@/lib/catalog/ingest/write-listeners';
import { unregisterLocation } from '@/lib/catalog/location-admin';
import { deleteManagedEntity, saveManagedEntity } from '@/lib/catalog/mutations';
import { getPrisma } from '@/lib/db/client';
import { getEntityScorecards, rescoreAll, rescoreEntities, saveScorecardFromPortal } from '@/lib/scorecards';
import { useTestConfig } from '@/testing/test-config';
import { testActor } from '@/testing/actors';
import { useTestDb } from '@/testing/test-db';

// Every catalog write queues a rescore of what it touched (README "When scores change"): removing
// an entity is one too.

useTestDb();
const config = useTestConfig(
  'scorecards-removals',
  'catalog:\n  rules:\n    - allow: [Component, Group, Location]\n  fileLocationRoots: [.]\n',
);
const admin = testActor(['admin', 'member']);
const component = (name: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`;

beforeAll(async () => {
  fs.writeFileSync(path.join(config.dir, 'orders.yaml'), component('orders'));
  await registerLocation({ type: 'file', target: path.join(config.dir, 'orders.yaml') });
});

describe('entities leaving the catalog', () => {
  const group = (name: string) =>
    `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: ${name}\nspec:\n  type: team\n  children: []\n`;
  const owned = async (ref: string) => (await getEntityScorecards(ref)).find((c) => c.id === 'owned');
  const results = async (ref: string) => (await getPrisma()).scorecardResult.count({ where: { entityRef: ref } });

  it('takes their results with them and rescores what depended on them', async () => {
    // The catalog's write listener, as lib/runtime/jobs.ts wires it (here at once, not queued).
    onEntitiesWritten(async (refs) => void (await rescoreEntities(refs)));
    await saveScorecardFromPortal(
      'apiVersion: wayfinder.dev/v1\nkind: Scorecard\nmetadata: { name: owned }\nspec:\n  appliesTo: { kind: Component }\n  levels:\n    - name: Owned\n      rules:\n        - { id: owner, title: Owned by a team, check: { relation: ownedByGroup }, remediation: Set spec.owner. }\n',
      admin,
      null,
    );
    const teams = path.join(config.dir, 'teams.yaml');
    fs.writeFileSync(teams, [group('team-a'), group('team-b')].join('---\n'));
    const { id: teamsLocation } = await registerLocation({ type: 'file', target: teams });
    fs.writeFileSync(path.join(config.dir, 'payments.yaml'), component('payments'));
    const { id: paymentsLocation } = await registerLocation({ type: 'file', target: path.join(config.dir, 'payments.yaml') });
    await saveManagedEntity(component('portal-made'));
    await rescoreAll();
    expect((await owned('component:default/orders'))?.level).toBe('Owned');

    // team-a leaves its file: what it owns no longer passes "owned by a Group in the catalog".
    fs.writeFileSync(teams, group('team-b'));
    await ingestLocationTree(teamsLocation);
    expect(await owned('component:default/orders')).toMatchObject({
      level: null,
      rules: [{ id: 'owner', pass: false, seen: 'owner `group:default/team-a` is not in the catalog' }],
    });

    // A location its parent no longer declares goes with its entities.
    const root = path.join(config.dir, 'root.yaml');
    const declaring = (targets: string[]) =>
      `apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: more\nspec:\n  type: file\n  targets: [${targets.join(', ')}]\n`;
    fs.writeFileSync(path.join(config.dir, 'shipping.yaml'), component('shipping'));
    fs.writeFileSync(root, declaring(['./shipping.yaml']));
    const { id: rootLocation } = await registerLocation({ type: 'file', target: root });
    expect(await results('component:default/shipping')).toBe(1);
    fs.writeFileSync(root, declaring([]));
    await ingestLocationTree(rootLocation);
    expect(await results('component:default/shipping')).toBe(0);

    // An unregistered location's entities, and a deleted portal-managed one, keep no results.
    expect(await results('component:default/payments')).toBe(1);
    await unregisterLocation(paymentsLocation);
    expect(await results('component:default/payments')).toBe(0);
    expect(await results('component:default/portal-made')).toBe(1);
    await deleteManagedEntity('component:default/portal-made');
    expect(await results('component:default/portal-made')).toBe(0);
  });
});
