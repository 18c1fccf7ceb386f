import { describe, expect, it } from 'vitest';
import { missingRepoUrlParts, readRepoUrl, writeRepoUrl, type RepoUrlParts } from './repo-url-value';

const fallback: RepoUrlParts = { host: 'github.com', owner: 'acme', repo: '' };

describe('RepoUrlPicker value', () => {
  it('keeps every part as typed, one keystroke at a time', () => {
    // Each keystroke writes the value and the next render reads it back: nothing typed may be lost.
    let value: string | undefined;
    const type = (part: keyof RepoUrlParts, text: string) => {
      for (const ch of text) {
        const parts = readRepoUrl(value, { host: 'github.com', owner: '', repo: '' });
        value = writeRepoUrl({ ...parts, [part]: parts[part] + ch }, value);
      }
    };
    type('owner', 'acme');
    expect(value).toBe('github.com?owner=acme');
    type('repo', 'docs');
    expect(value).toBe('github.com?owner=acme&repo=docs');
    expect(readRepoUrl(value, fallback)).toEqual({ host: 'github.com', owner: 'acme', repo: 'docs' });
  });

  it.each([
    ['no value yet: the defaults', undefined, fallback],
    ['a value: only its parts', 'github.com?repo=x', { host: 'github.com', owner: '', repo: 'x' }],
    ['a cleared host stays cleared', '?owner=acme', { host: '', owner: 'acme', repo: '' }],
  ])('reads %s', (_, value, parts) => {
    expect(readRepoUrl(value, fallback)).toEqual(parts);
  });

  it.each([
    [{ host: '', owner: '', repo: '' }, undefined, undefined],
    [{ host: 'github.com', owner: 'a b', repo: 'r' }, undefined, 'github.com?owner=a+b&repo=r'],
    [{ host: 'dev.azure.com', owner: 'o', repo: '' }, 'dev.azure.com?organization=org&repo=old', 'dev.azure.com?organization=org&owner=o'],
  ])('writes %j (previous %s) as %s', (parts, previous, value) => {
    expect(writeRepoUrl(parts, previous)).toBe(value);
  });

  it.each([
    ['github.com?owner=acme&repo=docs', []],
    ['github.com?owner=acme', ['repository']],
    ['github.com?', ['owner', 'repository']],
    ['?repo=docs', ['host', 'owner']],
  ])('%s lacks %j', (value, missing) => {
    expect(missingRepoUrlParts(value)).toEqual(missing);
  });
});
