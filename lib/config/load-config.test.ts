import { describe, expect, it } from 'vitest';
import { parseConfig } from './load-config';

describe('parseConfig', () => {
  it('fills defaults for an empty file', () => {
    const c = parseConfig('', 'wayfinder.config.yaml');
    expect(c.catalog.locations).toEqual([]);
    expect(c.catalog.rules).toEqual([{ allow: ['Component', 'API', 'Location'] }]);
    expect(c.catalog.refreshIntervalSeconds).toBe(300);
    expect(c.catalog.limits).toEqual({ maxFileBytes: 33554432, maxDocumentsPerFile: 50000 });
    expect(parseConfig('catalog:\n  limits: { maxDocumentsPerFile: 20000 }\n', 'w.yaml').catalog.limits).toEqual({ maxFileBytes: 33554432, maxDocumentsPerFile: 20000 });
  });

  it.each([
    ['catalog:\n  locations:\n    - type: gitlab\n      target: x\n', 'catalog.locations[0].type: expected one of file, url, github-discovery, github-org'],
    ['catalog:\n  refreshIntervalSeconds: 5\n', 'catalog.refreshIntervalSeconds: must be at least 10 seconds'],
    ['catalog:\n  rules:\n    - allow: []\n', 'catalog.rules[0].allow: must list at least one kind'],
    ['catalog:\n  limits:\n    maxFileBytes: 100\n', 'catalog.limits.maxFileBytes: must be at least 1024 bytes'],
    ['catalog:\n  limits:\n    maxDocuments: 10\n', 'Unrecognized key: "maxDocuments"'],
    ['catalgo:\n  locations: []\n', 'Unrecognized key: "catalgo"'],
    ['catalog: [unclosed\n', 'not valid YAML'],
  ])('names the key and what is expected: %j', (text, message) => {
    expect(() => parseConfig(text, 'wayfinder.config.yaml')).toThrow(message);
  });
});

describe('environment substitution', () => {
  it('replaces ${VAR} and names a missing variable with its key', () => {
    process.env.WF_TEST_TOKEN = 'abc';
    const c = parseConfig('integrations:\n  github:\n    - host: github.com\n      token: ${WF_TEST_TOKEN}\n', 'w.yaml');
    expect(c.integrations.github[0].token).toBe('abc');
    expect(() => parseConfig('integrations:\n  github:\n    - token: ${WF_NOT_SET_ANYWHERE}\n', 'w.yaml')).toThrow(
      'integrations.github.0.token: environment variable WF_NOT_SET_ANYWHERE is not set',
    );
    delete process.env.WF_TEST_TOKEN;
  });

  it('requires credentials for a GitHub integration', () => {
    expect(() => parseConfig('integrations:\n  github:\n    - host: github.com\n', 'w.yaml')).toThrow('integrations.github[0]: needs a token or an app');
  });
});
