import fs from 'node:fs';
import path from 'node:path';

/**
 * Points this process at an embedded database in `dir` with the given wayfinder.config.yaml lines
 * (no in-app workers, quiet logs). Call before importing lib/: lib/env reads the environment once.
 */
export function setEmbeddedEnv(dir: string, configLines: string[]): void {
  fs.writeFileSync(path.join(dir, 'wayfinder.config.yaml'), [...configLines, ''].join('\n'));
  Object.assign(process.env, {
    WAYFINDER_CONFIG: path.join(dir, 'wayfinder.config.yaml'),
    WAYFINDER_DATA_DIR: path.join(dir, 'data'),
    WAYFINDER_WORKERS: 'false',
    LOG_LEVEL: 'warn',
  });
}
