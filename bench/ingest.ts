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

// Peak of each part of the process's memory while ingesting: the JS heap (what grows with a
// catalog held in memory) apart from array buffers (PGlite's WebAssembly memory is one).
const peak = { heapUsedMb: 0, arrayBuffersMb: 0, rssMb: 0 };
const sample = () => {
  const m = process.memoryUsage();
  peak.heapUsedMb = Math.max(peak.heapUsedMb, Math.round(m.heapUsed / 2 ** 20));
  peak.arrayBuffersMb = Math.max(peak.arrayBuffersMb, Math.round(m.arrayBuffers / 2 ** 20));
  peak.rssMb = Math.max(peak.rssMb, Math.round(m.rss / 2 ** 20));
};
const sampler = setInterval(sample, 200);
const started = performance.now();
const result = await registerLocation({ type: 'file', target });
const ms = performance.now() - started;
clearInterval(sampler);
sample();

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

fs.writeFileSync(out, JSON.stringify({ ms, summaries: result.summaries, counts, errors, maxRssMb, peak }));
process.exit(0);
