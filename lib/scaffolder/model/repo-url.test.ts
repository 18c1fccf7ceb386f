import { describe, expect, it } from 'vitest';
import { parseRepoUrl } from './repo-url';

describe('parseRepoUrl', () => {
  it('reads a RepoUrlPicker value as Backstage writes it', () => {
    expect(parseRepoUrl('github.com?owner=acme&repo=payments')).toEqual({ host: 'github.com', owner: 'acme', repo: 'payments' });
    expect(parseRepoUrl('ghe.example.com:8443?owner=acme&repo=my.service')).toEqual({
      host: 'ghe.example.com:8443',
      owner: 'acme',
      repo: 'my.service',
    });
  });

  // Owner and repository go into GitHub API paths (/repos/{owner}/{repo}/git/refs), where the HTTP
  // client resolves "." and "..": repo=.. made a step address /repos/git/refs, another endpoint.
  it.each([
    ['github.com?owner=acme&repo=..', 'repo ".."'],
    ['github.com?owner=acme&repo=%2E%2E', 'repo ".."'],
    ['github.com?owner=..&repo=..', 'owner ".."'],
    ['github.com?owner=.&repo=payments', 'owner "."'],
  ])('refuses %s, which names no GitHub repository', (value, part) => {
    expect(() => parseRepoUrl(value)).toThrow(`Invalid repo URL passed to publisher: ${value}, ${part} is not a GitHub name`);
  });
});
