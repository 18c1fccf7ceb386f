import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createArgoCdStandIn } from '../standins/argocd/server';
import { createGitHubStandIn } from '../standins/github/server';
import { SEED_TOKEN, seedAcme } from '../standins/github/seed';

// `npx tsx --conditions=react-server bench/scaffolder.ts [--runs=10]`: the Spring Boot gRPC
// template, submitted as the form submits it, against the GitHub and Argo CD stand-ins, on an
// embedded database in a temporary folder. Measures submit → entity visible in the catalog (p95 of
// the runs, target < 3 s) and task log line written → received by an event-stream reader (p95,
// target < 250 ms). Prints one JSON document.

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const RUNS = Number(args.runs ?? 10);
const ROOT = path.resolve(import.meta.dirname, '..');

const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.min(xs.length - 1, Math.ceil(xs.length * q) - 1))];

async function main() {
  const gh = await createGitHubStandIn({ seed: seedAcme });
  const argo = await createArgoCdStandIn();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wayfinder-bench-scaffolder-'));
  fs.writeFileSync(
    path.join(dir, 'wayfinder.config.yaml'),
    [
      'catalog:',
      '  rules: [{ allow: [Component, API, Resource, System, Domain, Group, User, Location, Template] }]',
      `  fileLocationRoots: [${path.join(ROOT, 'examples')}]`,
      'integrations:',
      '  github:',
      `    - { host: github.local, apiBaseUrl: '${gh.url}', webBaseUrl: '${gh.url}', token: '${SEED_TOKEN}' }`,
      'argocd:',
      '  appLocatorMethods:',
      `    - { type: config, instances: [{ name: dev, url: '${argo.url}', token: '${argo.token}' }] }`,
      '',
    ].join('\n'),
  );
  Object.assign(process.env, { WAYFINDER_CONFIG: path.join(dir, 'wayfinder.config.yaml'), WAYFINDER_DATA_DIR: path.join(dir, 'data'), WAYFINDER_WORKERS: 'false', LOG_LEVEL: 'warn' });

  // Imported after the environment is set: lib/env reads it once.
  const { getDb, getPrisma, closeDb } = await import('../lib/db/client');
  const { migrate } = await import('../lib/db/migrate');
  const { registerLocation } = await import('../lib/catalog/locations');
  const { createTask } = await import('../lib/scaffolder/mutations');
  const { runTask } = await import('../lib/scaffolder/runner/run-task');
  const { taskEventStream } = await import('../lib/scaffolder/api');
  const actor = { id: 'user:bench', name: 'Bench', kind: 'user' as const, userRef: 'user:default/bench', roles: ['member' as const], leadOf: [], scope: 'write' as const };

  await migrate((await getDb()).driver);
  await registerLocation({ type: 'file', target: path.join(ROOT, 'examples/templates/spring-boot-grpc-service/template.yaml') });
  const prisma = await getPrisma();

  const visible: number[] = [];
  const lineLatency: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const name = `bench-svc-${i}-${Date.now().toString(36)}`;
    const started = performance.now();
    const { id } = await createTask(actor, {
      templateRef: 'template:default/spring-boot-grpc-service',
      values: { name, description: 'bench', owner: 'group:default/team-devex', system: 'system:default/shipment-management', javaVersion: 21, database: 'none', enableKafka: false, namespace: 'bench', cluster: 'dev', repoUrl: `github.local?owner=acme&repo=${name}` },
      secrets: {},
    });
    // A reader of the task's event stream, as the task page is: time from a line's row to its arrival.
    const abort = new AbortController();
    const reading = (async () => {
      const res = await taskEventStream(actor as never, id, 0, abort.signal);
      const reader = res.body!.getReader();
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const received = Date.now();
        buf += new TextDecoder().decode(value);
        for (const m of buf.matchAll(/^data: (.*)$/gm)) {
          const e = JSON.parse(m[1]) as { createdAt: string; type: string };
          if (e.type === 'log') lineLatency.push(received - Date.parse(e.createdAt));
        }
        buf = buf.slice(buf.lastIndexOf('\n\n') + 2);
      }
    })();
    const running = runTask(id);
    const ref = `component:default/${name}`;
    for (;;) {
      if (await prisma.entity.findUnique({ where: { ref }, select: { ref: true } })) break;
      const task = await prisma.scaffolderTask.findUnique({ where: { id }, select: { status: true } });
      if (task?.status === 'failed') throw new Error(`run ${i} failed; see the task events of ${id}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    visible.push(performance.now() - started);
    await running;
    abort.abort();
    await reading.catch(() => undefined);
    console.error(`run ${i + 1}/${RUNS}: entity visible after ${Math.round(visible.at(-1)!)} ms`);
  }
  await closeDb();
  await gh.stop();
  await argo.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(
    JSON.stringify(
      {
        runs: RUNS,
        submitToEntityVisibleMs: { p50: Math.round(pct(visible, 0.5)), p95: Math.round(pct(visible, 0.95)), target: '< 3000' },
        logLineToReaderMs: { p95: pct(lineLatency, 0.95), samples: lineLatency.length, target: '< 250' },
      },
      null,
      2,
    ),
  );
}

await main();
process.exit(0);
