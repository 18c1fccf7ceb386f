import { describe, expect, it } from 'vitest';
import { parseMkdocs, editUrlOf } from './mkdocs';
import { flattenNav, navFromFiles, navFromMkdocs } from './nav';

describe('navFromMkdocs', () => {
  const files = new Set(['index.md', 'guides/setup.md', 'guides/deploy.mdx', 'img/a.png']);
  const titles = new Map([['guides/setup.md', 'Setting up']]);

  it('builds nested sections, pages (titled by the entry or the first heading) and external links, and marks missing files', () => {
    const { nav, problems } = navFromMkdocs(
      [
        { Home: 'index.md' },
        { Guides: ['guides/setup.md', { Deploying: 'guides/deploy.mdx' }, { Old: 'guides/old.md' }] },
        { Status: 'https://status.example.com' },
        { Bad: 'javascript:alert(1)' },
        { Escape: '../secret.md' },
      ],
      files,
      titles,
    );
    expect(nav).toEqual([
      { kind: 'page', title: 'Home', path: '', file: 'index.md' },
      {
        kind: 'section',
        title: 'Guides',
        children: [
          { kind: 'page', title: 'Setting up', path: 'guides/setup', file: 'guides/setup.md' },
          { kind: 'page', title: 'Deploying', path: 'guides/deploy', file: 'guides/deploy.mdx' },
          { kind: 'page', title: 'Old', path: 'guides/old', file: 'guides/old.md', missing: true },
        ],
      },
      { kind: 'link', title: 'Status', url: 'https://status.example.com' },
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      'nav entry "Old" points at guides/old.md, which is not in the docs folder; add the file or fix the entry',
      'nav entry "Escape" points outside the docs folder (../secret.md)',
    ]);
    expect(flattenNav(nav).map((p) => p.path)).toEqual(['', 'guides/setup', 'guides/deploy']);
  });
});

describe('navFromFiles', () => {
  // usingtechnology/common-hosted-form-service-techdocs docs/ (a TechDocs site; names as in the
  // repository). Without a nav, MkDocs orders files by code point (mkdocs/structure/files.py
  // file_sort_key: index first, then the name) and keeps a mixed-case name's capitals in its title.
  it('orders files and folders as MkDocs does (by code point, index first) and titles them as it does', () => {
    const nav = navFromFiles(
      [
        'Basic-Fields.md',
        'About.md',
        'BC-Government.md',
        'index.md',
        'Calculated-Values.md',
        'CHEFS-Capabilities.md',
        'About-CHEFS.md',
        'iOS-forms.md',
        'myAPI/index.md',
        'Archive/Tutorials.md',
      ],
      new Map(),
    );
    expect(nav.map((n) => n.title)).toEqual([
      'Home',
      'About CHEFS',
      'About',
      'BC Government',
      'Basic Fields',
      'CHEFS Capabilities',
      'Calculated Values',
      'iOS forms',
      'Archive',
      'myAPI',
    ]);
  });

  it('puts index first, titles pages by their first heading, and makes folders sections', () => {
    const nav = navFromFiles(
      ['zeta.md', 'index.md', 'ops/index.md', 'ops/on-call.md', 'alpha-beta.md'],
      new Map([
        ['zeta.md', 'Zeta page'],
        ['index.md', null],
      ]),
    );
    expect(nav).toEqual([
      { kind: 'page', title: 'Home', path: '', file: 'index.md' },
      { kind: 'page', title: 'Alpha beta', path: 'alpha-beta', file: 'alpha-beta.md' },
      { kind: 'page', title: 'Zeta page', path: 'zeta', file: 'zeta.md' },
      {
        kind: 'section',
        title: 'Ops',
        children: [
          { kind: 'page', title: 'Ops', path: 'ops', file: 'ops/index.md' },
          { kind: 'page', title: 'On call', path: 'ops/on-call', file: 'ops/on-call.md' },
        ],
      },
    ]);
  });
});

describe('parseMkdocs', () => {
  it('reads the TechDocs settings and accepts plugins and Python tags', () => {
    const r = parseMkdocs(
      'site_name: Orders\nsite_description: How orders work\ndocs_dir: documentation\nrepo_url: https://github.com/acme/orders\nedit_uri: edit/main/documentation/\nplugins:\n  - techdocs-core\n  - search: { lang: en }\nmarkdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n        - name: mermaid\n          format: !!python/name:pymdownx.superfences.fence_code_format\nnav:\n  - index.md\n',
    );
    expect(r).toEqual({
      ok: true,
      config: {
        siteName: 'Orders',
        siteDescription: 'How orders work',
        docsDir: 'documentation',
        repoUrl: 'https://github.com/acme/orders',
        editUri: 'edit/main/documentation/',
        nav: ['index.md'],
        plugins: ['techdocs-core', 'search'],
        excludeDocs: null,
      },
    });
  });

  it.each([
    ['site_name: [unclosed\n', /not valid YAML/],
    ['docs_dir: ../../etc\n', /docs_dir "..\/..\/etc" must be a folder inside the repository/],
    ['nav: index.md\n', /nav must be a list/],
    ['- a\n- b\n', /must be a mapping/],
    [`exclude_docs: |\n${'  x.md\n'.repeat(51)}`, /exclude_docs may hold at most 50 patterns and 500 characters in all/],
    [`exclude_docs: '${'*a'.repeat(251)}'\n`, /exclude_docs may hold at most 50 patterns and 500 characters in all/],
  ])('explains what is wrong with %j', (text, message) => {
    const r = parseMkdocs(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('builds "Edit this page" links from repo_url and edit_uri, as MkDocs does', () => {
    expect(editUrlOf({ repoUrl: 'https://github.com/acme/orders', editUri: 'edit/main/docs/', docsDir: 'docs' }, 'guides/setup.md')).toBe(
      'https://github.com/acme/orders/edit/main/docs/guides/setup.md',
    );
    expect(editUrlOf({ repoUrl: 'https://github.com/acme/orders/', editUri: null, docsDir: 'docs' }, 'index.md')).toBe(
      'https://github.com/acme/orders/edit/main/docs/index.md',
    );
    expect(editUrlOf({ repoUrl: 'javascript:alert(1)', editUri: null, docsDir: 'docs' }, 'index.md')).toBeNull();
  });
});
