import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityTabsOf } from '@/app/(portal)/catalog/[kind]/[namespace]/[name]/_components/entity-route';
import { useTestConfig } from '@/testing/test-config';

// Which tabs an entity page offers: Definition for APIs, Docs with a techdocs-ref, and CI/CD and
// Pull requests only where a GitHub integration can read the repository the entity names.

const fromGithub = (kind: string, annotations: Record<string, string> = {}) => ({
  kind,
  metadata: {
    annotations: { 'backstage.io/managed-by-location': 'url:https://github.com/acme/rates/blob/main/catalog-info.yaml', ...annotations },
  },
});
const fromFile = (kind: string, annotations: Record<string, string> = {}) => ({
  kind,
  metadata: { annotations: { 'backstage.io/managed-by-location': 'file:/srv/catalog/x.yaml', ...annotations } },
});
const repositoryTabs = (tabs: string[]) => tabs.filter((t) => t === 'ci' || t === 'pulls');

describe('with a GitHub integration', () => {
  useTestConfig('entity-tabs', 'integrations:\n  github:\n    - { host: github.com, token: t }\n');

  it.each([
    ['a Component read from GitHub', fromGithub('Component'), ['ci', 'pulls']],
    ['a Component naming its repository', fromFile('Component', { 'github.com/project-slug': 'acme/rates' }), ['ci', 'pulls']],
    ['a Resource naming its repository', fromFile('Resource', { 'github.com/project-slug': 'acme/db' }), ['ci', 'pulls']],
    ['a Group read from GitHub without a slug', fromGithub('Group'), []],
    ['a Component from a file without a slug', fromFile('Component'), []],
    ['a Component with a malformed slug', fromFile('Component', { 'github.com/project-slug': 'not a slug' }), []],
  ])('%s', (_, entity, expected) => {
    expect(repositoryTabs(entityTabsOf(entity))).toEqual(expected);
  });

  it('offers Definition for APIs and Docs with a techdocs-ref', () => {
    expect(entityTabsOf(fromFile('API', { 'backstage.io/techdocs-ref': 'dir:.' }))).toEqual([
      'overview',
      'docs',
      'relations',
      'graph',
      'definition',
      'scorecards',
      'yaml',
      'history',
      'problems',
    ]);
  });
});

describe('without one', () => {
  // GITHUB_TOKEN alone would configure github.com.
  const token = process.env.GITHUB_TOKEN;
  beforeAll(() => void delete process.env.GITHUB_TOKEN);
  afterAll(() => void (token !== undefined && (process.env.GITHUB_TOKEN = token)));
  useTestConfig('entity-tabs-no-github', 'app:\n  title: Wayfinder\n');

  it('offers neither CI/CD nor Pull requests', () => {
    expect(repositoryTabs(entityTabsOf(fromGithub('Component', { 'github.com/project-slug': 'acme/rates' })))).toEqual([]);
  });
});
