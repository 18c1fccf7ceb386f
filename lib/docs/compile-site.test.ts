import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { getLogger } from '@/lib/observability/logger';
import { compileSite, type PreviousPage } from './compile-site';
import type { SourceSnapshot } from './local-source';
import type { RenderInput } from './model/render';

// A renderer bug that one page reaches (pages are untrusted: one may find a limit no test did), as
// `hl_lines` once did with "RangeError: Set maximum size exceeded": renderPage throws something
// other than a DocsCompileError for broken.md.
vi.mock('./page-renderer', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./page-renderer')>();
  return {
    ...actual,
    renderPageInThread: (input: RenderInput) =>
      input.file === 'broken.md' ? Promise.reject(new RangeError('Set maximum size exceeded')) : actual.renderPageInThread(input),
  };
});

const bases = { pageBase: '/catalog/component/default/orders/docs', assetBase: '/api/docs/default/component/orders/assets' };

/** A docs folder in memory: path → text. */
function snapshotOf(files: Record<string, string>): SourceSnapshot {
  const entries = Object.entries(files);
  return {
    type: 'file',
    source: '/repos/orders',
    files: new Map(entries.map(([file, text]) => [file, createHash('sha256').update(text).digest('hex')])),
    sizes: new Map(entries.map(([file, text]) => [file, Buffer.byteLength(text)])),
    changedAt: null,
    read: async (file) => Buffer.from(files[file]),
  };
}

describe('compileSite', () => {
  // crazy-max/artifactory-cleanup docs/index.md and craig-br/backstage-plugins-ansible
  // docs/installation.md (trimmed) have no h1: MkDocs names them 'Home' and 'Installation' (in the
  // nav, the page and search), and Wayfinder named the built pages 'index.md' and 'installation.md'.
  // cr0hn/festin mkdocs.yml (trimmed) keeps its working notes in docs/ but out of the site; MkDocs
  // also leaves out dot files and a top-level templates/ folder. Wayfinder built and indexed them.
  it("leaves the files of exclude_docs (and MkDocs' default exclusions) out of the site", async () => {
    const site = await compileSite(
      snapshotOf({
        'mkdocs.yml': 'site_name: FestIn\nexclude_docs: |\n  PROJECT.md\n  DESIGN_DECISIONS.md\n  RUNBOOK.md\n',
        'docs/index.md': '# FestIn\n',
        'docs/reference/runbook.md': '# Runbook & troubleshooting\n',
        'docs/PROJECT.md': '# Project notes\n',
        'docs/RUNBOOK.md': '# Internal runbook\n',
        'docs/templates/page.md': '# Template\n',
        'docs/.drafts/next.md': '# Draft\n',
      }),
      bases,
    );
    expect(site.pageFiles.sort()).toEqual(['index.md', 'reference/runbook.md']);
    expect(site.compiled.map((p) => p.file).sort()).toEqual(['index.md', 'reference/runbook.md']);
  });

  it('names a page without a heading by its file name, as MkDocs does', async () => {
    const site = await compileSite(
      snapshotOf({
        'mkdocs.yml': 'site_name: Artifactory Cleanup\n',
        'docs/index.md': '---\n\n## What is Artifactory Cleanup?\n\n**Artifactory Cleanup** is a CLI application written in Go.\n',
        'docs/installation.md': '## Local Testing with [Backstage](https://backstage.io)\n\nTo start the app locally, run:\n',
      }),
      bases,
    );
    expect(site.compiled.map((p) => [p.file, p.title])).toEqual([
      ['index.md', 'Home'],
      ['installation.md', 'Installation'],
    ]);
    expect(site.compiled[0].searchText).toMatch(/^home /);
  });

  it("makes an unexpected error on one page that page's problem, builds the others, and tries the page again next time", async () => {
    const logged = vi.spyOn(getLogger(), 'error').mockImplementation(() => undefined);
    const snapshot = snapshotOf({ 'mkdocs.yml': 'site_name: Orders\n', 'docs/index.md': '# Orders\n', 'docs/broken.md': '# Broken\n' });
    const site = await compileSite(snapshot, bases);

    const message = 'the page could not be rendered (an error in the docs renderer; the server log has the details) at docs/broken.md:1:1';
    expect(site.compiled.map((p) => [p.file, p.title, p.error])).toEqual([
      ['index.md', 'Orders', null],
      ['broken.md', 'broken.md', message],
    ]);
    expect(site.problems).toEqual([{ code: 'page-invalid', file: 'docs/broken.md', line: 1, column: 1, message }]);
    // The error itself goes to the log, with where it happened; readers of the problem see no internals.
    expect(logged).toHaveBeenCalledWith(
      { err: expect.any(RangeError), source: '/repos/orders', file: 'broken.md' },
      'docs page could not be rendered',
    );
    logged.mockRestore();

    const again = await compileSite(snapshot, bases, new Map(site.compiled.map((p) => [p.file, p])));
    expect(again.unchanged).toBe(1);
    expect(again.compiled.map((p) => p.file)).toEqual(['broken.md']);
  });

  it('renders for at most its time budget, and the next build continues with the pages left', async () => {
    const files = {
      'mkdocs.yml': 'site_name: Orders\n',
      'docs/index.md': '# Orders\n',
      'docs/api.md': '# API\n',
      'docs/runbook.md': '# Runbook\n',
    };
    const previous = new Map<string, PreviousPage>();
    const builds: string[][] = [];
    // A budget of 0: each build renders the one page every build renders at least.
    for (let i = 0; i < 4; i++) {
      const site = await compileSite(snapshotOf(files), bases, previous, 0);
      builds.push(site.compiled.map((p) => p.file));
      for (const p of site.compiled) previous.set(p.file, p);
      const incomplete = site.problems.filter((p) => p.code === 'site-incomplete').map((p) => p.message);
      expect(incomplete).toEqual(
        site.pending
          ? [
              `${site.pending} changed page${site.pending === 1 ? ' is' : 's are'} not built yet: a build of a site renders for at most 0 s, and the next one (the reconciliation pass) continues; ${site.pending === 1 ? 'it shows its' : 'they show their'} last build meanwhile`,
            ]
          : [],
      );
      expect(site.pending).toBe(Math.max(0, 2 - i));
    }
    expect(builds).toEqual([['index.md'], ['api.md'], ['runbook.md'], []]);
  });

  // pymdownx.snippets (on in TechDocs): the changelog page of a site includes the repository's own
  // CHANGELOG.md, as `--8<-- "CHANGELOG.md"` beside mkdocs.yml. It was shown as that line.
  it('expands snippets from the site root, and rebuilds a page when a file it includes changes (or appears)', async () => {
    const files: Record<string, string> = {
      'mkdocs.yml': 'site_name: Orders\n',
      'CHANGELOG.md': '## 1.2.0\n\n- Faster quotes\n',
      'docs/index.md': '# Orders\n',
      'docs/changes.md': '# Changes\n\n--8<-- "CHANGELOG.md"\n\n--8<-- "includes/later.txt"\n',
    };
    const previous = new Map<string, PreviousPage>();
    const build = async () => {
      const site = await compileSite(snapshotOf(files), bases, previous);
      for (const p of site.compiled) previous.set(p.file, p);
      return site;
    };
    const first = await build();
    const changes = first.compiled.find((p) => p.file === 'changes.md')!;
    expect(changes.html).toMatch(/<h2 id="120">1\.2\.0<a /);
    expect(changes.html).toContain('<li>Faster quotes</li>');
    expect(changes.html).not.toContain('8&#x3C;');

    expect((await build()).compiled).toEqual([]);
    files['CHANGELOG.md'] = '## 1.3.0\n\n- Retries\n';
    const second = await build();
    expect(second.compiled.map((p) => p.file)).toEqual(['changes.md']);
    expect(second.compiled[0]!.html).toContain('<li>Retries</li>');
    // A file it asked for that was not there yet.
    files['includes/later.txt'] = 'Written later.\n';
    const third = await build();
    expect(third.compiled.map((p) => p.file)).toEqual(['changes.md']);
    expect(third.compiled[0]!.html).toContain('<p>Written later.</p>');
  });
});
