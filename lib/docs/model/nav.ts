import { isPageFile, normaliseDocsPath, pagePathOf } from './paths';
import type { RawNavEntry } from './mkdocs';

// The navigation of a docs site: from mkdocs.yml's `nav` when it has one (sections, pages,
// external links), else from the file tree (index first, titles from each page's first heading).

export type NavItem =
  | { kind: 'page'; title: string; path: string; file: string; missing?: boolean }
  | { kind: 'link'; title: string; url: string }
  | { kind: 'section'; title: string; children: NavItem[] };

export type NavProblem = { file: string; message: string };

/** MkDocs' title of a file or folder without one (mkdocs/utils dirname_to_title): a mixed-case name keeps its capitals. */
function titleFromName(name: string): string {
  const base = name
    .replace(/\.(md|mdx|markdown)$/i, '')
    .replace(/[-_]/g, ' ')
    .trim();
  return base.toLowerCase() === base ? base.charAt(0).toUpperCase() + base.slice(1) : base;
}

/** Python's string order, which MkDocs sorts files by (code points: `B` before `a`), not the locale's. */
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Title of a page: its first heading, else its file name. */
function pageTitle(file: string, titles: ReadonlyMap<string, string | null>): string {
  return titles.get(file) || fileTitle(file);
}

/** MkDocs' title of a page without a heading or front matter title: from its file name (the home page is 'Home'). */
export function fileTitle(file: string): string {
  const parts = file.split('/');
  const last = parts[parts.length - 1];
  return /^(index|README)\./.test(last) && parts.length > 1
    ? titleFromName(parts[parts.length - 2])
    : /^(index|README)\./.test(last)
      ? 'Home'
      : titleFromName(last);
}

export function navFromMkdocs(
  entries: RawNavEntry[],
  files: ReadonlySet<string>,
  titles: ReadonlyMap<string, string | null>,
): { nav: NavItem[]; problems: NavProblem[] } {
  const problems: NavProblem[] = [];
  const item = (title: string | null, value: unknown): NavItem | null => {
    if (typeof value === 'string') {
      if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('//')) {
        return /^https?:\/\//i.test(value) ? { kind: 'link', title: title ?? value, url: value } : null;
      }
      const file = normaliseDocsPath(value);
      if (file === null) {
        problems.push({ file: 'mkdocs.yml', message: `nav entry "${title ?? value}" points outside the docs folder (${value})` });
        return null;
      }
      const missing = !files.has(file);
      if (missing)
        problems.push({
          file: 'mkdocs.yml',
          message: `nav entry "${title ?? value}" points at ${value}, which is not in the docs folder; add the file or fix the entry`,
        });
      return {
        kind: 'page',
        title: title ?? pageTitle(file, titles),
        path: isPageFile(file) ? pagePathOf(file) : file,
        file,
        ...(missing ? { missing } : {}),
      };
    }
    if (Array.isArray(value)) return { kind: 'section', title: title ?? 'Section', children: list(value) };
    return null;
  };
  const list = (raw: unknown[]): NavItem[] =>
    raw
      .flatMap((e) => {
        if (typeof e === 'string') return [item(null, e)];
        if (e && typeof e === 'object' && !Array.isArray(e)) return Object.entries(e).map(([title, v]) => item(title, v));
        return [];
      })
      .filter((x): x is NavItem => x !== null);
  return { nav: list(entries), problems };
}

export function navFromFiles(pageFiles: readonly string[], titles: ReadonlyMap<string, string | null>): NavItem[] {
  type Dir = { pages: string[]; dirs: Map<string, Dir> };
  const root: Dir = { pages: [], dirs: new Map() };
  for (const file of pageFiles) {
    const parts = file.split('/');
    let dir = root;
    for (const p of parts.slice(0, -1)) {
      if (!dir.dirs.has(p)) dir.dirs.set(p, { pages: [], dirs: new Map() });
      dir = dir.dirs.get(p)!;
    }
    dir.pages.push(file);
  }
  const isIndex = (f: string) => /(^|\/)(index|README)\.(md|mdx|markdown)$/i.test(f);
  const build = (dir: Dir): NavItem[] => {
    const pages = [...dir.pages].sort((a, b) => Number(isIndex(b)) - Number(isIndex(a)) || byCodePoint(a, b));
    const items: NavItem[] = pages.map((file) => ({ kind: 'page', title: pageTitle(file, titles), path: pagePathOf(file), file }));
    for (const [name, sub] of [...dir.dirs].sort(([a], [b]) => byCodePoint(a, b)))
      items.push({ kind: 'section', title: titleFromName(name), children: build(sub) });
    return items;
  };
  return build(root);
}

/** Pages in reading order (for previous / next links). */
export function flattenNav(nav: readonly NavItem[]): Extract<NavItem, { kind: 'page' }>[] {
  return nav.flatMap((n) => (n.kind === 'page' ? (n.missing ? [] : [n]) : n.kind === 'section' ? flattenNav(n.children) : []));
}
