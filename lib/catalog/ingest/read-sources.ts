import fs from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { DEFAULT_PARSE_LIMITS } from '@/lib/catalog/model';
import { isInsideRoots, isUrl, type LocationSpec } from '../model/location-target';

// Reading files for `file` locations and `$text` substitutions, and `url` locations through a
// reader the caller gives (lib/catalog/ingest/sources.ts: integrations, then the read allow-list).
// Every read is bounded in size; failures are values the ingester records.

/** A descriptor of a location, read when its turn comes (a location's files are never all in memory). */
export type SourceFile = { file: string; read: () => Promise<string> };
export type SourceFailure = { file: string; message: string };
export type SourceRead = { files: SourceFile[]; failures: SourceFailure[] };
export type UrlReader = (url: string, maxBytes?: number) => Promise<string>;

/**
 * Folders that files may be read from, as real paths (links followed), and the rule that names
 * them, for errors. Reads are checked against this on the real path of the opened file, so a
 * symbolic link inside a folder cannot lead out of it.
 */
export type AllowedFolders = { real: string[]; rule: string };

export async function allowedFolders(folders: string[], rule: string): Promise<AllowedFolders> {
  return { real: await Promise.all(folders.map((f) => fs.realpath(f).catch(() => path.resolve(f)))), rule };
}

/**
 * Why a `file` location target (a path, folder or glob) may not be declared under `within`, or
 * null. Reads check every file again; this refuses a Location entity's target before it is stored.
 */
export async function targetOutsideReason(target: string, within: AllowedFolders): Promise<string | null> {
  const base = isDynamicPattern(target) ? path.resolve(target.split(/[*?[{(!]/)[0] || '/') : target;
  const real = await fs.realpath(base).catch(() => null);
  if (real) return outsideReason(base, within, real);
  const parent = await fs.realpath(path.dirname(base)).catch(() => path.resolve(path.dirname(base)));
  return isInsideRoots(parent, within.real) ? null : `${target} lies outside ${within.rule}; reading it is refused`;
}

/** The bound of everything reached from a location registered through the API or UI. */
export function rootsRule(roots: string[]): string {
  return `catalog.fileLocationRoots (${roots.join(', ')}), which bounds every location registered through the API or UI`;
}

const MAX_FILES = 5_000;

/**
 * Reads a `file` location lazily (one file at a time, as ingestion streams); with `within`, only
 * files whose real path lies inside those folders.
 */
export async function readFileLocation(loc: LocationSpec, within: AllowedFolders | null, maxBytes?: number): Promise<SourceRead> {
  const paths = await expandFileTarget(loc.target, within);
  if ('message' in paths) return { files: [], failures: [{ file: loc.target, message: paths.message }] };
  return { files: paths.files.map((file) => ({ file, read: () => readBoundedFile(file, { within, maxBytes }) })), failures: [] };
}

/** A file, a directory (its catalog-info.yaml files, recursively), or a glob. */
async function expandFileTarget(target: string, within: AllowedFolders | null): Promise<{ files: string[] } | { message: string }> {
  if (isDynamicPattern(target)) {
    const files = (await glob(target, { absolute: true, onlyFiles: true, ignore: ['**/node_modules/**'] })).sort();
    return files.length ? { files: files.slice(0, MAX_FILES) } : { message: `no files match the pattern ${target}` };
  }
  const stat = await fs.stat(target).catch(() => null);
  if (!stat) return { message: `${target} does not exist; fix the location's target or unregister it` };
  // A folder that is a link out of the roots is refused whole, before its files are listed.
  if (within) {
    const outside = await outsideReason(target, within);
    if (outside) return { message: outside };
  }
  if (stat.isDirectory()) {
    const files = (await glob('**/catalog-info.{yaml,yml}', { cwd: target, absolute: true, ignore: ['**/node_modules/**'] })).sort();
    return files.length ? { files: files.slice(0, MAX_FILES) } : { message: `the folder ${target} has no catalog-info.yaml files` };
  }
  return { files: [target] };
}

async function outsideReason(file: string, within: AllowedFolders, real?: string): Promise<string | null> {
  const resolved = real ?? (await fs.realpath(file));
  if (isInsideRoots(resolved, within.real)) return null;
  const via = resolved === path.resolve(file) ? '' : ` (through a symbolic link it is ${resolved})`;
  return `${file}${via} lies outside ${within.rule}; reading it is refused`;
}

/**
 * Reads a regular file of at most `maxBytes`. With `within`, the file is checked after it is
 * opened: the real path of what was opened (same device and inode) must lie inside those folders.
 */
export async function readBoundedFile(file: string, options: { within?: AllowedFolders | null; maxBytes?: number } = {}): Promise<string> {
  const { within, maxBytes = DEFAULT_PARSE_LIMITS.maxBytes } = options;
  // Refused before anything is opened, so errors cannot tell which files exist outside the folders.
  if (within && !isInsideRoots(file, within.real) && (await outsideReason(path.dirname(file), within).catch(() => null))) {
    throw new Error(`${file} lies outside ${within.rule}; reading it is refused`);
  }
  // O_NONBLOCK: opening a named pipe must not wait for a writer (it is refused below as not a file).
  const handle = await fs.open(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0)).catch((err: NodeJS.ErrnoException) => {
    throw new Error(err.code === 'ENOENT' ? `${file} does not exist` : `${file} cannot be read (${err.code ?? err.message})`);
  });
  try {
    const stat = await handle.stat();
    if (within) {
      // The real path of what was opened: same device and inode as the file the path now names.
      const real = await fs.realpath(file);
      const same = await fs.stat(real);
      if (same.dev !== stat.dev || same.ino !== stat.ino) throw new Error(`${file} changed while it was read; try again`);
      const outside = await outsideReason(file, within, real);
      if (outside) throw new Error(outside);
    }
    if (!stat.isFile()) throw new Error(`${file} is not a file`);
    if (stat.size > maxBytes) throw new Error(`${file} is ${stat.size} bytes; the limit is ${maxBytes} bytes`);
    const buf = await handle.readFile();
    if (buf.length > maxBytes) throw new Error(`${file} is ${buf.length} bytes; the limit is ${maxBytes} bytes`);
    return buf.toString('utf8');
  } finally {
    await handle.close();
  }
}

export async function readUrlLocation(url: string, readUrl: UrlReader): Promise<SourceRead> {
  try {
    const text = await readUrl(url);
    return { files: [{ file: url, read: async () => text }], failures: [] };
  } catch (err) {
    return { files: [], failures: [{ file: url, message: (err as Error).message }] };
  }
}

export type SubstitutionScope = {
  /** catalog.fileLocationRoots. */
  roots: string[];
  /** True when the descriptor was reached from a location registered through the API or UI. */
  confined: boolean;
  /** Reads URL placeholders (and every placeholder of a URL descriptor); without it they are refused. */
  readUrl?: UrlReader;
};

/**
 * Reader for `$text`/`$json`/`$yaml` placeholders of one descriptor. A URL descriptor's
 * placeholders are URLs relative to it, read by `readUrl` (which applies the read policy). A file
 * descriptor's are files relative to it, inside catalog.fileLocationRoots (confined) or also its
 * own folder (configured locations), by real path; or absolute URLs through `readUrl`.
 */
export function substitutionReader(descriptor: string, scope: SubstitutionScope) {
  const { roots, confined, readUrl } = scope;
  return async (target: string): Promise<string> => {
    if (isUrl(descriptor) || isUrl(target)) {
      if (!readUrl)
        throw new Error(`${target} is a URL; only the portal reads URLs (through a configured integration or backend.reading.allow)`);
      return readUrl(new URL(target, isUrl(descriptor) ? descriptor : undefined).toString());
    }
    const folder = path.dirname(descriptor);
    const within = confined
      ? await allowedFolders(roots, rootsRule(roots))
      : await allowedFolders(
          [folder, ...roots],
          `the descriptor's folder (${folder}) and catalog.fileLocationRoots (${roots.join(', ') || 'none'})`,
        );
    return readBoundedFile(path.resolve(folder, target), { within });
  };
}
