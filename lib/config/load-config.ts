import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { getEnv, readConfigVariable } from '@/lib/env';
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
    // The parser's message quotes the line it stopped at, which may hold a secret written inline
    // (a service token, a client secret): the start-up error and the log get its place only.
    throw new ConfigError(`${file}: not valid YAML: ${(err as Error).message.split('\n')[0].replace(/:$/, '')}`);
  }
  const missing: string[] = [];
  const substituted = substituteVariables(raw, [], missing);
  if (missing.length) throw new ConfigError(`${file} is invalid:\n${missing.map((m) => `  ${m}`).join('\n')}`);
  const parsed = configSchema.safeParse(substituted);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const key = i.path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, '');
      return `  ${key || '(root)'}: ${i.message}`;
    });
    throw new ConfigError(`${file} is invalid:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Replaces `${NAME}` in string values with the environment variable, as Backstage's config does. */
function substituteVariables(value: unknown, path: (string | number)[], missing: string[]): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => {
      const v = readConfigVariable(name);
      if (v === undefined) missing.push(`${path.join('.') || '(root)'}: environment variable ${name} is not set`);
      return v ?? '';
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => substituteVariables(v, [...path, i], missing));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteVariables(v, [...path, k], missing)]));
  }
  return value;
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
