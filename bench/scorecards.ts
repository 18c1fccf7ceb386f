import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setEmbeddedEnv } from './embedded-env';
import { generateCatalog } from './generate';

// `npm run bench:scorecards [-- --size=10000 --runs=5]`: the generated catalog (bench/generate.ts)
// scored against 3 scorecards (the two shipped ones and a third over entity fields) on an embedded
// database in a temporary folder. Measures the full rescore (target < 5 s at 10,000 components)
// and the rescore after one entity changes (p95, target < 200 ms). Prints one JSON document.

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const SIZE = Number(args.size ?? 10_000);
const RUNS = Number(args.runs ?? 5);
const ROOT = path.resolve(import.meta.dirname, '..');

const THIRD = `apiVersion: wayfinder.dev/v1
kind: Scorecard
metadata: { name: service-hygiene, title: Service hygiene }
spec:
  appliesTo: { kind: [Component, API] }
  levels:
    - name: Basic
      rules:
        - { id: described, title: Has a description, check: { field: metadata.description, exists: true }, remediation: Add metadata.description. }
        - { id: lifecycle, title: Known lifecycle, check: { field: spec.lifecycle, oneOf: [production, experimental, deprecated] }, remediation: Set spec.lifecycle. }
    - name: Good
      rules:
        - { id: tagged, title: Tagged with a language, check: { field: metadata.tags, matches: '^(java|kotlin|go|python|typescript|rust)$' }, remediation: Add a language tag. }
        - { id: no-problems, title: No problems, check: { problems: none }, remediation: Fix the problems. }
        - { id: scaffolded, title: From a template, check: { scaffolded: true }, remediation: Use a template. }
`;

const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.min(xs.length - 1, Math.ceil(xs.length * q) - 1))];
const ms = (x: number) => Math.round(x * 10) / 10;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wayfinder-bench-scorecards-'));
  const catalog = generateCatalog(SIZE, path.join(dir, 'catalog'));
  fs.writeFileSync(path.join(dir, 'service-hygiene.yaml'), THIRD);
  setEmbeddedEnv(dir, [
    'catalog:',
    '  rules: [{ allow: [Component, API, Resource, System, Domain, Group, User, Location, Template] }]',
    'scorecards:',
    `  - ${path.join(ROOT, 'examples/scorecards/catalog-registration.yaml')}`,
    `  - ${path.join(ROOT, 'examples/scorecards/production-readiness.yaml')}`,
    '  - ./service-hygiene.yaml',
  ]);

  // Imported after the environment is set: lib/env reads it once.
  const { getDb, getPrisma, closeDb } = await import('../lib/db/client');
  const { migrate } = await import('../lib/db/migrate');
  const { registerLocation } = await import('../lib/catalog/location-admin');
  const { rescoreAll, rescoreEntities, syncConfiguredScorecards } = await import('../lib/scorecards');
  await migrate((await getDb()).driver);
  const ingestStarted = performance.now();
  await registerLocation({ type: 'file', target: catalog.dir });
  const ingestMs = performance.now() - ingestStarted;
  await syncConfiguredScorecards();
  const prisma = await getPrisma();

  // Wall time, and this process's CPU time (PGlite runs in it): on a shared machine the CPU time is
  // what the work costs, the wall time also counts waiting for a core.
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const full: number[] = [];
  const fullCpu: number[] = [];
  let results = 0;
  for (let i = 0; i < RUNS; i++) {
    // The first run writes every result; later runs write only what changed (nothing here).
    const t = performance.now();
    const c = cpu();
    results = (await rescoreAll()).results;
    full.push(performance.now() - t);
    fullCpu.push(cpu() - c);
  }

  // One entity changes (as an ingestion writes it), then it is rescored.
  const one: number[] = [];
  const oneCpu: number[] = [];
  for (let i = 0; i < RUNS * 4; i++) {
    const ref = `component:default/${catalog.componentNames[(i * 7919) % catalog.componentNames.length]}`;
    await prisma.entity.update({ where: { ref }, data: { lifecycle: i % 2 ? 'production' : 'experimental' } });
    const t = performance.now();
    const c = cpu();
    await rescoreEntities([ref]);
    one.push(performance.now() - t);
    oneCpu.push(cpu() - c);
  }
  const entities = await prisma.entity.count();
  await closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(
    JSON.stringify(
      {
        engine: 'pglite',
        components: SIZE,
        entities,
        scorecards: 3,
        results,
        ingestSeconds: ms(ingestMs / 1000),
        loadAverage: os.loadavg().map((l) => ms(l)),
        cores: os.availableParallelism(),
        fullRescoreMs: { runs: full.map(ms), cpu: fullCpu.map(ms), firstRun: ms(full[0]), median: ms(pct(full, 0.5)), target: 5000 },
        oneEntityRescoreMs: {
          runs: one.length,
          p50: ms(pct(one, 0.5)),
          p95: ms(pct(one, 0.95)),
          cpuP95: ms(pct(oneCpu, 0.95)),
          target: 200,
        },
      },
      null,
      2,
    ),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
