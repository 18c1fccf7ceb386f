import path from 'node:path';
import { processLocation } from '@/lib/catalog/ingest/process-location';
import { upsertEntities } from '@/lib/catalog/ingest/write-entities';
import { getConfig } from '@/lib/config/load-config';
import { closeDb, getDb } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { generateCatalog } from './generate';

// Diagnostic (not part of `npm run bench`): where full ingestion spends its time, phase by phase.
// WAYFINDER_CONFIG / WAYFINDER_DATA_DIR / DATABASE_URL as for the server; BENCH_N components.
//   BENCH_N=10000 WAYFINDER_DATA_DIR=/tmp/x/data WAYFINDER_CONFIG=/tmp/x/wayfinder.config.yaml \
//     npx tsx --conditions=react-server bench/profile-ingest.ts

const n = Number(process.env.BENCH_N ?? 10000);
const dir = path.join(path.dirname(path.resolve(process.env.WAYFINDER_CONFIG!)), 'catalog');
const cat = generateCatalog(n, dir);
const t = (label: string, t0: number) => console.error(`${label.padEnd(44)} ${Math.round(performance.now() - t0)} ms`);

const config = getConfig();
let t0 = performance.now();
const processed = await processLocation({ type: 'file', target: dir }, { rules: config.catalog.rules, roots: config.fileLocationRoots, confined: false, originRef: `file:${dir}`, locationId: null });
t(`processLocation (read+parse+validate ${processed.entities.length})`, t0);

if (process.env.BENCH_PHASE === 'parse') process.exit(0);
const db = await getDb();
await migrate(db.driver);
const prisma = db.prisma;
const loc = await prisma.location.create({ data: { type: 'file', target: dir, origin: 'api' } });
const refs = processed.entities.map((e) => e.row.ref);

await prisma.$transaction(
  async (tx) => {
    t0 = performance.now();
    await tx.entity.findMany({ where: { locationId: loc.id }, select: { id: true, ref: true, etag: true, sourceFile: true } });
    t('existing findMany (empty)', t0);
    t0 = performance.now();
    await tx.entity.findMany({ where: { ref: { in: refs }, OR: [{ locationId: { not: loc.id } }, { locationId: null }] }, select: { ref: true } });
    t(`elsewhere findMany (ref IN ${refs.length} params)`, t0);
    t0 = performance.now();
    // Times each statement upsertEntities sends.
    const timed = new Proxy(tx, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver);
        if (prop !== '$executeRawUnsafe' && prop !== '$queryRawUnsafe') return v;
        return async (sql: string, ...params: unknown[]) => {
          const s0 = performance.now();
          const r = await (v as (...a: unknown[]) => Promise<unknown>).call(target, sql, ...params);
          t(`  ${sql.replace(/\s+/g, ' ').slice(0, 40)}`, s0);
          return r;
        };
      },
    });
    await upsertEntities(timed, loc.id, processed.entities);
    t('upsertEntities (entities+relations+search)', t0);
  },
  { timeout: 600_000 },
);

// Second pass: what an unchanged re-read costs.
await prisma.$transaction(
  async (tx) => {
    t0 = performance.now();
    await tx.entity.findMany({ where: { locationId: loc.id }, select: { id: true, ref: true, etag: true, sourceFile: true } });
    t('existing findMany (full)', t0);
    t0 = performance.now();
    await tx.entity.findMany({ where: { ref: { in: refs }, OR: [{ locationId: { not: loc.id } }, { locationId: null }] }, select: { ref: true } });
    t(`elsewhere findMany (ref IN ${refs.length} params, full)`, t0);
    t0 = performance.now();
    await tx.$queryRawUnsafe(
      `SELECT e."ref" FROM "Entity" e WHERE e."ref" = ANY(SELECT jsonb_array_elements_text($1::jsonb)) AND e."locationId" IS DISTINCT FROM $2::uuid`,
      JSON.stringify(refs),
      loc.id,
    );
    t('elsewhere as one jsonb parameter (alternative)', t0);
  },
  { timeout: 600_000 },
);
console.error(`(${cat.total} entities generated)`);
await closeDb();
process.exit(0);
