import fs from 'node:fs';
import path from 'node:path';
import { currentServer, STATE_ENV, stopServer } from './server';

export default async function globalTeardown(): Promise<void> {
  const file = process.env[STATE_ENV];
  if (!file) return;
  const state = currentServer();
  await stopServer(state);
  if (process.env.E2E_KEEP_DATA !== '1') fs.rmSync(state.root, { recursive: true, force: true });
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
