import path from 'node:path';
async function main() {
  const dir = '/tmp/wf-prof-10k';
  Object.assign(process.env, { WAYFINDER_CONFIG: path.join(dir, 'wayfinder.config.yaml'), WAYFINDER_DATA_DIR: path.join(dir, 'data'), WAYFINDER_WORKERS: 'false', LOG_LEVEL: 'warn' });
  const { getDb, closeDb } = await import('../lib/db/client');
  const { driver } = await getDb();
  const q = async (label: string, sql: string) => { const t = performance.now(); const r = await driver.query(sql); console.log(label, r.rows.length, Math.round(performance.now() - t)); };
  for (let k = 0; k < 2; k++) {
    await q('refs', `SELECT "ref","kind","specType","lifecycle","tags","owner","system" FROM "Entity" WHERE lower(kind) = ANY('{component,api}')`);
    await q('metadata json', `SELECT "ref", "body"->'metadata' AS m FROM "Entity" WHERE lower(kind) = ANY('{component,api}')`);
    await q('metadata text', `SELECT "ref", ("body"->'metadata')::text AS m FROM "Entity" WHERE lower(kind) = ANY('{component,api}')`);
    await q('annotations text', `SELECT "ref", ("body"->'metadata'->'annotations')::text AS m, "body"->'metadata'->>'name' AS n FROM "Entity" WHERE lower(kind) = ANY('{component,api}')`);
    await q('spec', `SELECT "ref", CASE WHEN lower("kind") = 'api' THEN (("body"->'spec')::jsonb - 'definition')::text ELSE ("body"->'spec')::text END AS "spec" FROM "Entity" WHERE lower(kind) = ANY('{component,api}')`);
    await q('body text', `SELECT "ref", "body"::text FROM "Entity" WHERE lower(kind) = ANY('{component}')`);
  }
  await closeDb();
}
main().then(() => process.exit(0));
