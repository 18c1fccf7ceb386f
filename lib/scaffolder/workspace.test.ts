import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listWorkspaceFiles, resolveInWorkspace, restoreWorkspace, snapshotWorkspace, writeWorkspaceFile } from './workspace';

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
});
