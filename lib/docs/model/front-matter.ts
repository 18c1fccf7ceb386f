import { parseDocument } from 'yaml';
import { DEFAULT_PARSE_LIMITS } from '@/lib/catalog/model';

// MkDocs' page meta (mkdocs/utils/meta.py, which Backstage's and Material's docs use): a page may
// open with YAML between a `---` line and a `---` or `...` line. When it parses to a mapping, MkDocs
// takes it off the page and names the page by its `title`; otherwise the lines stay page text.

const FRONT_MATTER = /^-{3}[ \t]*\r?\n([\s\S]*?\r?\n)(?:\.{3}|-{3})[ \t]*(?:\r?\n|$)/;

export type FrontMatter = {
  /** The page without its front matter; the front matter's lines are left blank, so lines keep their numbers. */
  body: string;
  title: string | null;
};

export function splitFrontMatter(source: string): FrontMatter {
  const m = FRONT_MATTER.exec(source);
  if (!m || m[1].length > DEFAULT_PARSE_LIMITS.maxBytes) return { body: source, title: null };
  const doc = parseDocument(m[1], { prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length) return { body: source, title: null };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: DEFAULT_PARSE_LIMITS.maxAliasCount });
  } catch {
    return { body: source, title: null };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { body: source, title: null };
  const title = (data as Record<string, unknown>).title;
  const blank = '\n'.repeat(m[0].split('\n').length - 1);
  return {
    body: blank + source.slice(m[0].length),
    title: typeof title === 'string' || typeof title === 'number' ? String(title).trim() || null : null,
  };
}
