import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { registerLocation } from '@/lib/catalog/location-admin';
import { getDb, getPrisma } from '@/lib/db/client';
import { openPostgresPool, usingPostgres, useTestDb } from '@/testing/test-db';
import { useTestConfig } from '@/testing/test-config';
import { listenerName } from '@/lib/db/listen';
import { queryAnswer } from '@/lib/catalog/api/entities-routes';
import { CATALOG_CHANNEL, catalogCache, catalogChanges } from './catalog-cache';
import { listCatalog } from './catalog-list';
import { parseCatalogParams } from './catalog-params';
import { andFilter, EMPTY_FILTER } from './filter';
import { predicateSql } from './predicate';
import { queryServedRows } from './served-entities';

// The catalog page's facet counts, the API's entity counts and by-query answers, and search answers
// are kept until the database announces a commit that wrote entities, relations, search rows,
// processing errors or docs: a kept result must never outlive such a commit, whoever made it.

const t = useTestDb();
const config = useTestConfig('catalog-cache', `catalog:\n  rules:\n    - allow: ['*']\n  fileLocationRoots: [.]\n`);

const component = (name: string, lifecycle: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n  lifecycle: ${lifecycle}\n  owner: team-a\n`;

async function waitFor(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const listening = () => waitFor('the catalog listener', async () => (await catalogChanges()).listening);

const kept = catalogCache<number>('test', { maxEntries: 10 });

/** A counter of computations of one key, and a way to read through the cache. */
function probe(key: string) {
  let computed = 0;
  return {
    read: () => kept(key, async () => ++computed),
    get computed() {
      return computed;
    },
  };
}

beforeAll(async () => {
  fs.writeFileSync(
    path.join(config.dir, 'catalog-info.yaml'),
    [component('orders', 'production'), component('billing', 'production')].join('---\n'),
  );
  await registerLocation({ type: 'file', target: path.join(config.dir, 'catalog-info.yaml') });
});

describe('results kept until the catalog changes', () => {
  it('keeps a result until a commit writes entities, relations, search rows, processing errors, docs pages or sites, and only then', async () => {
    const { driver } = await getDb();
    await listening();
    const p = probe('writes');
    expect([await p.read(), await p.read()]).toEqual([1, 1]);

    const writes = [
      `UPDATE "Entity" SET "lifecycle" = 'experimental' WHERE "name" = 'orders'`,
      `INSERT INTO "Relation" ("originId", "sourceRef", "type", "targetRef")
         SELECT "id", "ref", 'dependsOn', 'resource:default/db' FROM "Entity" WHERE "name" = 'orders'`,
      `DELETE FROM "Relation" WHERE "type" = 'dependsOn'`,
      `INSERT INTO "EntitySearch" ("entityId", "key", "value") SELECT "id", 'spec.tier', '1' FROM "Entity" WHERE "name" = 'orders'`,
      `INSERT INTO "ProcessingError" ("locationId", "entityRef", "file", "line", "column", "code", "message")
         SELECT "id", 'component:default/orders', 'catalog-info.yaml', 1, 1, 'test', 'a problem' FROM "Location" LIMIT 1`,
      `DELETE FROM "ProcessingError" WHERE "code" = 'test'`,
      `INSERT INTO "DocsSite" ("entityRef", "sourceType", "source", "siteName") VALUES ('component:default/orders', 'file', '.', 'Orders')`,
      `INSERT INTO "DocsPage" ("entityRef", "path", "file", "sourceSha", "title", "html", "searchText")
         VALUES ('component:default/orders', '', 'index.md', 'x', 'Orders', '<p>Orders</p>', 'orders')`,
      `DELETE FROM "DocsPage" WHERE "entityRef" = 'component:default/orders'`,
      `DELETE FROM "DocsSite" WHERE "entityRef" = 'component:default/orders'`,
      `DELETE FROM "Entity" WHERE "name" = 'billing'`,
    ];
    for (const [i, sql] of writes.entries()) {
      const before = (await catalogChanges()).changes;
      await driver.query(sql);
      await waitFor(`the change announced by: ${sql}`, async () => (await catalogChanges()).changes > before);
      expect(await p.read(), sql).toBe(i + 2);
      expect(await p.read(), sql).toBe(i + 2);
    }

    // Through Prisma (the edit forms' path) as well.
    const before = (await catalogChanges()).changes;
    await (await getPrisma()).entity.updateMany({ where: { name: 'orders' }, data: { title: 'Orders' } });
    await waitFor('the change made through Prisma', async () => (await catalogChanges()).changes > before);
    expect(await p.read()).toBe(writes.length + 2);

    // Neither a rolled-back write nor a write to another table drops it.
    await driver
      .transaction(async (query) => {
        await query(`UPDATE "Entity" SET "lifecycle" = 'deprecated'`);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await driver.query(`UPDATE "Location" SET "lastIngestedAt" = now()`);
    await new Promise((r) => setTimeout(r, 200));
    expect(await p.read()).toBe(writes.length + 2);
  });

  it('keeps results up to a sum of their sizes, the least recently used dropped first', async () => {
    await listening();
    const sized = catalogCache<string>('sized', { maxEntries: 10, maxSize: 10, sizeOf: (s) => s.length });
    const computed: Record<string, number> = {};
    const read = (key: string, result: string) => sized(key, async () => ((computed[key] = (computed[key] ?? 0) + 1), result));
    await read('a', 'aaaa');
    await read('b', 'bbbb');
    await read('a', 'aaaa'); // 'b' is now the least recently used
    await read('c', 'cccc'); // 12 > 10: 'b' goes
    await read('big', 'x'.repeat(11)); // larger than the bound alone: not kept, and pushes nothing out
    for (const [key, result] of Object.entries({ a: 'aaaa', c: 'cccc', b: 'bbbb', big: 'x'.repeat(11) })) await read(key, result);
    expect(computed).toEqual({ a: 1, b: 2, c: 1, big: 2 });
  });

  it('keeps the value, not the asynchronous context of the request that computed it', async () => {
    await listening();
    // A page's kept answer held Next's whole request (its AsyncLocalStorage store, with the
    // response) for as long as it was kept: ~130 KB a search page.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const request = new AsyncLocalStorage<{ response: number[] }>();
    const p = probe('context');
    const held = await (async () => {
      const store = { response: new Array(10_000).fill(1) };
      await request.run(store, () => p.read());
      return new WeakRef(store);
    })();
    for (let i = 0; i < 5 && held.deref(); i++) {
      await new Promise((r) => setTimeout(r, 10));
      gc();
    }
    expect(held.deref()).toBeUndefined();
    expect([await p.read(), p.computed]).toEqual([1, 1]);
  });

  it('computes a kept result again after a minute without a change announced', async () => {
    await listening();
    const p = probe('age');
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      await p.read();
      vi.setSystemTime(Date.now() + 59_000);
      expect(await p.read()).toBe(1);
      vi.setSystemTime(Date.now() + 2_000);
      expect(await p.read()).toBe(2);
      expect(await p.read()).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  /** A computation of `key` that is held until released, and a count of the key's computations. */
  async function held(key: string) {
    await listening();
    let computed = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const result = kept(key, async () => {
      computed++;
      await gate;
      return computed;
    });
    return {
      result,
      release,
      next: () => kept(key, async () => ++computed),
      started: () => waitFor('the computation', () => computed > 0),
    };
  }

  it('shares one computation among concurrent callers of a key', async () => {
    const first = await held('shared');
    const second = first.next();
    await first.started();
    first.release();
    expect([await first.result, await second]).toEqual([1, 1]);
  });

  it('does not keep a result computed while a change was announced', async () => {
    const { driver } = await getDb();
    const slow = await held('during');
    // The change is committed once the computation has begun (a caller arriving after it would
    // rightly compute afresh).
    await slow.started();
    const before = (await catalogChanges()).changes;
    await driver.query(`UPDATE "Entity" SET "title" = 'Orders' WHERE "name" = 'orders'`);
    await waitFor('the change', async () => (await catalogChanges()).changes > before);
    slow.release();
    expect(await slow.result).toBe(1);
    expect(await slow.next()).toBe(2);
  });

  it('keeps a count under a short key, whatever the length of the query it counts', async () => {
    // The key was the query's SQL and values: a predicate value of 900 KB (a POST body holds 1 MiB)
    // was kept with each count, and 300 such requests grew the heap by 270 MB (1,000 are kept).
    await listening();
    const long = `${'x'.repeat(900_000)}`;
    const q = { filter: EMPTY_FILTER, predicate: predicateSql({ 'metadata.name': long }), limit: 1, offset: 0 };
    expect((await queryServedRows(q)).totalItems).toBe(0);
    expect((await queryServedRows(q)).totalItems).toBe(0);
    const store = (globalThis as Record<symbol, { caches: Map<string, { entries: Map<string, unknown> }> }>)[
      Symbol.for('wayfinder.catalogCache')
    ];
    const keys = [...store.caches.get('entity-counts')!.entries.keys()];
    expect(keys.length).toBeGreaterThan(0);
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThan(100);
  });

  it("serves another connection's commit from the next request on, never the counts from before", async () => {
    // On PostgreSQL a second pool stands for another process (npm run worker, another replica);
    // PGlite has one connection, this process's.
    const other = t.db.kind === 'postgres' ? openPostgresPool(t.db.url!) : t.db.driver;
    try {
      await listening();
      const lifecycles = async () => (await listCatalog(parseCatalogParams({ kind: 'component' }))).facets.lifecycle;
      // The API's count of a filter (its page is read every time: the count alone is kept).
      const retired = async () =>
        (await queryServedRows({ filter: andFilter(EMPTY_FILTER, [{ key: 'spec.lifecycle', values: ['retired'] }]), limit: 1, offset: 0 }))
          .totalItems;
      const retiredQuery = new URL('http://localhost/api/catalog/entities/by-query?filter=spec.lifecycle=retired&limit=1');
      const total = (await lifecycles()).reduce((n, v) => n + v.count, 0);
      // Each read right after the other connection's commit (no wait): the announcement is heard
      // before a kept result is served (a round trip on the listening connection).
      for (const lifecycle of ['retired', 'production', 'retired', 'experimental', 'retired', 'production'].flatMap((l) => [l, l, l])) {
        await other.query(`UPDATE "Entity" SET "lifecycle" = $1 WHERE "kind" = 'Component' AND "lifecycle" <> $1`, [lifecycle]);
        expect(await lifecycles()).toEqual([{ value: lifecycle, count: total }]);
        expect(await retired()).toBe(lifecycle === 'retired' ? total : 0);
        // A whole by-query answer is kept as well.
        expect(JSON.parse((await queryAnswer(retiredQuery)).json).totalItems).toBe(lifecycle === 'retired' ? total : 0);
      }
    } finally {
      if (other !== t.db.driver) await other.close();
    }
  });

  // PostgreSQL only: PGlite's listener is in-process and cannot lose its connection.
  if (usingPostgres()) {
    it('keeps nothing while its listening connection is lost, and listens again', async () => {
      const { driver } = await getDb();
      await listening();
      const p = probe('lost');
      await p.read();
      await p.read();
      expect(p.computed).toBe(1);
      await driver.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
        [listenerName(CATALOG_CHANNEL)],
      );
      await waitFor('the lost connection', async () => !(await catalogChanges()).listening);
      await p.read();
      await p.read();
      expect(p.computed).toBe(3);
      await listening();
      await p.read();
      await p.read();
      expect(p.computed).toBe(4);
    });
  }
});
