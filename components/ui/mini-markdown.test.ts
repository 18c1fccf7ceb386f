import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '@/lib/scorecards/model/checks';
import type { EntityFacts } from '@/lib/scorecards/model/facts';
import { markdownBlocks, MiniMarkdown } from './mini-markdown';

const html = (text: string) => renderToStaticMarkup(createElement(MiniMarkdown, { text }));

describe('MiniMarkdown', () => {
  it.each([
    ['`a`, **b** and [c](https://c.example)', '<code class="CODE">a</code>, <strong>b</strong> and <a href="https://c.example" LINK>c</a>'],
    // CommonMark code spans: a run of backticks is closed by a run of the same length only.
    ['``a`b``', '<code class="CODE">a`b</code>'],
    ['``` `` ```', '<code class="CODE">``</code>'],
    ['`` `x` ``', '<code class="CODE">`x`</code>'],
    ['``a`', '``a`'],
    ['```a`` b```', '<code class="CODE">a`` b</code>'],
    ['`a` ``b``', '<code class="CODE">a</code> <code class="CODE">b</code>'],
    ['`  x  `', '<code class="CODE"> x </code>'],
    ['` `', '<code class="CODE"> </code>'],
    // Backslash escapes: the character as written, and a backslash before anything else kept.
    ['\\[a](https://c.example) \\*\\*b\\*\\* \\`c\\` \\\\ \\q', '[a](https://c.example) **b** `c` \\ \\q'],
    ['``a\\`` b', '<code class="CODE">a\\</code> b'],
  ])('%s', (text, expected) => {
    const out = html(text)
      .replace(/<code class="[^"]*">/g, '<code class="CODE">')
      .replace(/ target="_blank" rel="noreferrer" class="[^"]*"/g, ' LINK');
    expect(out).toBe(expected);
  });

  const runs = Array.from({ length: 600 }, (_, i) => '`'.repeat(i + 1) + 'a').join('');
  it.each([
    ['brackets', '['.repeat(200_000), '[[[[[[[['],
    ['links never closed', '[a]('.repeat(50_000), '[a]([a]([a]('],
    ['code spans', '`a` b'.repeat(20_000), 'a</code> b<code class="rounded'],
    ['backtick runs of growing length', runs, runs.slice(0, 1000)],
    [
      'a code span that starts with a space',
      `\` ${'a'.repeat(200_000)}\``,
      `<code class="rounded bg-slate-100 px-1 py-0.5 text-[0.85em] dark:bg-slate-800"> aaaa`,
    ],
  ])('reads 100–200 KB of %s in time that grows with its length, not its square', (_what, text, shown) => {
    // OpenAPI descriptions are a repository's text, rendered on the server for each page view.
    const started = performance.now();
    expect(html(text)).toContain(shown);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("shows a scorecard check's value that holds backticks and a link as code, and nothing else", () => {
    const description = 'a` [docs](https://evil.example) **bold** `b';
    const facts = { body: { metadata: { name: 'orders', description } } } as unknown as EntityFacts;
    const { seen } = evaluateCheck({ field: 'metadata.description', exists: true }, facts, new Date());
    const out = html(seen);
    expect(out).not.toContain('<a');
    expect(out).not.toContain('<strong');
    expect(out.match(/<code[^>]*>(.*?)<\/code>/g)?.map((c) => c.replace(/<[^>]+>/g, ''))).toEqual(['metadata.description', description]);
  });
});

describe("a scorecard check's repository text", () => {
  const injected = '[sign in again](https://evil.example) **now** `x` \\[y](https://evil.example)';
  const base = { body: { metadata: { name: 'orders' } }, problems: [], docs: null } as unknown as EntityFacts;
  const repo = (facts: object) => ({ ...base, repository: { name: 'acme/orders', facts, error: null } }) as unknown as EntityFacts;
  const now = new Date();
  it.each([
    ['a catalog problem', evaluateCheck({ problems: 'none' }, { ...base, problems: [{ message: injected }] }, now)],
    [
      'a docs build failure',
      evaluateCheck(
        { docs: 'buildOk' },
        {
          ...base,
          body: { metadata: { name: 'orders', annotations: { 'backstage.io/techdocs-ref': 'dir:.' } } },
          docs: { builtAt: null, failure: injected, problemCount: 0 },
        } as unknown as EntityFacts,
        now,
      ),
    ],
    [
      'a pull request title',
      evaluateCheck(
        { repository: 'dependencyPrs', olderThanDays: 1 },
        repo({
          dependencyPrs: [
            { number: 7, title: injected, url: 'https://github.local/acme/orders/pull/7', createdAt: '2020-01-01T00:00:00Z' },
          ],
        }),
        now,
      ),
    ],
  ])('in %s shows as the text it is: no link, no bold, no code', (_where, { seen }) => {
    const out = html(seen);
    expect(out).not.toMatch(/<a|<strong/);
    // Shown as written: a code span would have taken the backticks away.
    expect(out.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"')).toContain(injected);
  });
});

describe('markdownBlocks', () => {
  it('joins a paragraph wrapped in its source into one line and splits paragraphs at blank lines', () => {
    const text = 'Quotes prices across carriers for a\nprospective shipment.\n\nValid for 30 minutes.\n';
    expect(markdownBlocks(text)).toEqual([
      { list: false, lines: ['Quotes prices across carriers for a prospective shipment.'] },
      { list: false, lines: ['Valid for 30 minutes.'] },
    ]);
  });

  it('keeps a block of list items as a list, and a paragraph that only starts like one as a paragraph', () => {
    expect(markdownBlocks('Errors:\n\n- `404` unknown booking\n* 409 already cancelled\n2. retry')).toEqual([
      { list: false, lines: ['Errors:'] },
      { list: true, lines: ['`404` unknown booking', '409 already cancelled', 'retry'] },
    ]);
    expect(markdownBlocks('- a list item that wraps\n  onto a second line')).toEqual([
      { list: false, lines: ['- a list item that wraps onto a second line'] },
    ]);
  });
});
