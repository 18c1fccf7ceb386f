import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FolderLockedError, LOCK_FILE, lockDataFolder } from './folder-lock';

let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
const fresh = () => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wayfinder-lock-')));
const lockFile = () => path.join(dir, LOCK_FILE);
const writeLock = (holder: object) =>
  fs.writeFileSync(lockFile(), JSON.stringify({ host: os.hostname(), since: '2026-01-01T00:00:00.000Z', started: null, ...holder }));

describe('lockDataFolder', () => {
  it('refuses a second lock on a folder this process holds, and frees it on release', () => {
    fresh();
    const release = lockDataFolder(dir);
    expect(JSON.parse(fs.readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid, host: os.hostname() });
    expect(() => lockDataFolder(dir)).toThrow(FolderLockedError);
    expect(() => lockDataFolder(dir)).toThrow(`The database folder ${dir} is in use by another Wayfinder process (PID ${process.pid}`);
    release();
    expect(fs.existsSync(lockFile())).toBe(false);
    lockDataFolder(dir)();
  });

  it('takes over the lock of a process that no longer runs', () => {
    fresh();
    writeLock({ pid: 2 ** 22 + 17 }); // above Linux's pid_max: no such process
    const release = lockDataFolder(dir);
    expect(JSON.parse(fs.readFileSync(lockFile(), 'utf8')).pid).toBe(process.pid);
    release();
  });

  it.runIf(fs.existsSync('/proc/self/stat'))('takes over a lock whose PID now belongs to a process that started later (PID reused)', () => {
    fresh();
    writeLock({ pid: process.pid, started: '1' });
    lockDataFolder(dir)();
  });

  it('never takes over a lock from another host, nor a lock file it cannot read', () => {
    fresh();
    writeLock({ pid: 1234, host: 'another-host' });
    expect(() => lockDataFolder(dir)).toThrow(/PID 1234 on another-host/);
    fs.writeFileSync(lockFile(), 'garbage');
    expect(() => lockDataFolder(dir)).toThrow(/lock file .* is not Wayfinder's/);
    // An empty lock is waited for (a holder still writing it), then refused as well.
    fs.writeFileSync(lockFile(), '');
    expect(() => lockDataFolder(dir)).toThrow(/lock file .* is not Wayfinder's/);
  });

  it('does not remove a lock another process took over after this one', () => {
    fresh();
    const release = lockDataFolder(dir);
    writeLock({ pid: 1 }); // e.g. an operator deleted ours and PID 1 locked the folder
    release();
    expect(JSON.parse(fs.readFileSync(lockFile(), 'utf8')).pid).toBe(1);
  });
});
