import fs from 'node:fs';
import path from 'node:path';
import { generateCatalog } from './generate';
const ROOT = path.resolve(import.meta.dirname, '..');
async function main() {
  const dir = '/tmp/wf-prof-10k';
  const fresh = !fs.existsSync(dir);
  if (fresh) { fs.mkdirSync(dir); generateCatalog(10000, path.join(dir, 'catalog')); fs.writeFileSync(path.join(dir, 'service-hygiene.yaml'), fs.readFileSync(path.join(ROOT, 'bench/scorecards.ts'), 'utf8').split('const THIRD = `')[1].split('`;')[0]); }
  fs.writeFileSync(path.join(dir, 'wayfinder.config.yaml'), ['catalog:', '  rules: [{ allow: [Component, API, Resource, System, Domain, Group, User, Location, Template] }]', 'scorecards:', `  - ${path.join(ROOT, 'examples/scorecards/catalog-registration.yaml')}`, `  - ${path.join(ROOT, 'examples/scorecards/production-readiness.yaml')}`, '  - ./service-hygiene.yaml', ''].join('\n'));
  Object.assign(process.env, { WAYFINDER_CONFIG: path.join(dir, 'wayfinder.config.yaml'), WAYFINDER_DATA_DIR: path.join(dir, 'data'), WAYFINDER_WORKERS: 'false', LOG_LEVEL: 'warn' });
  const { getDb, closeDb } = await import('../lib/db/client');
  const { migrate } = await import('../lib/db/migrate');
  const { registerLocation } = await import('../lib/catalog/locations');
  const { syncConfiguredScorecards, rescoreAll, listScorecards } = await import('../lib/scorecards');
  const { loadEntityFacts } = await import('../lib/scorecards/facts');
  const { scoreEntity, appliesTo } = await import('../lib/scorecards/model/levels');
  await migrate((await getDb()).driver);
  if (fresh) await registerLocation({ type: 'file', target: path.join(dir, 'catalog') });
  await syncConfiguredScorecards();
  const { driver } = await getDb();
  for (let k = 0; k < 2; k++) {
    await driver.query('DELETE FROM "ScorecardResult"');
    let t = performance.now();
    const cards = await listScorecards();
    const facts = await loadEntityFacts({ kinds: null }); console.log('facts', facts.length, Math.round(performance.now() - t)); t = performance.now();
    let n = 0; for (const c of cards) for (const f of facts) if (appliesTo(c.definition.spec.appliesTo, f)) { scoreEntity(c.definition, f, new Date()); n++; }
    console.log('score only', n, Math.round(performance.now() - t)); t = performance.now();
    await driver.query('DELETE FROM "ScorecardResult"');
    t = performance.now(); console.log(await rescoreAll()); console.log('rescoreAll fresh', Math.round(performance.now() - t));
    t = performance.now(); console.log(await rescoreAll()); console.log('rescoreAll same', Math.round(performance.now() - t));
  }
  await closeDb();
}
main().then(() => process.exit(0));
