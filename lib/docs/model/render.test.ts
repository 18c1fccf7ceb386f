import { describe, expect, it } from 'vitest';
import { fillPageDates } from './page-date';
import { renderPage } from './render';
import { XSS_MARKDOWN_PAYLOADS, XSS_MDX_REJECTED, XSS_MERMAID } from './xss-corpus';

const bases = { pageBase: '/catalog/component/default/orders/docs', assetBase: '/api/docs/default/component/orders/assets' };
const render = (source: string, file = 'guide/page.md') => renderPage({ source, file, bases });
/** A page given as its lines, as the fixtures trimmed from real pages are written. */
const renderLines = (lines: string[], file?: string) => render(lines.join('\n'), file);

/** Everything in rendered HTML that could run script or load from another origin. */
function dangers(html: string): string[] {
  const found: string[] = [];
  if (/<(script|iframe|object|embed|style|base|meta|form|frame|frameset|svg|math|link)\b/i.test(html)) found.push('dangerous element');
  if (/<[^>]*\son[a-z]+\s*=/i.test(html)) found.push('event handler');
  if (/(href|src|action|background|dynsrc)\s*=\s*"\s*(javascript|vbscript|data:text)/i.test(html)) found.push('script URL');
  if (/\b(srcdoc|style)\s*=/i.test(html.replace(/<pre class="shiki[^>]*>[\s\S]*?<\/pre>/g, ''))) found.push('srcdoc/style');
  if (/src="https?:\/\//i.test(html)) found.push('remote resource');
  if (/\sid="(?!user-content-)[^"]*"/.test(html.replace(/<h[1-6] id="[^"]*"/g, ''))) found.push('unprefixed id');
  return found;
}

describe('renderPage', () => {
  it('turns MkDocs admonitions, collapsible details and tabs into callouts and tab sets', async () => {
    const { html } = await render(
      '# T\n\n!!! warning "Mind the gap"\n    Body **bold**.\n\n??? tip\n    Hidden\n\n???+ note "Open"\n    Shown\n\n=== "Python"\n    py text\n\n=== "Go"\n    go text\n',
    );
    expect(html).toContain(
      '<aside class="wf-callout wf-callout-warning" role="note"><p class="wf-callout-title">Mind the gap</p><div class="wf-callout-body"><p>Body <strong>bold</strong>.</p></div></aside>',
    );
    expect(html).toContain('<details class="wf-callout wf-callout-tip"><summary class="wf-callout-title">Tip</summary>');
    expect(html).toContain('<details class="wf-callout wf-callout-note" open><summary class="wf-callout-title">Open</summary>');
    expect(html.match(/class="wf-tabs"/g)).toHaveLength(1);
    expect(html).toMatch(
      /<button type="button" role="tab" class="wf-tab" aria-selected="true" data-wf-tab="0">Python<\/button><button[^>]*>Go<\/button>/,
    );
  });

  // backstage/backstage docs/features/techdocs/how-to-guides.md (trimmed): Backstage's own TechDocs
  // pages open with front matter and have no h1. MkDocs takes the front matter off the page (meta),
  // names the page by its `title`, and Material (TechDocs' theme) shows that title as the h1.
  it('takes YAML front matter off the page and names the page by its title, as MkDocs does', async () => {
    const page = await render(
      '---\nid: how-to-guides\ntitle: TechDocs How-To guides\nsidebar_label: How-To guides\ndescription: TechDocs How-To guides related to TechDocs\n---\n\n## How to migrate from TechDocs Basic to Recommended deployment approach?\n\nThe main difference between TechDocs Basic and Recommended deployment approach\nis where the docs are generated and stored.\n',
    );
    expect(page.title).toBe('TechDocs How-To guides');
    expect(page.html).not.toContain('sidebar_label');
    expect(page.html).not.toContain('<hr>');
    expect(page.html).toMatch(/^<h1 id="techdocs-how-to-guides">TechDocs How-To guides<a /);
    expect(page.toc).toEqual([
      {
        depth: 2,
        id: 'how-to-migrate-from-techdocs-basic-to-recommended-deployment-approach',
        text: 'How to migrate from TechDocs Basic to Recommended deployment approach?',
      },
    ]);
  });

  // squidfunk/mkdocs-material docs/reference/tooltips.md (trimmed): front matter without a title
  // leaves the h1 as the title; a page whose front matter is not a mapping keeps it as text, as
  // MkDocs does; line numbers of errors still count the front matter's lines.
  it('keeps the h1 as the title under front matter without one, and front matter that is no mapping as text', async () => {
    const page = await render(
      '---\nicon: material/tooltip-plus\nstatus: new\n---\n\n# Tooltips\n\nTechnical documentation often incurs the usage of many acronyms.\n',
    );
    expect(page.title).toBe('Tooltips');
    expect(page.html).not.toContain('status: new');
    expect((await render('---\n- a list\n---\n\n# T\n')).html).toContain('a list');
    await expect(render('---\ntitle: T\n---\n\n<div>\n', 'bad.mdx')).rejects.toThrow(/at bad\.mdx:5:1$/);
  });

  // attr_list is on in TechDocs (pymdownx.extra). Fixtures: an image of a public MkDocs page
  // ("Vad är crawling?", found with find_string), squidfunk/mkdocs-material docs/reference/images.md,
  // lists.md and content-tabs.md (trimmed), and a block list with a style added, which must not pass.
  // MkDocs shows none of the lists as text.
  it('takes attr_list lists off the text and keeps their safe attributes (id, title, image size and alignment)', async () => {
    const { html } = await renderLines([
      '# Vad är crawling?',
      '',
      '![Crawl-flöde](../assets/images/crawling-flow.png){ width="640" }',
      '',
      '![Placeholder](img/placeholder.png){: align=left width=300 }',
      '',
      '`custom_checkbox`{ #custom-checkbox }',
      '',
      '[:octicons-tag-24: insiders-2.9.0 ... present][Insiders]{ .mdx-insiders }',
      '',
      'Formatting can also be applied to blocks.',
      '{: .critic style="position:fixed" title="Note" }',
      '',
      '  [Insiders]: ../insiders/index.md',
    ]);
    expect(html).not.toMatch(/\{[:.#]|width=300|\{ width/);
    expect(html).toContain(
      '<img src="/api/docs/default/component/orders/assets/assets/images/crawling-flow.png" alt="Crawl-flöde" width="640"',
    );
    expect(html).toContain(
      '<img src="/api/docs/default/component/orders/assets/guide/img/placeholder.png" alt="Placeholder" align="left" width="300"',
    );
    expect(html).toContain('<code id="user-content-custom-checkbox">custom_checkbox</code>');
    expect(html).toContain(
      '<a href="/catalog/component/default/orders/docs/insiders">:octicons-tag-24: insiders-2.9.0 ... present</a></p>',
    );
    expect(html).toContain('<p title="Note">Formatting can also be applied to blocks.</p>');
    expect(dangers(html)).toEqual([]);
    expect(html).not.toContain('mdx-insiders');
  });

  it.each([
    ['a brace and 100,000 blanks after an element', `**b**{a${' '.repeat(100_000)}x`],
    ['a block line of a brace and 100,000 blanks', `text\n{a${' '.repeat(100_000)}x`],
    ['a list of one 200,000-letter word', `**b**{${'a'.repeat(200_000)}}`],
  ])('reads %s in linear time (attr_list)', async (_label, source) => {
    // They took 6, 3 and 17 s: the time grew with the square of the line.
    const started = performance.now();
    await render(source);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('leaves braces that are no attribute list as text (after text, inside code, empty)', async () => {
    const { html } = await render('Use {braces} here and **bold**{} and `code{ #x }`.\n\n```\nx{ #y }\n```\n');
    expect(html).toContain('Use {braces} here and <strong>bold</strong>{} and <code>code{ #x }</code>.');
    expect(html).toContain('x{ #y }');
  });

  // md_in_html is on in TechDocs (pymdownx.extra): Markdown inside an HTML block that has a
  // `markdown` attribute is rendered, blank lines around it or not. Fixtures: cr0hn/festin
  // docs/index.md (Material grid cards) and a public MkDocs page's captioned image (find_string
  // hit 16399524990, trimmed); CommonMark ends neither HTML block before its Markdown.
  it('renders Markdown inside HTML blocks marked markdown (md_in_html), without blank lines around it', async () => {
    const { html } = await renderLines(
      [
        '## Next steps',
        '',
        '<div class="grid cards" markdown>',
        '- **[Installation](getting-started/installation.md)** — uv, pip or Docker.',
        '- **[Quickstart](getting-started/quickstart.md)** — first scan in 2 minutes.',
        '</div>',
        '',
        '<figure markdown="span">',
        '  ![Image title](../img/mcp/mcp-report-01.png){ width="800" }',
        '  <figcaption>Cherry Studio 环境配置</figcaption>',
        '</figure>',
        '',
        '```html',
        '<div markdown>',
        '**not parsed in code**',
        '</div>',
        '```',
      ],
      'guide/index.md',
    );
    expect(html).toContain(
      '<li><strong><a href="/catalog/component/default/orders/docs/guide/getting-started/installation">Installation</a></strong> — uv, pip or Docker.</li>',
    );
    expect(html).not.toContain('**[');
    expect(html).toMatch(
      /<figure>\s*<p><img src="\/api\/docs\/default\/component\/orders\/assets\/img\/mcp\/mcp-report-01.png" alt="Image title" width="800"[^>]*><\/p>\s*<figcaption>Cherry Studio 环境配置<\/figcaption>\s*<\/figure>/,
    );
    expect(html).toContain('**not parsed in code**');
  });

  // def_list is on in TechDocs (pymdownx.extra). Fixture: squidfunk/mkdocs-material
  // docs/reference/lists.md and admonitions.md (trimmed): the definitions were shown as a `:`
  // paragraph and their second paragraph as a code block.
  it('renders definition lists (def_list), with block content and admonitions in definitions', async () => {
    const { html } = await renderLines([
      '### Using definition lists',
      '',
      '`Lorem ipsum dolor sit amet`',
      ':   Sed sagittis eleifend rutrum. Donec vitae suscipit est. Nullam tempus',
      '    tellus non sem sollicitudin, quis rutrum leo facilisis.',
      '',
      '`Cras arcu libero`',
      ':   Aliquam metus eros, pretium sed nulla venenatis, faucibus auctor ex.',
      '',
      '    Duis mollis est eget nibh volutpat, fermentum aliquet dui mollis.',
      '',
      '`note`{: #note }, `seealso`',
      '',
      ':   !!! note',
      '',
      '        Lorem ipsum dolor sit amet, consectetur adipiscing elit.',
      '',
      'After the list.',
    ]);
    expect(html).toContain(
      '<dl><dt><code>Lorem ipsum dolor sit amet</code></dt><dd><p>Sed sagittis eleifend rutrum. Donec vitae suscipit est. Nullam tempus\ntellus non sem sollicitudin, quis rutrum leo facilisis.</p></dd><dt><code>Cras arcu libero</code></dt><dd><p>Aliquam metus eros, pretium sed nulla venenatis, faucibus auctor ex.</p><p>Duis mollis est eget nibh volutpat, fermentum aliquet dui mollis.</p></dd><dt><code id="user-content-note">note</code>, <code>seealso</code></dt><dd><aside class="wf-callout wf-callout-note" role="note">',
    );
    expect(html).not.toMatch(/:\s+Sed|<pre/);
    expect(html).toMatch(/<\/dl>\s*<p>After the list.<\/p>/);
  });

  it('leaves a colon line that follows no paragraph, or a list, as text', async () => {
    const { html } = await render('- item\n:   not a definition\n\n:   alone\n');
    expect(html).not.toContain('<dl>');
  });

  // TechDocs' techdocs-core turns GitHub alerts into admonitions (its gh-admonitions plugin,
  // PGijsbers/admonitions). Fixture: that plugin's docs/README.md (trimmed), which it builds with
  // MkDocs; the alerts were shown as quotes starting with "[!TIP]".
  it('renders GitHub alerts as callouts, as TechDocs does (caution as danger, important as warning)', async () => {
    const { html } = await renderLines([
      '> [!TIP]',
      '> This is an admonition. They are a useful tool to attract attention to information.',
      '',
      '>   [!CAUTION]    ',
      '> This admonition has:  ',
      '> ',
      '>   - ALL CAPS in the type',
      '>   - a list',
      '',
      '> [!Important]',
      '> This contains `inline` and',
      '',
      '> [!note]',
      '> And this admonition contains an empty line',
      '>',
      '> That only has a `>` character in markdown.',
      '',
      'But pay attention! There may be admonitions which are really just code:',
      '```text',
      '> [!note]',
      '> This is not an admonition.',
      '```',
    ]);
    expect(html).toContain(
      '<aside class="wf-callout wf-callout-tip" role="note"><p class="wf-callout-title">Tip</p><div class="wf-callout-body"><p>This is an admonition.',
    );
    expect(html).toContain('<aside class="wf-callout wf-callout-danger" role="note"><p class="wf-callout-title">Caution</p>');
    expect(html).toMatch(/<p>This admonition has:<\/p><ul>\s*<li>ALL CAPS in the type<\/li>/);
    expect(html).toContain('<aside class="wf-callout wf-callout-warning" role="note"><p class="wf-callout-title">Important</p>');
    // The plugin's body ends at a bare `>` line; the rest stays a quote, as in MkDocs.
    expect(html).toMatch(
      /<p class="wf-callout-title">Note<\/p><div class="wf-callout-body"><p>And this admonition contains an empty line<\/p><\/div><\/aside>\s*<blockquote>/,
    );
    expect(html).toContain('<span class="line">> [!note]</span>');
    expect(html.match(/wf-callout-title/g)).toHaveLength(4);
  });

  // squidfunk/mkdocs-material docs/reference/admonitions.md, "Removing the title": an empty
  // title leaves the callout without a title bar (Wayfinder drew an empty one).
  it('renders an admonition with an empty title without a title, as Material does', async () => {
    const { html } = await renderLines([
      '!!! note ""',
      '',
      '    Lorem ipsum dolor sit amet, consectetur adipiscing elit. Nulla et euismod',
      '    nulla.',
    ]);
    expect(html).toBe(
      '<aside class="wf-callout wf-callout-note" role="note"><div class="wf-callout-body"><p>Lorem ipsum dolor sit amet, consectetur adipiscing elit. Nulla et euismod\nnulla.</p></div></aside>',
    );
  });

  // abbr is on in TechDocs (pymdownx.extra). Fixture: squidfunk/mkdocs-material
  // docs/reference/tooltips.md (trimmed): the definitions were shown as text.
  it('turns abbreviation definitions into <abbr> titles on the page, not in code (abbr)', async () => {
    const { html } = await renderLines([
      '### Adding abbreviations',
      '',
      '``` markdown title="Text with abbreviations"',
      'The HTML specification is maintained by the W3C.',
      '',
      '*[HTML]: Hyper Text Markup Language',
      '```',
      '',
      'The HTML specification is maintained by the W3C, not by `HTML` or HTMLX.',
      '',
      '*[HTML]: Hyper Text Markup Language',
      '*[W3C]: World Wide Web Consortium',
    ]);
    expect(html).toContain(
      '<p>The <abbr title="Hyper Text Markup Language">HTML</abbr> specification is maintained by the <abbr title="World Wide Web Consortium">W3C</abbr>, not by <code>HTML</code> or HTMLX.</p>',
    );
    expect(html).not.toContain('<p>*[');
    expect(html).toContain('<span class="line">*[HTML]: Hyper Text Markup Language</span>');
  });

  it('leaves a definition whose term is over 100 characters as text (a 200,000-character term failed the page)', async () => {
    const term = 'a'.repeat(200_000);
    const { html } = await renderLines([`*[${term}]: long`, '', `${term} and *[HTML]: Hyper Text`, '', '*[HTML]: Hyper Text', '', 'HTML']);
    expect(html).toContain('<abbr title="Hyper Text">HTML</abbr>');
    expect(html).not.toContain('<abbr title="long">');
  });

  // SuperFences' attribute form of a fence (`{.lang attr="…"}`). Fixtures: a TechDocs guide
  // ("TechDocs and MkDocs", find_string hit 28719217914) and RoadieHQ/sample-service
  // docs/code-snippets.md; the language was read as "{.yaml", so nothing was highlighted.
  it('reads the language and options of a fence written as an attribute list', async () => {
    const { html } = await renderLines([
      '```{.yaml linenums="1"}',
      'plugins:',
      '  - techdocs-core',
      '```',
      '',
      '``` { .no-line-numbers }',
      'No language s',
      '```',
      '',
      '```{ .python title="app.py" hl_lines="2" }',
      'x = 1',
      'y = 2',
      '```',
    ]);
    expect(html).toMatch(
      /<figure class="wf-code" data-lang="yaml"><pre class="shiki shiki-themes[^"]* linenums" style="[^"]*counter-reset:wf-line 0"/,
    );
    expect(html).toContain('<figure class="wf-code" data-lang="no-line-numbers"><pre class="shiki plain">');
    expect(html).toMatch(/<figure class="wf-code" data-lang="python"><figcaption class="wf-code-title">app.py<\/figcaption>/);
    expect(html).toContain('<span class="line highlighted">');
  });

  // pymdownx caret, mark and tilde are on in TechDocs. Fixture: squidfunk/mkdocs-material
  // docs/reference/formatting.md (trimmed): H~2~0 was struck through, the others shown as written.
  it('renders caret, mark and tilde: inserted, marked, deleted, sub- and superscript text', async () => {
    const { html } = await renderLines([
      '- ==This was marked==',
      '- ^^This was inserted^^',
      '- ~~This was deleted~~',
      '',
      '- H~2~0',
      '- A^T^A',
      '',
      'Not in code: `H~2~O ==x==`, nor a lone ~ or ^ or == sign.',
    ]);
    for (const part of [
      '<mark>This was marked</mark>',
      '<ins>This was inserted</ins>',
      '<del>This was deleted</del>',
      'H<sub>2</sub>0',
      'A<sup>T</sup>A',
      '<code>H~2~O ==x==</code>, nor a lone ~ or ^ or == sign.',
    ])
      expect(html).toContain(part);
  });

  it('reads a line of inserted and marked openers without closers in linear time', async () => {
    await render('# warm\n');
    const started = performance.now();
    const { html } = await render(`# T\n\n${' ^^a =='.repeat(100_000)}\n`);
    expect(html).not.toContain('<ins>');
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  // pymdownx.emoji is on in TechDocs. Fixtures: backstage/backstage plugins/techdocs-backend/
  // examples/documented-component/docs/extensions.md and crazy-max/artifactory-cleanup
  // docs/install/docker.md (trimmed); the shortcodes were shown as written.
  it("renders emoji shortcodes of TechDocs' index as their characters, not in code, and leaves unknown ones", async () => {
    const { html } = await renderLines([
      'Very nice job on documentation! :thumbsup:',
      '',
      'Weather: :sunny: :umbrella: :cloud: :snowflake:',
      '',
      'Artifactory Cleanup provides automatically updated Docker :whale: images',
      '',
      'Not `:whale:` in code, nor :material-check: (an icon of Material, not in the index), nor 10:30:45.',
    ]);
    expect(html).toContain('<p>Very nice job on documentation! <span title=":thumbsup:">👍</span></p>');
    expect(html).toContain('<p>Weather: <span title=":sunny:">☀</span> <span title=":umbrella:">☔</span>');
    expect(html).toContain('Docker <span title=":whale:">🐳</span> images');
    expect(html).toContain(
      '<p>Not <code>:whale:</code> in code, nor :material-check: (an icon of Material, not in the index), nor 10:30:45.</p>',
    );
  });

  // bcgov/public-cloud-techdocs (a TechDocs site) opens every page with the date the
  // git-revision-date-localized plugin fills in; Wayfinder showed the tag as written.
  it('puts the date the page last changed where git_revision_date_localized is written', async () => {
    const { html } = await renderLines([
      '# AWS Systems Manager Session Manager',
      '',
      'Last updated: **{{ git_revision_date_localized }}**',
      '',
      '`{{ git_revision_date_localized }}` in code stays.',
    ]);
    expect(html).toContain('<p>Last updated: <strong><time class="wf-page-changed"></time></strong></p>');
    expect(fillPageDates(html, new Date('2025-03-04T10:00:00Z'))).toContain(
      '<p>Last updated: <strong><time class="wf-page-changed" datetime="2025-03-04T10:00:00.000Z">March 4, 2025</time></strong></p>',
    );
    expect(html).toContain('<code>{{ git_revision_date_localized }}</code> in code stays.');
  });

  it('leaves block syntax inside fenced code alone', async () => {
    const { html } = await render('```text\n!!! note\n    not a callout\n```\n');
    expect(html).not.toContain('wf-callout');
    expect(html).toContain('!!! note');
  });

  it('renders GFM: tables, task lists, strikethrough, autolinks and footnotes with working anchors', async () => {
    const { html } = await render('| a |\n|---|\n| 1 |\n\n- [x] done\n\n~~old~~ www.example.com\n\nNote[^1]\n\n[^1]: The note.\n');
    expect(html).toContain('<table>');
    expect(html).toContain('<input type="checkbox" checked disabled aria-label="done">');
    expect(html).toContain('<del>old</del>');
    expect(html).toContain('<a href="http://www.example.com" rel="noopener noreferrer" target="_blank" class="wf-external">');
    expect(html).toContain('href="#user-content-fn-1"');
    expect(html).toContain('id="user-content-fn-1"');
  });

  it('names each task list checkbox by its item, tight or loose, leaving nested items to their own', async () => {
    const { html } = await render('- [ ] Write the *runbook*\n  - [x] Draft\n\n- [ ] Review it\n');
    expect(html).toContain('<input type="checkbox" disabled aria-label="Write the runbook">');
    expect(html).toContain('<input type="checkbox" checked disabled aria-label="Draft">');
    expect(html).toContain('<input type="checkbox" disabled aria-label="Review it">');
  });

  it('highlights code with Shiki, with a title and highlighted lines', async () => {
    const { html } = await render('```py title="app.py" hl_lines="2"\nx = 1\ny = 2\n```\n');
    expect(html).toContain('<figcaption class="wf-code-title">app.py</figcaption>');
    expect(html).toMatch(/<span class="line highlighted"><span style="color:#[0-9A-F]{6};--shiki-dark:#[0-9A-F]{6}">y <\/span>/);
  });

  // pymdownx.highlight's linenums (TechDocs' docs: ```` ```py linenums="1" ````): the numbers were dropped.
  it('numbers the lines of a fence with linenums, from the number given, with CSS (not in the code)', async () => {
    const { html } = await render('```py linenums="5"\nx = 1\ny = 2\n```\n\n```text linenums="1"\nplain\n```\n');
    expect(html).toMatch(/<pre class="shiki [^"]*linenums" style="[^"]*;counter-reset:wf-line 4"/);
    expect(html).toMatch(/<pre class="shiki plain linenums" style="counter-reset:wf-line 0">/);
    expect(html).not.toMatch(/>\s*5\s*</);
    const { html: without } = await render('```py\nx = 1\n```\n\n```py linenums="0"\nx = 1\n```\n');
    expect(without).not.toContain('linenums');
  });

  it('links remote images instead of loading them (no request to another origin)', async () => {
    const { html } = await render('![build status](https://ci.example/badge.svg)\n');
    expect(html).toContain(
      '<a href="https://ci.example/badge.svg" rel="noopener noreferrer" target="_blank" class="wf-external wf-remote-image">build status</a>',
    );
    expect(html).not.toContain('<img');
  });

  // Badges in a link: craig-br/backstage-plugins-ansible docs/index.md and crazy-max/artifactory-cleanup
  // docs/index.md (trimmed). The remote image became a link inside the link, which a browser splits:
  // the badge then led to the image, not to the page the author linked.
  it('keeps a linked remote image (a badge) as text inside its link, not as a link in a link', async () => {
    const { html } = await renderLines([
      '[![codecov](https://codecov.io/gh/ansible/ansible-rhdh-plugins/graph/badge.svg?token=cLBzlKD9iK)](https://codecov.io/gh/ansible/ansible-rhdh-plugins)',
      '',
      '<p align="center">',
      '  <a href="https://github.com/crazy-max/artifactory-cleanup/releases/latest"><img src="https://img.shields.io/github/release/crazy-max/artifactory-cleanup.svg?style=flat-square" alt="GitHub release"></a>',
      '</p>',
    ]);
    expect(html).toContain(
      '<a href="https://codecov.io/gh/ansible/ansible-rhdh-plugins" rel="noopener noreferrer" target="_blank" class="wf-external"><span class="wf-remote-image">codecov</span></a>',
    );
    expect(html).toContain(
      '<a href="https://github.com/crazy-max/artifactory-cleanup/releases/latest" rel="noopener noreferrer" target="_blank" class="wf-external"><span class="wf-remote-image">GitHub release</span></a>',
    );
    expect(html).not.toMatch(/<a [^>]*>(?:(?!<\/a>).)*<a /s);
    expect(html).not.toContain('img.shields.io');
  });

  it.each([
    ['page.md', '<picture><source srcset="https://tracker.example/p.png 1x"><img src="arch.png" alt="arch"></picture>'],
    ['page.mdx', '<picture><source srcSet="https://tracker.example/p.png" /><img src="arch.png" alt="arch" /></picture>'],
  ])('loads no image from another origin through a picture source (%s)', async (file, source) => {
    const { html } = await render(`# T\n\n${source}\n`, file);
    expect(html).not.toContain('tracker.example');
    expect(html).toContain('<img src="/api/docs/default/component/orders/assets/arch.png" alt="arch"');
  });

  it('loads no image from another origin spelled as a path (/\\host, /<tab>/host)', async () => {
    const { html } = await render(
      '# T\n\n<img src="/\\tracker.example/p.png" alt="a"> <img src="/&#x09;/tracker.example/p.png" alt="b">\n',
    );
    expect(html).not.toContain('<img');
    expect(html.match(/<a href="\/\/tracker.example\/p.png" rel="noopener noreferrer" target="_blank"/g)).toHaveLength(2);
  });

  it('keeps Mermaid sources as text for the browser to draw', async () => {
    const { html } = await render('```mermaid\nsequenceDiagram\n  A->>B: <b>hi</b>\n```\n');
    expect(html).toContain('<div class="wf-mermaid"><pre class="mermaid">sequenceDiagram\n  A->>B: &#x3C;b>hi&#x3C;/b></pre></div>');
  });

  it('rewrites relative links to portal routes and gives headings anchors and a table of contents', async () => {
    const page = await render(
      '# Page\n\n[a](../index.md) [b](setup.md#step-2) [c](./) [d](../img/x.png) [e](#local) [f](../../../etc/passwd)\n\n## Step one\n\n### Detail {#custom}\n',
    );
    expect(page.html).toContain('href="/catalog/component/default/orders/docs"');
    expect(page.html).toContain('href="/catalog/component/default/orders/docs/guide/setup#step-2"');
    expect(page.html).toContain('href="/catalog/component/default/orders/docs/guide/page"');
    expect(page.html).toContain('href="/api/docs/default/component/orders/assets/img/x.png"');
    expect(page.html).toContain('href="#local"');
    expect(page.html).toContain('class="wf-broken-link"');
    expect(page.title).toBe('Page');
    expect(page.toc).toEqual([
      { depth: 2, id: 'step-one', text: 'Step one' },
      { depth: 3, id: 'custom', text: 'Detail' },
    ]);
  });

  it("gives a heading named as an element of the portal's page around it the next free id", async () => {
    const page = await render('## Content\n\n## Feedback comment\n\n## Content\n\n## Other {#feedback-question}\n');
    expect(page.toc.map((t) => t.id)).toEqual(['content-1', 'feedback-comment-1', 'content-2', 'feedback-question-1']);
    expect(page.html).toContain('<h2 id="content-1">Content<a href="#content-1"');
  });

  it.each([
    ['## Detail {#custom}', 'custom', 'Detail'],
    ['## Set up { #set-up-db .wide }', 'set-up-db', 'Set up'],
    ['## *Emphasis* {#em}', 'em', 'Emphasis'],
    ['## Use {braces} {#real}', 'real', 'Use {braces}'],
    ['## Use {braces} here', 'use-braces-here', 'Use {braces} here'],
    ['## Not {#last} here', 'not-last-here', 'Not {#last} here'],
  ])('reads attr_list ids at the end of a heading: %s', async (heading, id, text) => {
    const { toc } = await render(`${heading}\n`);
    expect(toc).toEqual([{ depth: 2, id, text }]);
  });

  // The attr_list pattern was once retried from every blank of the heading, O(n²): 80,000 blanks
  // took 4–14 s where 80,000 letters take tens of milliseconds.
  it('renders a heading of 80,000 blanks in about the time of one of 80,000 letters', async () => {
    await render('# warm\n');
    const timed = async (inner: string) => {
      const started = performance.now();
      await render(`# a${inner}b\n`);
      return performance.now() - started;
    };
    const letters = await timed('x'.repeat(80_000));
    const blanks = await timed(' '.repeat(80_000));
    expect(blanks, `blanks ${Math.round(blanks)} ms, letters ${Math.round(letters)} ms`).toBeLessThan(5 * letters + 500);
  }, 120_000);

  // Each range once added its every number to a Set: these 34 kB of metadata took seconds and
  // hundreds of MB, then threw "Set maximum size exceeded" (which failed the whole site's build).
  it('renders a fence whose hl_lines lists 2,000 ranges of 10,001 lines, highlighting the line it has', async () => {
    await render('# warm\n');
    const ranges = Array.from({ length: 2_000 }, (_, i) => `${i * 10_001 + 1}-${i * 10_001 + 10_001}`).join(' ');
    const started = performance.now();
    const { html } = await render(`# Page\n\n\`\`\`text hl_lines="${ranges}"\nx\n\`\`\`\n`);
    const ms = performance.now() - started;
    expect(html).toContain('<span class="line highlighted">x</span>');
    expect(ms, `renderPage took ${Math.round(ms)} ms`).toBeLessThan(1_000);
  }, 120_000);

  it('allows only the fixed MDX components, with literal attributes', async () => {
    const { html } = await render(
      '<Callout type="danger" title="Stop">Do **not**.</Callout>\n\n<Tabs>\n<Tab title="A">\n\none\n\n</Tab>\n<Tab title="B">\n\ntwo\n\n</Tab>\n</Tabs>\n',
      'x.mdx',
    );
    expect(html).toContain('<aside class="wf-callout wf-callout-danger" role="note"><p class="wf-callout-title">Stop</p>');
    expect(html.match(/role="tab"/g)).toHaveLength(2);
  });

  it.each(XSS_MDX_REJECTED)('refuses MDX that would run code: %s', async (payload) => {
    await expect(render(`# T\n\n${payload}\n`, 'evil.mdx')).rejects.toThrow(/not allowed|not available|could not parse/);
  });

  it('reports invalid MDX with the line and column in the source file (after block expansion)', async () => {
    await expect(render('# T\n\n!!! note\n    text\n\n<div>\n', 'bad.mdx')).rejects.toThrow(/at bad\.mdx:6:1$/);
  });

  it.each(XSS_MARKDOWN_PAYLOADS)('sanitises raw HTML and Markdown links: %s', async (payload) => {
    const { html } = await render(`# T\n\n${payload}\n\ntext after\n`);
    expect(dangers(html)).toEqual([]);
    expect(html).toContain('text after');
  });

  it.each(XSS_MARKDOWN_PAYLOADS.filter((p) => !p.startsWith('[') && !p.startsWith('!')))(
    'sanitises the same payloads in .mdx (as JSX or text): %s',
    async (payload) => {
      const result = await render(`# T\n\n${payload}\n`, 'page.mdx').catch((err: Error) => ({ html: '', error: err.message }));
      expect(dangers(result.html)).toEqual([]);
    },
  );

  it.each(XSS_MERMAID)('keeps hostile Mermaid sources as escaped text: %s', async (payload) => {
    const { html } = await render(`\`\`\`mermaid\n${payload}\n\`\`\`\n`);
    expect(html).toMatch(/<pre class="mermaid">[^<]*<\/pre>/);
  });

  // micromark matches a paragraph's emphasis markers against each other, in time that grows with the
  // square of their number: 25 KB of `*a` took 2 s, and a page may hold 1 MB; the build runs on the
  // server's thread.
  it.each([
    ['* markers', '*a'.repeat(50_000)],
    ['~ markers', '~a'.repeat(50_000)],
    // Lines that only look like table rows (no delimiter row) or list items (indented as code) are one paragraph.
    ['* markers on lines starting with |', `|${'*a'.repeat(100)}\n`.repeat(500)],
    ['* markers on indented lines starting with -', `x\n${`    - ${'*a'.repeat(100)}\n`.repeat(500)}`],
  ])('refuses a paragraph of thousands of unmatched %s at once, saying what to change', async (_what, paragraph) => {
    const started = performance.now();
    await expect(render(`# T\n\nFine.\n\n${paragraph}\n`)).rejects.toThrow(
      /^a paragraph holds 50,000 emphasis or strikethrough markers .* split it with blank lines, or escape the markers .* at guide\/page\.md:5:1$/,
    );
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  // micromark with GFM joins each line's pieces of text over the whole paragraph: 50,000 lines `a b`
  // (200 KB) took 8.5 s, and a page may hold 1 MB.
  it.each([
    [
      'a paragraph of 50,000 short lines',
      'a b\n'.repeat(50_000),
      /^a paragraph of 50,000 lines and 100,000 words and punctuation marks is more than .* split it with blank lines, or put it in a code block at guide\/page\.md:5:1$/,
    ],
    ['a quote of 20,000 alert lines', '> [!NOTE]\n'.repeat(20_000), /^a paragraph of 19,999 lines and .* at guide\/page\.md:6:1$/],
  ])('refuses %s at once, saying what to change', async (_what, block, message) => {
    const started = performance.now();
    await expect(render(`# T\n\nFine.\n\n${block}`)).rejects.toThrow(message);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('renders a long paragraph, a paragraph just under the limit and a long code block of words in time', async () => {
    const prose = 'The quick brown fox jumps over the lazy dog, and then some.\n'.repeat(1_000);
    const code = '```text\n' + 'a b c d e f g h i j\n'.repeat(20_000) + '```\n';
    const started = performance.now();
    const { html } = await render(`# T\n\n${prose}\n${'a b\n'.repeat(12_500)}\n${code}`);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(html).toContain('<p>The quick brown fox');
  });

  it('renders many emphasised words spread over paragraphs, lists and tables', async () => {
    const para = Array.from({ length: 40 }, (_, i) => `*w${i}* and _u${i}_`).join(' ');
    const table = '| a | b |\n| --- | --- |\n' + '| *x* | ~~y~~ |\n'.repeat(1_500);
    const { html } = await render(`# T\n\n${Array.from({ length: 200 }, () => para).join('\n\n')}\n\n${table}`);
    expect(html.match(/<em>/g)).toHaveLength(200 * 80 + 1_500);
  });
});
