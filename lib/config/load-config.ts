import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { getEnv } from '@/lib/env';
import { configSchema, type WayfinderConfig } from './schema';

export type LoadedConfig = WayfinderConfig & {
  /** Absolute path of the file read, or null when none exists and defaults apply. */
  file: string | null;
  /** Folder that relative paths in the config resolve against. */
  baseDir: string;
  /** Absolute folders that `file` locations must lie under (catalog.fileLocationRoots resolved). */
  fileLocationRoots: string[];
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses and validates config text; errors name the key and what is expected. */
export function parseConfig(text: string, file: string): WayfinderConfig {
  let raw: unknown;
  try {
    raw = parse(text, { maxAliasCount: 50 }) ?? {};
  } catch (err) {
    throw new ConfigError(`${file}: not valid YAML: ${(err as Error).message}`);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const key = i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
      return `  ${key || '(root)'}: ${i.message}`;
    });
    throw new ConfigError(`${file} is invalid:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

const KEY = Symbol.for('wayfinder.config');
const store = globalThis as unknown as { [KEY]?: LoadedConfig };

/** The configuration, read once per process. A missing file means defaults; a wrong one throws. */
export function getConfig(): LoadedConfig {
  if (store[KEY]) return store[KEY];
  const file = path.resolve(getEnv().WAYFINDER_CONFIG);
  const exists = fs.existsSync(file);
  const config = parseConfig(exists ? fs.readFileSync(file, 'utf8') : '', file);
  const baseDir = path.dirname(file);
  const roots = config.catalog.fileLocationRoots ?? [baseDir, path.resolve('examples')];
  store[KEY] = {
    ...config,
    file: exists ? file : null,
    baseDir,
    fileLocationRoots: roots.map((r) => path.resolve(baseDir, r)),
  };
  return store[KEY];
}

export function resetConfigForTests(): void {
  delete store[KEY];
}
