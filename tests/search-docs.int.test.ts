import { beforeAll, describe, expect, it } from 'vitest';
import { saveManagedEntity } from '@/lib/catalog/mutations';
import { getPrisma } from '@/lib/db/client';
import { useTestDb } from '@/testing/test-db';
import { search } from '@/lib/search/queries';

useTestDb();

beforeAll(async () => {
  // Docs are found only for an entity documented now (a techdocs-ref).
  await saveManagedEntity(
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: shop\n  annotations:\n    backstage.io/techdocs-ref: dir:.\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n',
  );
  const prisma = await getPrisma();
  const page = (path: string, text: string) => ({
    entityRef: 'component:default/shop',
    path,
    file: `${path || 'index'}.md`,
    sourceSha: 'x',
    title: text,
    html: `<p>${text}</p>`,
    sections: [{ id: null, heading: text, text }],
    searchText: text.toLowerCase(),
  });
  await prisma.docsPage.createMany({
    data: [
      page('', 'Discounts: 50% off'),
      page('more', 'Discounts: 50 or more'),
      page('naming', 'Use snake_case names'),
      page('kebab', 'Use snakeXcase names'),
    ],
  });
});

describe('docs search', () => {
  it('reads %, _ and \\ in the query as the characters typed, not as LIKE wildcards', async () => {
    const titles = async (q: string) => (await search(q)).docs.map((d) => d.pageTitle).sort();
    expect(await titles('50%')).toEqual(['Discounts: 50% off']);
    expect(await titles('snake_case')).toEqual(['Use snake_case names']);
    expect(await titles('%%')).toEqual([]);
    expect(await titles('__')).toEqual([]);
    expect(await titles('50\\')).toEqual([]);
  });
});
