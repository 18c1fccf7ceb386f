import fs from 'node:fs';
import { registerLocation } from '@/lib/catalog/locations';
import { closeDb, getDb } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';

// Child process of bench/run.ts: with the environment of one benchmark run (WAYFINDER_CONFIG,
// WAYFINDER_DATA_DIR or DATABASE_URL), migrates the fresh database, then registers the generated
// folder as a `file` location and ingests it through the same library call the API and UI use
// (read + parse + validate + write of every entity, one transaction). Writes a JSON result to
// BENCH_OUT. Run: tsx --conditions=react-server bench/ingest.ts

const target = process.env.BENCH_TARGET!;
const out = process.env.BENCH_OUT!;

const db = await getDb();
await migrate(db.driver);

const started = performance.now();
const result = await registerLocation({ type: 'file', target });
const ms = performance.now() - started;

const count = async (table: string) => Number((await db.driver.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0].n);
const counts = {
  entities: await count('Entity'),
  relations: await count('Relation'),
  searchRows: await count('EntitySearch'),
  processingErrors: await count('ProcessingError'),
};
const errors = counts.processingErrors
  ? (await db.driver.query<{ message: string }>(`SELECT "message" FROM "ProcessingError" LIMIT 5`)).rows.map((r) => r.message)
  : [];
const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
await closeDb();

fs.writeFileSync(out, JSON.stringify({ ms, summaries: result.summaries, counts, errors, maxRssMb }));
process.exit(0);
