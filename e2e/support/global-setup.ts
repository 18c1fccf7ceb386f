import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuild, startServer, STATE_ENV, writeState } from './server';

// Playwright global setup: build if needed, start one production server for the whole run.
// Workers inherit process.env, so they find the server through WAYFINDER_E2E_URL and the state file.
export default async function globalSetup(): Promise<void> {
  if (process.env.WAYFINDER_E2E_URL && !process.env[STATE_ENV]) return; // an external server was given
  ensureBuild();
  const state = await startServer();
  const stateFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wayfinder-e2e-state-')), 'server.json');
  writeState(stateFile, state);
  process.env[STATE_ENV] = stateFile;
  process.env.WAYFINDER_E2E_URL = state.url;
  console.log(`[e2e] Wayfinder is serving ${state.url} (data ${state.dataDir}, log ${state.logFile})`);
}
