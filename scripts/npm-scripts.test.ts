import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';

// `docker stop` and process managers send SIGTERM to `npm start` (or `npm run worker`); npm passes
// it on to the shell running the script, and a shell that waits for node instead of becoming it
// (dash does) dies without passing it on: the server went on running, orphaned. Each long-running
// script is run here as written, with scripts/start.mjs replaced by a stand-in that reports the
// signals it gets.

const scripts = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> })
  .scripts;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wayfinder-npm-scripts-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const STAND_IN = `process.on('SIGTERM', () => { console.log('SIGTERM'); process.exit(0); }); console.log('ready', process.pid); setInterval(() => {}, 1000);`;

describe('npm scripts that run the app', () => {
  it.each(['start', 'worker', 'db:migrate'])(
    '%s passes SIGTERM on to node',
    async (name) => {
      fs.mkdirSync(path.join(dir, 'scripts'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'scripts', 'start.mjs'), STAND_IN);
      fs.writeFileSync(
        path.join(dir, 'package.json'),
        JSON.stringify({ name: 'npm-scripts-test', private: true, scripts: { [name]: scripts[name] } }),
      );
      const npm = spawn('npm', ['run', '--silent', name], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      npm.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      await expect.poll(() => out, { timeout: 10_000 }).toContain('ready');
      const pid = Number(/ready (\d+)/.exec(out)![1]);
      npm.kill('SIGTERM');
      const closed = await Promise.race([new Promise((resolve) => npm.once('close', () => resolve(true))), sleep(5_000)]);
      try {
        expect(closed).toBe(true);
        expect(out).toContain('SIGTERM');
      } finally {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Gone, as it should be.
        }
      }
    },
    20_000,
  );
});
