import { getLogger } from '@/lib/observability/logger';
import { DocsCompileError } from './model/compile-error';
import { excludedBy } from './model/exclude-docs';
import { mkdocsFileOf, parseMkdocs, type MkdocsConfig } from './model/mkdocs';
import { fileTitle, navFromFiles, navFromMkdocs, type NavItem } from './model/nav';
import { isPageFile, pagePathOf, type LinkBases } from './model/paths';
import type { PageSection, TocEntry } from './model/render';
import { RENDERER_VERSION } from './model/renderer-version';
import { expandSnippets, pageKey, snippetFilesOf } from './model/snippets';
import { MAX_PAGE_BYTES, type SourceSnapshot } from './local-source';
import { renderPageInThread } from './page-renderer';

// A docs site from a source snapshot, without storage: mkdocs.yml, the pages that changed since
// `previous` (by content hash and renderer version), the nav and the problems. The database build
// (mutations.ts) and the local preview server (preview.ts) both use it.

/**
 * Render time one build of a site may spend (a page has its own budget too, page-renderer.ts):
 * past it, the changed pages left keep their last build and wait for the next one, which the
 * reconciliation pass starts. Hostile or huge docs (5,000 pages of nearly 20 s each) would hold
 * the docs queue for hours; this way they take a minute of it at a time.
 */
export const SITE_TIME_BUDGET_MS = 60_000;

export type DocsProblem = {
  code: 'no-mkdocs' | 'mkdocs-invalid' | 'no-index' | 'nav-missing' | 'page-invalid' | 'source-invalid' | 'site-incomplete';
  file: string;
  line: number;
  column: number;
  message: string;
};

export type CompiledPage = {
  path: string;
  file: string;
  sourceSha: string;
  title: string;
  html: string;
  toc: TocEntry[];
  sections: PageSection[];
  searchText: string;
  error: string | null;
};
export type PreviousPage = { sourceSha: string; title: string; error: string | null };

export type CompiledSite = {
  config: MkdocsConfig;
  problems: DocsProblem[];
  nav: NavItem[];
  /** Pages compiled now (new or changed). */
  compiled: CompiledPage[];
  unchanged: number;
  /** Changed pages left for the next build: the site's time budget was spent. */
  pending: number;
  /** Source files of every page, and of every other file, relative to docs_dir. */
  pageFiles: string[];
  assetFiles: string[];
  /** Path of a docs_dir file in the snapshot. */
  sourcePath(file: string): string;
};

export async function compileSite(
  snapshot: SourceSnapshot,
  bases: LinkBases,
  previous: ReadonlyMap<string, PreviousPage> = new Map(),
  budgetMs = SITE_TIME_BUDGET_MS,
): Promise<CompiledSite> {
  const started = performance.now();
  const problems: DocsProblem[] = [];
  const mkdocsFile = mkdocsFileOf(snapshot.files);
  let config: MkdocsConfig = {
    siteName: null,
    siteDescription: null,
    docsDir: 'docs',
    repoUrl: null,
    editUri: null,
    nav: null,
    plugins: [],
    excludeDocs: null,
  };
  if (!mkdocsFile) {
    problems.push({
      code: 'no-mkdocs',
      file: 'mkdocs.yml',
      line: 1,
      column: 1,
      message: `no mkdocs.yml next to the docs (${snapshot.source}); add one with at least site_name — the pages of docs/ are shown with a navigation from the file tree meanwhile`,
    });
  } else {
    const parsed = parseMkdocs((await snapshot.read(mkdocsFile)).toString('utf8'));
    if (parsed.ok) config = parsed.config;
    else problems.push({ code: 'mkdocs-invalid', file: mkdocsFile, line: parsed.line, column: 1, message: parsed.message });
  }

  const prefix = `${config.docsDir}/`;
  const excluded = excludedBy(config.excludeDocs);
  const docsFiles = [...snapshot.files.keys()]
    .filter((f) => f.startsWith(prefix))
    .map((f) => f.slice(prefix.length))
    .filter((f) => !excluded(f));
  const pageFiles = docsFiles.filter((f) => isPageFile(f) && (snapshot.sizes.get(prefix + f) ?? 0) <= MAX_PAGE_BYTES);
  const assetFiles = docsFiles.filter((f) => !isPageFile(f));
  if (!pageFiles.some((f) => /^(index|README)\.(md|mdx|markdown)$/i.test(f))) {
    problems.push({
      code: 'no-index',
      file: `${config.docsDir}/index.md`,
      line: 1,
      column: 1,
      message: `no ${config.docsDir}/index.md: add it — it is the first page of the docs`,
    });
  }

  // Content hash + renderer version: a renderer change rebuilds every page. A page with snippets
  // adds each file it asked for (found or not, a line each), so a change to one rebuilds the page.
  const hashOf = (file: string) => `${snapshot.files.get(prefix + file)}:${RENDERER_VERSION}`;
  const keyOf = (file: string, asked: readonly string[]) =>
    pageKey(
      hashOf(file),
      asked.map((a) => [a, snapshot.files.get(a) ?? '-']),
    );
  const snippets = new Map<string, Promise<string | null>>();
  const readSnippet = (file: string) => {
    if (!snippets.has(file))
      snippets.set(
        file,
        snapshot.files.has(file) && (snapshot.sizes.get(file) ?? 0) <= MAX_PAGE_BYTES
          ? snapshot.read(file).then((b) => b.toString('utf8'))
          : Promise.resolve(null),
      );
    return snippets.get(file)!;
  };
  const titles = new Map<string, string | null>();
  const compiled: CompiledPage[] = [];
  let unchanged = 0;
  let pending = 0;
  for (const file of pageFiles) {
    const prev = previous.get(file);
    if (prev && prev.sourceSha === keyOf(file, snippetFilesOf(prev.sourceSha))) {
      unchanged++;
      titles.set(file, prev.error ? null : prev.title);
      if (prev.error) problems.push(pageProblem(prev.error, `${config.docsDir}/${file}`));
      continue;
    }
    // Each build renders one page at least, so a site of slow pages still gets built, a part at a time.
    if (compiled.length && performance.now() - started > budgetMs) {
      pending++;
      titles.set(file, prev && !prev.error ? prev.title : null);
      continue;
    }
    let source = (await snapshot.read(prefix + file)).toString('utf8');
    const base = { path: pagePathOf(file), file, sourceSha: hashOf(file) };
    try {
      if (source.includes('8<-')) {
        const expanded = await expandSnippets(source, readSnippet, MAX_PAGE_BYTES).catch((err: unknown) => {
          if (!(err instanceof RangeError)) throw err;
          base.sourceSha = keyOf(file, (err as RangeError & { asked: string[] }).asked);
          throw new DocsCompileError(file, 1, 1, `${err.message}; include less`);
        });
        source = expanded.text;
        base.sourceSha = keyOf(file, expanded.asked);
      }
      const page = await renderPageInThread({ source, file, bases });
      titles.set(file, page.title);
      const title = page.title ?? fileTitle(file);
      const searchText = [title, ...page.sections.map((s) => `${s.heading} ${s.text}`)].join(' ').toLowerCase();
      compiled.push({
        ...base,
        title,
        html: page.html,
        toc: page.toc,
        sections: page.sections,
        searchText,
        error: null,
      });
    } catch (err) {
      const e = err instanceof DocsCompileError ? err : unexpectedError(err, snapshot.source, file);
      const message = `${e.reason} at ${config.docsDir}/${e.file}:${e.line}:${e.column}`;
      titles.set(file, null);
      problems.push({ code: 'page-invalid', file: `${config.docsDir}/${e.file}`, line: e.line, column: e.column, message });
      // An unexpected error is not kept as this source's result: the next build tries the page again.
      const sourceSha = err instanceof DocsCompileError ? base.sourceSha : '';
      compiled.push({ ...base, sourceSha, title: file, html: '', toc: [], sections: [], searchText: '', error: message });
    }
  }

  if (pending)
    problems.push({
      code: 'site-incomplete',
      file: `${config.docsDir}/`,
      line: 1,
      column: 1,
      message: `${pending} changed page${pending === 1 ? ' is' : 's are'} not built yet: a build of a site renders for at most ${budgetMs / 1000} s, and the next one (the reconciliation pass) continues; ${pending === 1 ? 'it shows its' : 'they show their'} last build meanwhile`,
    });

  let nav: NavItem[];
  if (config.nav) {
    const built = navFromMkdocs(config.nav, new Set(docsFiles), titles);
    nav = built.nav;
    for (const p of built.problems)
      problems.push({ code: 'nav-missing', file: mkdocsFile ?? 'mkdocs.yml', line: 1, column: 1, message: p.message });
  } else nav = navFromFiles(pageFiles, titles);

  return { config, problems, nav, compiled, unchanged, pending, pageFiles, assetFiles, sourcePath: (file) => prefix + file };
}

/**
 * A renderer bug met on one page (pages are untrusted: one may reach a limit no test did) is that
 * page's problem, not the failure of its whole site's build. The details go to the log only.
 */
function unexpectedError(err: unknown, source: string, file: string): DocsCompileError {
  getLogger().error({ err, source, file }, 'docs page could not be rendered');
  return new DocsCompileError(file, 1, 1, 'the page could not be rendered (an error in the docs renderer; the server log has the details)');
}

function pageProblem(error: string, file: string): DocsProblem {
  const m = /:(\d+):(\d+)$/.exec(error);
  return { code: 'page-invalid', file, line: m ? Number(m[1]) : 1, column: m ? Number(m[2]) : 1, message: error };
}
