import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedFolders, readBoundedFile, targetOutsideReason, type AllowedFolders } from './read-sources';

let dir: string;
let root: string;
let within: AllowedFolders;
const p = (rel: string) => path.join(dir, rel);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wayfinder-read-sources-'));
  root = p('root');
  fs.mkdirSync(p('root/sub'), { recursive: true });
  fs.mkdirSync(p('outside'));
  fs.writeFileSync(p('root/a.yaml'), 'a: 1\n');
  fs.writeFileSync(p('root/big.yaml'), 'x'.repeat(100));
  fs.writeFileSync(p('outside/secret'), 'secret\n');
  fs.symlinkSync(p('root/a.yaml'), p('root/sub/inside-link.yaml'));
  fs.symlinkSync(p('outside/secret'), p('root/out-link'));
  fs.symlinkSync(p('outside'), p('root/out-dir'));
  // The root reached through a link of its own: its real path is what files are compared with.
  fs.symlinkSync(root, p('root-alias'));
  execFileSync('mkfifo', [p('root/pipe')]);
  within = await allowedFolders([p('root-alias')], 'the test roots');
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('readBoundedFile within folders', () => {
  it.each([
    ['a file inside', 'root/a.yaml', 'a: 1\n'],
    ['a link to a file inside', 'root/sub/inside-link.yaml', 'a: 1\n'],
    ['a file through a linked root', 'root-alias/a.yaml', 'a: 1\n'],
  ])('reads %s', async (_name, rel, text) => {
    expect(await readBoundedFile(p(rel), { within })).toBe(text);
  });

  it.each([
    [
      'a link to a file outside',
      'root/out-link',
      () =>
        `${p('root/out-link')} (through a symbolic link it is ${p('outside/secret')}) lies outside the test roots; reading it is refused`,
    ],
    [
      'a file in a linked folder outside',
      'root/out-dir/secret',
      () =>
        `${p('root/out-dir/secret')} (through a symbolic link it is ${p('outside/secret')}) lies outside the test roots; reading it is refused`,
    ],
    ['dots out of the root', 'root/../outside/secret', () => `${p('outside/secret')} lies outside the test roots; reading it is refused`],
    [
      'a missing file outside, without saying it is missing',
      'outside/nothing',
      () => `${p('outside/nothing')} lies outside the test roots; reading it is refused`,
    ],
    ['a named pipe, without waiting for a writer', 'root/pipe', () => `${p('root/pipe')} is not a file`],
    ['a folder', 'root/sub', () => `${p('root/sub')} is not a file`],
    ['a file over the size limit', 'root/big.yaml', () => `${p('root/big.yaml')} is 100 bytes; the limit is 10 bytes`],
  ])('refuses %s', async (_name, rel, message) => {
    await expect(readBoundedFile(path.resolve(p(rel)), { within, maxBytes: 10 })).rejects.toThrow(message());
  });

  it('reads a link outside when no folders bound the read (a configured location)', async () => {
    expect(await readBoundedFile(p('root/out-link'))).toBe('secret\n');
  });
});

describe('targetOutsideReason', () => {
  it.each([
    ['a folder inside', 'root/sub', null],
    ['a file that does not exist yet inside', 'root/sub/later.yaml', null],
    ['a glob inside', 'root/**/catalog-info.yaml', null],
    ['a linked folder outside', 'root/out-dir', 'through a symbolic link'],
    ['a glob under a linked folder outside', 'root/out-dir/**/*.yaml', 'through a symbolic link'],
    ['a path outside', 'outside/catalog-info.yaml', 'lies outside the test roots'],
  ])('%s', async (_name, rel, reason) => {
    const result = await targetOutsideReason(p(rel), within);
    if (reason === null) expect(result).toBeNull();
    else expect(result).toContain(reason);
  });
});
