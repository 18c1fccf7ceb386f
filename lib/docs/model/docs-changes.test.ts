import { describe, expect, it } from 'vitest';
import { docsRoot, touchesDocs } from './docs-changes';

describe('docsRoot', () => {
  it.each([
    ['catalog-info.yaml', 'dir:.', ''],
    ['services/orders/catalog-info.yaml', 'dir:.', 'services/orders'],
    ['catalog-info.yaml', 'dir:./handbook', 'handbook'],
    ['catalog-info.yaml', 'url:https://github.com/acme/docs/tree/main', null],
    ['catalog-info.yaml', undefined, null],
  ])('%s with %s', (descriptor, ref, expected) => {
    expect(docsRoot(descriptor, ref)).toBe(expected);
  });
});

describe('touchesDocs', () => {
  it.each([
    ['', ['docs/index.md'], true],
    ['', ['mkdocs.yml'], true],
    ['', ['src/index.ts', 'README.md'], false],
    ['services/orders', ['services/orders/docs/runbook.md'], true],
    ['services/orders', ['services/billing/docs/runbook.md'], false],
  ])('root %j, changed %j', (root, changed, expected) => {
    expect(touchesDocs(root, changed)).toBe(expected);
  });

  it.each([
    [['documentation/index.md'], true],
    [['docs/index.md'], false],
    [['mkdocs.yml'], true],
  ])('with docs_dir "documentation", changed %j', (changed, expected) => {
    expect(touchesDocs('', changed, 'documentation')).toBe(expected);
  });
});
