import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '@/testing/test-db';

// A named query (QueryFn's `name`) is a prepared statement on PostgreSQL, parsed once per connection,
// and an ordinary query on PGlite: the same answer either way.

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(() => db.close());

describe('named queries', () => {
  it('answer as unnamed ones do, and are prepared on the connection on PostgreSQL', async () => {
    const sql = 'SELECT $1::int + 1 AS n';
    const { prepared, answers } = await db.driver.transaction(async (query) => {
      const answers = [(await query<{ n: number }>(sql, [1], 'driver-test-add-one')).rows[0].n];
      answers.push((await query<{ n: number }>(sql, [41], 'driver-test-add-one')).rows[0].n);
      const prepared = await query<{ statement: string }>(
        `SELECT statement FROM pg_prepared_statements WHERE name = 'driver-test-add-one'`,
      );
      return { prepared: prepared.rows.map((r) => r.statement), answers };
    });
    expect(answers).toEqual([2, 42]);
    expect(prepared).toEqual(db.kind === 'postgres' ? [sql] : []);
    expect((await db.driver.query<{ n: number }>(sql, [9], 'driver-test-add-one')).rows[0].n).toBe(10);
  });
});
