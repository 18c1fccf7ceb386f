import { describe, expect, it } from 'vitest';
import { parseConfig } from './load-config';

describe('parseConfig', () => {
  it('fills defaults for an empty file', () => {
    const c = parseConfig('', 'wayfinder.config.yaml');
    expect(c.catalog.locations).toEqual([]);
    expect(c.catalog.rules).toEqual([{ allow: ['Component', 'API', 'Location'] }]);
    expect(c.catalog.refreshIntervalSeconds).toBe(300);
    expect(c.catalog.limits).toEqual({ maxFileBytes: 33554432, maxDocumentsPerFile: 50000 });
    expect(parseConfig('catalog:\n  limits: { maxDocumentsPerFile: 20000 }\n', 'w.yaml').catalog.limits).toEqual({
      maxFileBytes: 33554432,
      maxDocumentsPerFile: 20000,
    });
    expect(c.backend.reading.allow).toEqual([]);
  });

  it('reads backend.reading.allow as Backstage writes it', () => {
    const c = parseConfig(
      "backend:\n  reading:\n    allow:\n      - host: example.com\n      - host: '*.corp.example'\n      - host: docs.example.org:8443\n        paths: [/public/]\n",
      'w.yaml',
    );
    expect(c.backend.reading.allow).toEqual([
      { host: 'example.com' },
      { host: '*.corp.example' },
      { host: 'docs.example.org:8443', paths: ['/public/'] },
    ]);
  });

  it.each([
    [
      'catalog:\n  locations:\n    - type: gitlab\n      target: x\n',
      'catalog.locations[0].type: expected one of file, url, github-discovery, github-org',
    ],
    ['catalog:\n  refreshIntervalSeconds: 5\n', 'catalog.refreshIntervalSeconds: must be at least 10 seconds'],
    ['catalog:\n  rules:\n    - allow: []\n', 'catalog.rules[0].allow: must list at least one kind'],
    ['catalog:\n  limits:\n    maxFileBytes: 100\n', 'catalog.limits.maxFileBytes: must be at least 1024 bytes'],
    ['catalog:\n  limits:\n    maxDocuments: 10\n', 'Unrecognized key: "maxDocuments"'],
    ['catalgo:\n  locations: []\n', 'Unrecognized key: "catalgo"'],
    ['catalog: [unclosed\n', 'not valid YAML'],
    [
      'backend:\n  reading:\n    allow:\n      - host: https://example.com\n',
      'backend.reading.allow[0].host: must be a host name with an optional port',
    ],
    [
      'backend:\n  reading:\n    allow:\n      - host: example.com/docs\n',
      'backend.reading.allow[0].host: must be a host name with an optional port',
    ],
    [
      'backend:\n  reading:\n    allow:\n      - host: a*.example.com\n',
      'backend.reading.allow[0].host: must be a host name with an optional port',
    ],
    [
      'backend:\n  reading:\n    allow:\n      - host: example.com\n        paths: [docs/]\n',
      'backend.reading.allow[0].paths[0]: must start with "/"',
    ],
    ['backend:\n  reading:\n    allow:\n      - hosts: example.com\n', 'backend.reading.allow[0]'],
    // A URL where a host belongs matched no URL at all (every read of github.com said that no
    // integration was configured for it); a non-http base URL failed only at the first request.
    [
      'integrations:\n  github:\n    - host: https://github.com\n      token: t\n',
      'integrations.github[0].host: must be a host name with an optional port (github.com, ghe.example.com:8443)',
    ],
    ['integrations:\n  github:\n    - host: github.com/\n      token: t\n', 'integrations.github[0].host: must be a host name'],
    [
      'integrations:\n  github:\n    - host: ghe.example.com\n      apiBaseUrl: ftp://ghe.example.com/api/v3\n      token: t\n',
      'integrations.github[0].apiBaseUrl: must be an http(s) URL',
    ],
    [
      'integrations:\n  github:\n    - host: ghe.example.com\n      webBaseUrl: javascript:alert(1)\n      token: t\n',
      'integrations.github[0].webBaseUrl: must be an http(s) URL',
    ],
    [
      'integrations:\n  github:\n    - host: ghe.example.com\n      token: t\nauth:\n  github: { host: ghe.example.org, clientId: c, clientSecret: s }\n  sessionSecret: 0123456789abcdef\n',
      'auth.github.host: ghe.example.org has no entry in integrations.github (hosts: ghe.example.com)',
    ],
    ['backend:\n  reading:\n    allow: example.com\n', 'backend.reading.allow: '],
    // The Argo CD server took any scheme: the action's requests then failed, or went where no Argo CD is.
    [
      'argocd:\n  appLocatorMethods:\n    - type: config\n      instances:\n        - { name: main, url: "ftp://argocd.example.com", token: t }\n',
      'argocd.appLocatorMethods[0].instances[0].url: must be the http(s) URL of the Argo CD server (e.g. https://argocd.example.com)',
    ],
    [
      'argocd:\n  appLocatorMethods:\n    - type: config\n      instances:\n        - { name: main, url: "javascript:alert(1)", token: t }\n',
      'argocd.appLocatorMethods[0].instances[0].url: must be the http(s) URL of the Argo CD server',
    ],
  ])('names the key and what is expected: %j', (text, message) => {
    expect(() => parseConfig(text, 'wayfinder.config.yaml')).toThrow(message);
  });
});

describe('secrets in a broken file', () => {
  it('names where the YAML breaks without quoting the line, which may hold a secret', () => {
    const text = 'auth:\n  serviceTokens:\n    - { name: ci, token: s3cr3t-0123456789abcdefghijkl, scope: write\n';
    let message = '';
    try {
      parseConfig(text, 'wayfinder.config.yaml');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^wayfinder\.config\.yaml: not valid YAML: .* at line 4, column 1$/);
    expect(message).not.toContain('s3cr3t');
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
    expect(() => parseConfig('integrations:\n  github:\n    - host: github.com\n', 'w.yaml')).toThrow(
      'integrations.github[0]: needs a token or an app',
    );
  });
});
