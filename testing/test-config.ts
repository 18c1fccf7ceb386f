import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { resetConfigForTests } from '@/lib/config/load-config';
import { resetEnvForTests } from '@/lib/env';

/**
 * For one test file: a temporary folder holding `wayfinder.config.yaml` with the given text, made
 * the active configuration (WAYFINDER_CONFIG) before the file's tests and removed after them.
 * Files the tests need beside the config go into `dir` (ready in later beforeAll hooks). A function
 * is called when the file is written, after the beforeAll hooks registered before this call (e.g.
 * to put in the port of a server they started).
 */
export function useTestConfig(name: string, config: string | (() => string)): { readonly dir: string } {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `wayfinder-${name}-`));
    fs.writeFileSync(path.join(dir, 'wayfinder.config.yaml'), typeof config === 'function' ? config() : config);
    process.env.WAYFINDER_CONFIG = path.join(dir, 'wayfinder.config.yaml');
    resetEnvForTests();
    resetConfigForTests();
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    delete process.env.WAYFINDER_CONFIG;
    resetEnvForTests();
    resetConfigForTests();
  });
  return {
    get dir() {
      return dir;
    },
  };
}
