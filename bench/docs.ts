import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Docs benchmark, runnable alone: `npx tsx --conditions=react-server bench/docs.ts [--pages=200] [--reads=200]`.
// Generates a docs site of N pages (sections, headings, code, tables, callouts, cross links) as a
// local folder, registers it on a fresh embedded database, and measures: the cold build (first
// build in a fresh process: Shiki and the MDX pipeline start cold), a rebuild with nothing changed,
// a rebuild after a one-page change, and reading a cached page (site + page rows, what the Docs
// tab and the page API read per request). Then, against the GitHub stand-in (standins/github) with the
// real webhook route and job worker in this process: a push to a docs page until the rebuilt page
// is readable (--push-runs=N, 0 skips). Prints one JSON document on stdout.
// Targets: cold < 5 s, one-page change < 0.5 s, cached page read p95 < 50 ms, push visible p95 < 2 s.

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const PAGES = Number(args.pages ?? 200);
const READS = Number(args.reads ?? 200);
const PUSH_RUNS = Number(args['push-runs'] ?? 20);

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wayfinder-bench-docs-'));
fs.writeFileSync(path.join(root, 'wayfinder.config.yaml'), 'catalog:\n  rules:\n    - allow: [Component]\n  fileLocationRoots: [.]\n');
Object.assign(process.env, {
  WAYFINDER_CONFIG: path.join(root, 'wayfinder.config.yaml'),
  WAYFINDER_DATA_DIR: path.join(root, 'data'),
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
});
delete process.env.DATABASE_URL;

function page(i: number, sections: number): string {
  const s = i % sections;
  return `# Page ${i}: ${['Setup', 'Operations', 'Design', 'Reference'][i % 4]}

Intro for page ${i}. See [the previous page](../section-${s}/page-${Math.max(0, i - sections)}.md) and the [home page](../index.md#welcome).

!!! note "Remember"
    Page ${i} is generated for the benchmark; it has **bold**, \`code\` and a [link](https://example.com).

## Configuration

| Key | Default | Meaning |
| --- | --- | --- |
| \`timeout\` | 30 s | how long to wait |
| \`retries\` | ${i % 5} | how often to retry |

\`\`\`ts title="config-${i}.ts" hl_lines="2"
export const config = {
  timeout: 30_000,
  retries: ${i % 5},
  name: 'service-${i}',
};
\`\`\`

=== "Bash"

    \`\`\`bash
    curl -s https://api.example.com/v1/items/${i} | jq .
    \`\`\`

=== "Python"

    \`\`\`python
    requests.get("https://api.example.com/v1/items/${i}").json()
    \`\`\`

## Operations

${Array.from({ length: 6 }, (_, k) => `Paragraph ${k} of page ${i}: rotate credentials, watch the dashboards, and page the on-call engineer when the error rate stays above one percent for five minutes.`).join('\n\n')}

- [x] Task one
- [ ] Task two
`;
}

function generate(dir: string, pages: number): string {
  const sections = 10;
  fs.mkdirSync(path.join(dir, 'docs'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'catalog-info.yaml'),
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: bench-docs\n  annotations:\n    backstage.io/techdocs-ref: dir:.\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n',
  );
  fs.writeFileSync(path.join(dir, 'mkdocs.yml'), 'site_name: Bench docs\nplugins:\n  - techdocs-core\n');
  fs.writeFileSync(path.join(dir, 'docs', 'index.md'), '# Bench docs\n\n## Welcome\n\nThe home page.\n');
  for (let i = 1; i < pages; i++) {
    const sub = path.join(dir, 'docs', `section-${i % sections}`);
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `page-${i}.md`), page(i, sections));
  }
  return path.join(dir, 'catalog-info.yaml');
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const round = (n: number) => Math.round(n * 10) / 10;

const site = path.join(root, 'site');
const descriptor = generate(site, PAGES);
const { getDb, closeDb } = await import('@/lib/db/client');
const { migrate } = await import('@/lib/db/migrate');
const { registerLocation } = await import('@/lib/catalog/location-admin');
const { buildDocs, getDocsPage, getDocsSite } = await import('@/lib/docs');
const db = await getDb();
await migrate(db.driver);
await registerLocation({ type: 'file', target: descriptor });
const REF = 'component:default/bench-docs';

const time = async <T>(run: () => Promise<T>) => {
  const t = performance.now();
  const result = await run();
  return { ms: performance.now() - t, result };
};

const cold = await time(() => buildDocs(REF));
const noChange = await time(() => buildDocs(REF));
fs.appendFileSync(path.join(site, 'docs', 'section-3', 'page-3.md'), '\n## Added by the benchmark\n\nOne changed page.\n');
const onePage = await time(() => buildDocs(REF));

// The pipeline alone (no database), warm: where the cold build's time goes.
const { compileSite } = await import('@/lib/docs/compile-site');
const { localSnapshot } = await import('@/lib/docs/local-source');
const snapshot = await time(() => localSnapshot(site, [site]));
const compileAll = await time(() => compileSite(snapshot.result, { pageBase: '/p', assetBase: '/a' }));

const reads: number[] = [];
for (let i = 0; i < READS + 20; i++) {
  const n = 1 + (i % (PAGES - 1));
  const { ms } = await time(async () => {
    const s = await getDocsSite(REF);
    const pg = await getDocsPage(REF, `section-${n % 10}/page-${n}`);
    if (!s || !pg?.html) throw new Error(`page ${n} missing`);
  });
  if (i >= 20) reads.push(ms);
}
const pushMs: number[] = [];
if (PUSH_RUNS > 0) {
  const { startGithubEnvironment } = await import('../testing/github-environment');
  const env = await startGithubEnvironment('bench-docs-secret');
  const ghRef = 'component:default/shipments-service';
  await registerLocation({ type: 'url', target: `${env.gh.url}/acme/shipments-service/blob/main/catalog-info.yaml` });
  await buildDocs(ghRef);
  for (let run = 0; run < PUSH_RUNS; run++) {
    const marker = `push-marker-${run}-${Date.now()}`;
    const started = performance.now();
    env.gh.state.commitFiles('acme/shipments-service', {
      message: `Bench ${run}`,
      files: { 'docs/runbook.md': `# Runbook\n\n${marker}\n` },
    });
    for (;;) {
      if ((await getDocsPage(ghRef, 'runbook'))?.html.includes(marker)) break;
      if (performance.now() - started > 30_000) throw new Error('a pushed docs change did not show within 30 s');
      await new Promise((r) => setTimeout(r, 20));
    }
    pushMs.push(performance.now() - started);
  }
  await env.close();
}

await closeDb();
fs.rmSync(root, { recursive: true, force: true });

const result = {
  pages: PAGES,
  coldBuildMs: round(cold.ms),
  coldBuild: cold.result,
  noChangeRebuildMs: round(noChange.ms),
  onePageRebuildMs: round(onePage.ms),
  onePageRebuild: onePage.result,
  snapshotMs: round(snapshot.ms),
  compileAllPagesWarmMs: round(compileAll.ms),
  cachedPageReadP95Ms: round(p95(reads)),
  cachedPageReadMedianMs: round([...reads].sort((a, b) => a - b)[Math.floor(reads.length / 2)]),
  pushVisibleP95Ms: pushMs.length ? round(p95(pushMs)) : null,
  pushVisibleMedianMs: pushMs.length ? round([...pushMs].sort((a, b) => a - b)[Math.floor(pushMs.length / 2)]) : null,
  loadAverage: os.loadavg().map(round),
  targets: { coldBuildMs: '< 5000', onePageRebuildMs: '< 500', cachedPageReadP95Ms: '< 50', pushVisibleP95Ms: '< 2000' },
};
console.log(JSON.stringify(result, null, 2));
process.exit(0);
