import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gitTracked, listWorkspaceFiles, resolveInWorkspace, restoreWorkspace, snapshotWorkspace, writeWorkspaceFile } from './workspace';

let root: string;
let outside: string;
beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'ws-'));
  outside = await fs.mkdtemp(path.join(os.tmpdir(), 'outside-'));
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
  await fs.rm(outside, { recursive: true, force: true });
});

describe('workspace confinement', () => {
  it('refuses paths that escape by text', async () => {
    await expect(resolveInWorkspace(root, '../x')).rejects.toThrow(/leaves the task's workspace/);
    await expect(resolveInWorkspace(root, '/etc/passwd')).rejects.toThrow(/absolute/);
  });

  it('refuses a path through a symlink that points out', async () => {
    await fs.symlink(outside, path.join(root, 'link'));
    await expect(resolveInWorkspace(root, 'link/secret.txt')).rejects.toThrow(/symlink/);
    await expect(writeWorkspaceFile(root, 'link/x.txt', 'x')).rejects.toThrow(/symlink/);
    expect(await fs.readdir(outside)).toEqual([]);
  });

  it('replaces a symlinked file instead of writing through it', async () => {
    const victim = path.join(outside, 'victim.txt');
    await fs.writeFile(victim, 'original');
    await fs.symlink(victim, path.join(root, 'a.txt'));
    await expect(writeWorkspaceFile(root, 'a.txt', 'new')).rejects.toThrow(/symlink/);
    expect(await fs.readFile(victim, 'utf8')).toBe('original');
  });

  it('snapshots and restores files with their executable bit, skipping symlinks', async () => {
    await writeWorkspaceFile(root, 'src/한글.txt', '안녕');
    await writeWorkspaceFile(root, 'gradlew', '#!/bin/sh', true);
    await fs.symlink(outside, path.join(root, 'out'));
    const snap = await snapshotWorkspace(root);
    const other = await fs.mkdtemp(path.join(os.tmpdir(), 'ws2-'));
    await restoreWorkspace(other, snap);
    const files = await listWorkspaceFiles(other);
    expect(files.map((f) => [f.path, f.content.toString(), f.executable])).toEqual([
      ['gradlew', '#!/bin/sh', true],
      ['src/한글.txt', '안녕', false],
    ]);
    await fs.rm(other, { recursive: true, force: true });
  });

  it('saves no secret value: it is cut out of contents and names, and put back from the secrets a retry is given', async () => {
    const token = 'ghp_WorkspaceSecret123';
    const b64 = Buffer.from(token).toString('base64');
    await writeWorkspaceFile(root, '.npmrc', `//registry.example/:_authToken=${token}\n`);
    await writeWorkspaceFile(root, `k8s/secret.yaml`, `data:\n  token: ${b64}\n  again: ${token}${token}\n`);
    await writeWorkspaceFile(root, `keys/${token}.txt`, 'named after it');
    await writeWorkspaceFile(root, 'bin.dat', Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(token), Buffer.from([255])]));
    const snap = await snapshotWorkspace(root, { token, short: 'ab' });
    const stored = gunzipSync(snap).toString('utf8');
    const decoded = (JSON.parse(stored) as [string, string][])
      .map(([p, c]) => `${p}\n${Buffer.from(c, 'base64').toString('latin1')}`)
      .join('\n');
    for (const form of [token, b64]) {
      expect(stored).not.toContain(form);
      expect(decoded).not.toContain(form);
    }
    expect(decoded).toContain('_authToken=\n');

    const other = await fs.mkdtemp(path.join(os.tmpdir(), 'ws2-'));
    await restoreWorkspace(other, snap, { token: 'ghp_EnteredAgain' });
    const files = Object.fromEntries((await listWorkspaceFiles(other)).map((f) => [f.path, f.content]));
    expect(files['.npmrc'].toString()).toBe('//registry.example/:_authToken=ghp_EnteredAgain\n');
    expect(files['k8s/secret.yaml'].toString()).toBe(
      `data:\n  token: ${Buffer.from('ghp_EnteredAgain').toString('base64')}\n  again: ghp_EnteredAgainghp_EnteredAgain\n`,
    );
    expect(files['keys/ghp_EnteredAgain.txt'].toString()).toBe('named after it');
    expect(files['bin.dat']).toEqual(Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from('ghp_EnteredAgain'), Buffer.from([255])]));
    await expect(restoreWorkspace(other, snap, {})).rejects.toThrow(
      'the workspace saved after the last completed step holds the secret token, which this run was not given; retry the task and enter it again',
    );
    await fs.rm(other, { recursive: true, force: true });
  });

  it('refuses the write that would take the workspace past 50 MB, and counts files removed since', async () => {
    await writeWorkspaceFile(root, 'big.bin', Buffer.alloc(30 * 1024 * 1024));
    await expect(writeWorkspaceFile(root, 'more/big2.bin', Buffer.alloc(21 * 1024 * 1024))).rejects.toThrow(
      'writing more/big2.bin (22,020,096 bytes) would take the workspace past its limit; a workspace holds at most 50 MB: write fewer or smaller files',
    );
    expect(await fs.readdir(path.join(root, 'more'))).toEqual([]);
    // Overwriting a file counts the difference; a file deleted (fs:delete) frees its room.
    await writeWorkspaceFile(root, 'big.bin', Buffer.alloc(10 * 1024 * 1024));
    await fs.rm(path.join(root, 'big.bin'));
    await writeWorkspaceFile(root, 'more/big2.bin', Buffer.alloc(45 * 1024 * 1024));
  });
});

// Backstage's publish actions push what git would add: a file a .gitignore of the workspace ignores
// (a generated .env, build output) stays out of the repository. Everything was pushed.
describe('gitTracked', () => {
  it('leaves out what the .gitignore files ignore, a deeper one deciding over a shallower one', () => {
    const file = (p: string, text = 'x') => ({ path: p, content: Buffer.from(text), executable: false });
    const files = [
      file('.gitignore', '.env\ndist/\n*.log\n!keep.log\n'),
      file('.env', 'TOKEN=1'),
      file('README.md'),
      file('app.log'),
      file('keep.log'),
      file('dist/index.js'),
      file('src/dist.ts'),
      file('web/.gitignore', '!.env\ncache/\n'),
      file('web/.env'),
      file('web/cache/a.bin'),
      file('web/index.html'),
    ];
    expect(gitTracked(files).map((f) => f.path)).toEqual([
      '.gitignore',
      'README.md',
      'keep.log',
      'src/dist.ts',
      'web/.gitignore',
      'web/.env',
      'web/index.html',
    ]);
    const plain = [file('a.txt'), file('b/c.txt')];
    expect(gitTracked(plain)).toBe(plain);
  });
});
