// `npm start` (and `npm run worker`, `npm run db:migrate`): runs a compiled entry in this very
// process, building it first when there is none (`npm run build` after changing the code).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildServer, SERVER_BUILD_DIR, SERVER_BUILD_FILES } from './build-server.mjs';

const entry = process.argv[2] ?? 'server';
if (!['server', 'worker', 'migrate'].includes(entry)) {
  console.error(`usage: node scripts/start.mjs [server|worker|migrate] (got "${entry}")`);
  process.exit(2);
}
const compiled = path.resolve(SERVER_BUILD_DIR, `${entry}.mjs`);
if (entry === 'server' && !fs.existsSync('.next/BUILD_ID')) {
  console.log('No production build found: running `next build` once (about a minute).');
  const r = spawnSync('npx', ['next', 'build'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (!SERVER_BUILD_FILES.every((f) => fs.existsSync(f))) await buildServer();
if (entry === 'server') process.env.NODE_ENV = 'production';
// The compiled code's own threads (the docs renderer's) start from this folder: every copy of the
// app's modules in this process (the server's bundle, Next's) reads it here.
globalThis.wayfinderServerBuild = path.resolve(SERVER_BUILD_DIR);
await import(pathToFileURL(compiled).href);
