import fs from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { DEFAULT_PARSE_LIMITS } from '@/lib/catalog/model';
import { isInsideRoots, isUrl, type LocationSpec } from './location-target';

// Reading files for `file` locations and plain http(s) `url` locations. Every read is bounded in
// size; failures are values the ingester records. GitHub sources are in lib/catalog/ingest/sources.ts.

/** A descriptor of a location, read when its turn comes (a location's files are never all in memory). */
export type SourceFile = { file: string; read: () => Promise<string> };
export type SourceFailure = { file: string; message: string };
export type SourceRead = { files: SourceFile[]; failures: SourceFailure[] };
export type UrlReader = (url: string, maxBytes?: number) => Promise<string>;

const MAX_FILES = 5_000;

export async function readFileLocation(loc: LocationSpec, maxBytes?: number): Promise<SourceRead> {
  const paths = await expandFileTarget(loc.target);
  if ('message' in paths) return { files: [], failures: [{ file: loc.target, message: paths.message }] };
  return { files: paths.files.map((file) => ({ file, read: () => readBoundedFile(file, maxBytes) })), failures: [] };
}

/** A file, a directory (its catalog-info.yaml files, recursively), or a glob. */
async function expandFileTarget(target: string): Promise<{ files: string[] } | { message: string }> {
  if (isDynamicPattern(target)) {
    const files = (await glob(target, { absolute: true, onlyFiles: true, ignore: ['**/node_modules/**'] })).sort();
    return files.length ? { files: files.slice(0, MAX_FILES) } : { message: `no files match the pattern ${target}` };
  }
  const stat = await fs.stat(target).catch(() => null);
  if (!stat) return { message: `${target} does not exist; fix the location's target or unregister it` };
  if (stat.isDirectory()) {
    const files = (await glob('**/catalog-info.{yaml,yml}', { cwd: target, absolute: true, ignore: ['**/node_modules/**'] })).sort();
    return files.length ? { files: files.slice(0, MAX_FILES) } : { message: `the folder ${target} has no catalog-info.yaml files` };
  }
  return { files: [target] };
}

export async function readBoundedFile(file: string, maxBytes = DEFAULT_PARSE_LIMITS.maxBytes): Promise<string> {
  const stat = await fs.stat(file).catch(() => null);
  if (!stat) throw new Error(`${file} does not exist`);
  if (!stat.isFile()) throw new Error(`${file} is not a file`);
  if (stat.size > maxBytes) throw new Error(`${file} is ${stat.size} bytes; the limit is ${maxBytes} bytes`);
  return fs.readFile(file, 'utf8');
}

export async function readUrlLocation(url: string, readUrl: UrlReader = fetchBoundedText): Promise<SourceRead> {
  try {
    const text = await readUrl(url);
    return { files: [{ file: url, read: async () => text }], failures: [] };
  } catch (err) {
    return { files: [], failures: [{ file: url, message: (err as Error).message }] };
  }
}

export async function fetchBoundedText(url: string, maxBytes = DEFAULT_PARSE_LIMITS.maxBytes): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(15_000), redirect: 'follow' });
  if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`);
  const buf = Buffer.from(await res.arrayBuffer());
  if (buf.length > maxBytes) throw new Error(`${url} is ${buf.length} bytes; the limit is ${maxBytes} bytes`);
  return buf.toString('utf8');
}

/**
 * Reader for `$text`/`$json`/`$yaml` placeholders of one descriptor: relative to the descriptor,
 * and only inside the descriptor's folder or the configured roots (no `../../etc/passwd`), or on
 * the same host for URL descriptors.
 */
export function substitutionReader(descriptor: string, roots: string[], readUrl: UrlReader = fetchBoundedText) {
  return async (target: string): Promise<string> => {
    if (isUrl(descriptor)) {
      const url = new URL(target, descriptor);
      if (url.host !== new URL(descriptor).host) throw new Error(`${target} is on another host than the descriptor`);
      return readUrl(url.toString());
    }
    if (isUrl(target)) throw new Error('a file descriptor may only reference files beside it');
    const file = path.resolve(path.dirname(descriptor), target);
    if (!isInsideRoots(file, [path.dirname(descriptor), ...roots])) {
      throw new Error(`${target} lies outside the descriptor's folder and the allowed roots`);
    }
    return readBoundedFile(file);
  };
}
