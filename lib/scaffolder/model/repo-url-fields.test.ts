import { describe, expect, it } from 'vitest';
import { readSubmission } from './parameter-steps';
import { repoUrlFieldErrors } from './repo-url-fields';

const picker = (options: Record<string, unknown>) => ({
  title: 'Repository location',
  type: 'string',
  'ui:field': 'RepoUrlPicker',
  'ui:options': options,
});

describe('repoUrlFieldErrors', () => {
  it.each([
    ['an allowed owner', { allowedOwners: ['acme'] }, 'github.com?owner=acme&repo=payments', null],
    [
      'another owner',
      { allowedOwners: ['acme'] },
      'github.com?owner=victim&repo=infra',
      /the owner "victim" is not allowed; this template allows "acme" \(allowedOwners\)/,
    ],
    ['a host in other case', { allowedHosts: ['GitHub.com'] }, 'GITHUB.COM?owner=acme&repo=x', null],
    ['another host', { allowedHosts: ['github.com'] }, 'ghe.example.com?owner=acme&repo=x', /the host "ghe.example.com" is not allowed/],
    [
      'a port on an allowed host',
      { allowedHosts: ['github.com'] },
      'github.com:8443?owner=acme&repo=x',
      /the host "github.com:8443" is not allowed/,
    ],
    ['user info before an allowed host', { allowedHosts: ['github.com'] }, 'evil.example@github.com?owner=acme&repo=x', null],
    ['another repository', { allowedRepos: ['handbook'] }, 'github.com?owner=acme&repo=secrets', /the repository "secrets" is not allowed/],
    ['a missing organization', { allowedOrganizations: ['acme'] }, 'github.com?owner=acme&repo=x', /the organization is missing/],
    ['a value that is not a location', { allowedOwners: ['acme'] }, 'github.com', /missing owner/],
    ['no lists (anything goes)', {}, 'github.com?owner=anyone&repo=x', null],
  ])('%s', (_name, options, value, expected) => {
    const errors = repoUrlFieldErrors([{ properties: { repoUrl: picker(options) } }], { repoUrl: value });
    if (expected === null) expect(errors).toEqual([]);
    else expect(errors).toEqual([{ field: 'repoUrl', message: expect.stringMatching(expected) }]);
  });

  it('finds the field inside an object, behind a $ref and in a dependencies branch', () => {
    const page = {
      definitions: { repo: picker({ allowedOwners: ['acme'] }) },
      properties: { target: { type: 'object', properties: { repoUrl: { $ref: '#/definitions/repo' } } }, kind: { type: 'string' } },
      dependencies: { kind: { oneOf: [{ properties: { kind: { const: 'mirror' }, mirrorUrl: { $ref: '#/definitions/repo' } } }] } },
    };
    const errors = repoUrlFieldErrors([page], {
      target: { repoUrl: 'github.com?owner=victim&repo=a' },
      kind: 'mirror',
      mirrorUrl: 'github.com?owner=victim&repo=a',
    });
    expect(errors.map((e) => e.field).sort()).toEqual(['mirrorUrl', 'target.repoUrl']);
  });

  it('takes a value that one of the branches declaring the field allows', () => {
    const branch = (visibility: string, owner: string) => ({
      properties: { visibility: { const: visibility }, repoUrl: picker({ allowedOwners: [owner] }) },
    });
    const page = {
      properties: { visibility: { type: 'string', enum: ['internal', 'public'] } },
      dependencies: { visibility: { oneOf: [branch('internal', 'acme'), branch('public', 'acme-oss')] } },
    };
    const check = (owner: string) => repoUrlFieldErrors([page], { visibility: 'public', repoUrl: `github.com?owner=${owner}&repo=x` });
    expect(check('acme-oss')).toEqual([]);
    expect(check('acme')).toEqual([]);
    expect(check('victim')).toEqual([{ field: 'repoUrl', message: expect.stringMatching(/owner "victim" is not allowed/) }]);
  });

  it('ends on a $ref that names itself', () => {
    const page = { definitions: { loop: { $ref: '#/definitions/loop' } }, properties: { repoUrl: { $ref: '#/definitions/loop' } } };
    expect(repoUrlFieldErrors([page], { repoUrl: 'github.com?owner=x&repo=y' })).toEqual([]);
  });

  it('is part of what the server takes from a submission, for shown pages only', () => {
    const pages = [
      { properties: { repoUrl: picker({ allowedOwners: ['acme'] }) } },
      { when: false, properties: { other: picker({ allowedOwners: ['acme'] }) } },
    ];
    const read = readSubmission(pages, {
      values: { repoUrl: 'github.com?owner=victim&repo=a', other: 'github.com?owner=x&repo=y' },
      secrets: {},
    });
    expect(read.errors).toEqual([{ field: 'repoUrl', message: expect.stringMatching(/owner "victim" is not allowed/) }]);
  });

  it('refuses values too large to check against a schema that branches at every field, at once', () => {
    const values = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, 'x']));
    const page = {
      properties: { repoUrl: picker({ allowedOwners: ['acme'] }) },
      additionalProperties: { anyOf: Array.from({ length: 1_000 }, () => ({ type: 'string' })) },
    };
    const started = performance.now();
    expect(repoUrlFieldErrors([page], values)).toEqual([{ field: '_', message: expect.stringMatching(/too large together/) }]);
    expect(performance.now() - started).toBeLessThan(2_000);
    // Without an allowed list there is nothing to check, and nothing is walked.
    expect(repoUrlFieldErrors([{ ...page, properties: { repoUrl: picker({}) } }], values)).toEqual([]);
  });
});
