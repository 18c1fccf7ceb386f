// `npm start`: serve the production build, building it first when there is none.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const run = (cmd, args, env = process.env) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!fs.existsSync('.next/BUILD_ID')) {
  console.log('No production build found: running `next build` once (about a minute).');
  run('npx', ['next', 'build']);
}
// V8 otherwise lets the heap grow far past what the server needs (measured: 870 MB vs 465 MB peak
// RSS at 10,000 entities with the same latencies); an explicit NODE_OPTIONS setting wins.
const nodeOptions = /--max-old-space-size/.test(process.env.NODE_OPTIONS ?? '')
  ? process.env.NODE_OPTIONS
  : `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=384`.trim();
run('npx', ['tsx', 'scripts/server.ts'], { ...process.env, NODE_ENV: 'production', NODE_OPTIONS: nodeOptions });
