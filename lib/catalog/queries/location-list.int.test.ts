import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerLocation } from '@/lib/catalog/location-admin';
import { useTestConfig } from '@/testing/test-config';
import { useTestDb } from '@/testing/test-db';
import { getOriginLocation } from './location-list';

// The entity page's Unregister names the location a user registered, not the one a Location
// entity declared under it, and counts everything unregistering it removes.

const t = useTestDb();
const config = useTestConfig('location-origin', `catalog:\n  rules:\n    - allow: ['*']\n  fileLocationRoots: [.]\n`);

const component = (name: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`;

beforeAll(async () => {
  fs.mkdirSync(path.join(config.dir, 'team'), { recursive: true });
  fs.writeFileSync(path.join(config.dir, 'team', 'catalog-info.yaml'), [component('billing'), component('ledger')].join('---\n'));
  fs.writeFileSync(
    path.join(config.dir, 'catalog-info.yaml'),
    [
      component('orders'),
      `apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: teams\nspec:\n  targets: [./team/catalog-info.yaml]\n`,
    ].join('---\n'),
  );
  await registerLocation({ type: 'file', target: path.join(config.dir, 'catalog-info.yaml') });
});

describe('the origin location of an entity', () => {
  it('follows a declared location up to the registered one, counting the entities of both', async () => {
    const billing = await t.db.prisma.entity.findUniqueOrThrow({
      where: { ref: 'component:default/billing' },
      select: { locationId: true },
    });
    const orders = await t.db.prisma.entity.findUniqueOrThrow({ where: { ref: 'component:default/orders' }, select: { locationId: true } });
    expect(billing.locationId).not.toBe(orders.locationId);
    const origin = await getOriginLocation(billing.locationId!);
    // orders, teams (the Location entity), the registered location's generated Location entity, billing and ledger.
    expect(origin).toMatchObject({ id: orders.locationId, origin: 'api', entityCount: 5 });
    expect(origin?.display).toMatch(/catalog-info\.yaml$/);
    expect(await getOriginLocation(orders.locationId!)).toEqual(origin);
  });

  it('is none for a location that is not there', async () => {
    expect(await getOriginLocation('00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});
