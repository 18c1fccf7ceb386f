import path from 'node:path';
import { normalisePath } from '@/lib/reading/normalise-path';

// Where a docs file is served: MkDocs' directory URLs without the trailing slash
// (`index.md` → '', `guide/index.md` → 'guide', `guide/setup.md` → 'guide/setup').

const PAGE_EXTENSIONS = ['.md', '.mdx', '.markdown'] as const;

export function isPageFile(file: string): boolean {
  return PAGE_EXTENSIONS.some((ext) => file.toLowerCase().endsWith(ext));
}

export function pagePathOf(file: string): string {
  const withoutExt = file.replace(/\.(md|mdx|markdown)$/i, '');
  if (withoutExt === 'index' || withoutExt === 'README') return '';
  return withoutExt.replace(/\/(index|README)$/, '');
}

/** A path inside the docs folder, or null when it is absolute or climbs out of it. */
export function normaliseDocsPath(p: string): string | null {
  if (p.startsWith('/') || p.includes('\0')) return null;
  const n = normalisePath(p);
  if (n === '..' || n.startsWith('../')) return null;
  return n === '.' ? '' : n;
}

export type LinkBases = {
  /** Route of the docs root page, e.g. `/catalog/component/default/orders/docs`. */
  pageBase: string;
  /** Route serving assets, e.g. `/api/docs/default/component/orders/assets`. */
  assetBase: string;
};

export type RewrittenLink = { href: string; external: boolean; broken?: boolean };

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

function encodePath(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

export function pageHref(bases: Pick<LinkBases, 'pageBase'>, pagePath: string, hash = ''): string {
  return `${bases.pageBase}${pagePath ? `/${encodePath(pagePath)}` : ''}`.replace(/^$/, '/') + hash;
}

/**
 * Rewrites a link or image source written in a docs page (relative to the page's file, as MkDocs
 * resolves them) to a portal route: pages to the Docs tab, other files to the asset route.
 */
export function rewriteLink(href: string, fromFile: string, bases: LinkBases): RewrittenLink {
  if (href.startsWith('#')) return { href, external: false };
  // A browser drops tabs and newlines from a URL and reads `\` as `/` (WHATWG URL), so `/\host`
  // and `/<tab>/host` are `//host`: another origin, which a path of the portal must not hide.
  const spelled = href.replace(/[\t\n\r]/g, '');
  if (/^[/\\]{2}/.test(spelled)) return { href: spelled.replace(/^[/\\]+/, '//'), external: true };
  if (SCHEME.test(href)) return { href, external: /^https?:/i.test(href) };
  if (href.startsWith('/')) return { href, external: false };
  const m = /^([^?#]*)(\?[^#]*)?(#.*)?$/.exec(href)!;
  const hash = m[3] ?? '';
  let target: string;
  try {
    target = decodeURI(m[1]);
  } catch {
    target = m[1];
  }
  // MkDocs rewrites a link to a file relative to the file, and leaves a directory URL (`../setup/`,
  // `./#anchor`) to the browser, which resolves it from the page's URL: `guide/a.md` is served at
  // `guide/a/`, so there `../setup/` is `guide/setup` (and `./` the page itself).
  const directory = target === '' || target.endsWith('/');
  const base = directory && isPageFile(fromFile) ? pagePathOf(fromFile) : path.posix.dirname(fromFile);
  const resolved = normaliseDocsPath(base ? `${base}/${target}` : target);
  if (resolved === null) return { href: '#', external: false, broken: true };
  if (isPageFile(resolved)) return { href: pageHref(bases, pagePathOf(resolved), hash), external: false };
  const last = resolved.split('/').pop() ?? '';
  // Extension-less links (`setup`, as wiki-style and ezlinks pages write them) name pages too.
  if (directory || !last.includes('.'))
    return { href: pageHref(bases, resolved.replace(/\/(index|README)$/, '').replace(/^(index|README)$/, ''), hash), external: false };
  return { href: `${bases.assetBase}/${encodePath(resolved)}`, external: false };
}
