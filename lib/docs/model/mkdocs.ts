import { parseDocument } from 'yaml';
import { DEFAULT_PARSE_LIMITS } from '@/lib/catalog/model';
import { EXCLUDE_DOCS_LIMITS } from './exclude-docs';
import { normaliseDocsPath } from './paths';

// mkdocs.yml as TechDocs users write it (https://www.mkdocs.org/user-guide/configuration/). Read
// with the same YAML limits as descriptors; Python tags (`!!python/name:…`, used by pymdownx
// options) are kept as plain values rather than failing the file.

export type RawNavEntry = string | { [title: string]: string | RawNavEntry[] };

export type MkdocsConfig = {
  siteName: string | null;
  siteDescription: string | null;
  docsDir: string;
  repoUrl: string | null;
  editUri: string | null;
  nav: RawNavEntry[] | null;
  plugins: string[];
  /** `exclude_docs`: .gitignore-style patterns of docs_dir files that are not part of the site (exclude-docs.ts). */
  excludeDocs: string | null;
};

export type MkdocsResult = { ok: true; config: MkdocsConfig } | { ok: false; message: string; line: number };

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** The site's MkDocs configuration file in a docs folder's file list, if it has one. */
export function mkdocsFileOf(files: ReadonlyMap<string, unknown>): 'mkdocs.yml' | 'mkdocs.yaml' | null {
  return files.has('mkdocs.yml') ? 'mkdocs.yml' : files.has('mkdocs.yaml') ? 'mkdocs.yaml' : null;
}

export function parseMkdocs(text: string): MkdocsResult {
  if (text.length > DEFAULT_PARSE_LIMITS.maxBytes)
    return { ok: false, message: `mkdocs.yml is over ${DEFAULT_PARSE_LIMITS.maxBytes} bytes`, line: 1 };
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const err = doc.errors[0];
  if (err) return { ok: false, message: `mkdocs.yml is not valid YAML: ${err.message.split('\n')[0]}`, line: lineOf(text, err.pos[0]) };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: DEFAULT_PARSE_LIMITS.maxAliasCount });
  } catch (e) {
    return { ok: false, message: `mkdocs.yml: ${(e as Error).message}`, line: 1 };
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data))
    return { ok: false, message: 'mkdocs.yml must be a mapping of settings (site_name, nav, …)', line: 1 };
  const d = data as Record<string, unknown>;
  const docsDir = normaliseDocsPath(str(d.docs_dir) ?? 'docs');
  if (docsDir === null || docsDir === '')
    return {
      ok: false,
      message: `docs_dir "${String(d.docs_dir)}" must be a folder inside the repository next to mkdocs.yml`,
      line: lineOfKey(text, 'docs_dir'),
    };
  if (d.nav !== undefined && d.nav !== null && !Array.isArray(d.nav))
    return { ok: false, message: 'nav must be a list of pages and sections', line: lineOfKey(text, 'nav') };
  const excludeDocs = str(d.exclude_docs);
  const patterns = (excludeDocs ?? '').split('\n').filter((l) => l.trim());
  if (patterns.length > EXCLUDE_DOCS_LIMITS.patterns || patterns.join('').length > EXCLUDE_DOCS_LIMITS.characters)
    return {
      ok: false,
      message: `exclude_docs may hold at most ${EXCLUDE_DOCS_LIMITS.patterns} patterns and ${EXCLUDE_DOCS_LIMITS.characters} characters in all (each is matched against every file); exclude folders, or use fewer patterns`,
      line: lineOfKey(text, 'exclude_docs'),
    };
  const plugins = Array.isArray(d.plugins)
    ? d.plugins.map((p) => (typeof p === 'string' ? p : p && typeof p === 'object' ? Object.keys(p)[0] : '')).filter(Boolean)
    : [];
  return {
    ok: true,
    config: {
      siteName: str(d.site_name),
      siteDescription: str(d.site_description),
      docsDir,
      repoUrl: str(d.repo_url),
      editUri: str(d.edit_uri),
      nav: (d.nav as RawNavEntry[] | undefined) ?? null,
      plugins,
      excludeDocs,
    },
  };
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function lineOfKey(text: string, key: string): number {
  const i = text.search(new RegExp(`^${key}\\s*:`, 'm'));
  return i < 0 ? 1 : lineOf(text, i);
}

/**
 * "Edit this page" for a file, as MkDocs builds it: repo_url + edit_uri (default `edit/main/docs/`
 * for GitHub, as MkDocs does) + the file's path in docs_dir. Only http(s) URLs are used.
 */
export function editUrlOf(config: Pick<MkdocsConfig, 'repoUrl' | 'editUri' | 'docsDir'>, file: string): string | null {
  if (!config.repoUrl || !/^https?:\/\//i.test(config.repoUrl)) return null;
  const editUri = config.editUri ?? (/github/i.test(config.repoUrl) ? `edit/main/${config.docsDir}/` : null);
  if (!editUri) return null;
  try {
    const base = new URL(
      editUri.endsWith('/') ? editUri : `${editUri}/`,
      config.repoUrl.endsWith('/') ? config.repoUrl : `${config.repoUrl}/`,
    );
    if (!/^https?:$/.test(base.protocol)) return null;
    return new URL(file.split('/').map(encodeURIComponent).join('/'), base).toString();
  } catch {
    return null;
  }
}
