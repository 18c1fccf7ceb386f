import { describe, expect, it } from 'vitest';
import { excludedBy } from './exclude-docs';

describe('excludedBy', () => {
  // exclude_docs of cr0hn/festin, craig-br/backstage-plugins-ansible and stewartshea/backstage-techdocs.
  it.each([
    ['PROJECT.md\nDESIGN_DECISIONS.md\nRUNBOOK.md\n', 'PROJECT.md', true],
    ['PROJECT.md\nDESIGN_DECISIONS.md\nRUNBOOK.md\n', 'reference/runbook.md', false],
    ['_autofix_rules.md\n', '_autofix_rules.md', true],
    ['_autofix_rules.md\n', 'plugins/_autofix_rules.md', true],
    ['/output/*\noutput/\n*.yaml\n', 'output/report.md', true],
    ['/output/*\noutput/\n*.yaml\n', 'guides/output/x.md', true],
    ['/output/*\noutput/\n*.yaml\n', 'config/app.yaml', true],
    ['/output/*\noutput/\n*.yaml\n', 'guides/output.md', false],
    ['drafts/**\n!drafts/ready.md\n', 'drafts/a/b.md', true],
    ['drafts/**\n!drafts/ready.md\n', 'drafts/ready.md', false],
    [null, '.hidden/page.md', true],
    [null, 'templates/base.md', true],
    [null, 'guides/templates/page.md', false],
    [null, 'index.md', false],
  ])('%j excludes %s: %s', (excludeDocs, file, excluded) => {
    expect(excludedBy(excludeDocs)(file)).toBe(excluded);
  });

  it('matches a pattern of many ** against a long path in time proportional to their lengths', () => {
    const started = performance.now();
    expect(excludedBy(`${'**a'.repeat(200)}b`)('a'.repeat(2_000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('matches 500 characters of patterns against 5,000 deep files in time', () => {
    // Each pattern was matched again for each folder a file lies in: 40 folders deep, 40 times.
    const excluded = excludedBy('*a'.repeat(250));
    const files = Array.from({ length: 5_000 }, (_, i) => `${'d/'.repeat(40)}${'a'.repeat(110)}${i}.md`);
    const started = performance.now();
    for (const file of files) excluded(file);
    expect(performance.now() - started).toBeLessThan(4_000);
  });
});
