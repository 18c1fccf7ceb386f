import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * One process per embedded database folder. PGlite keeps the whole database in process memory and
 * writes it back to its folder, so two processes on one folder each see only their own writes and
 * overwrite each other's: the second must refuse to start.
 *
 * The lock is a file beside the folder's data, `<dir>/wayfinder.lock`, created atomically (a hard
 * link of a fully written temporary file: it either appears whole or not at all; an exclusive
 * create where the file system has no hard links) and holding the
 * holder's PID, host and process start time. A lock left by a process that died (kill -9, a crash,
 * a power cut) is stale and taken over: its PID no longer runs, or runs but started at another time
 * (the PID was reused — read from /proc on Linux). A lock from another host cannot be checked and
 * is never taken over (a data folder on a shared volume): the message says how to remove it.
 */

export const LOCK_FILE = 'wayfinder.lock';

type Holder = { pid: number; host: string; started: string | null; since: string };

export class FolderLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: Holder,
  ) {
    super(
      `The database folder ${dir} is in use by another Wayfinder process (PID ${holder.pid} on ${holder.host}, since ${holder.since}). ` +
        "Two processes on one embedded database lose each other's writes: stop that process first, point WAYFINDER_DATA_DIR at another folder, " +
        `or use PostgreSQL (DATABASE_URL) to run several processes. If PID ${holder.pid} is not Wayfinder, delete ${path.join(dir, LOCK_FILE)}.`,
    );
    this.name = 'FolderLockedError';
  }
}

/** Locks `dir` for this process; returns the release function (also run when the process exits). */
export function lockDataFolder(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  const mine: Holder = { pid: process.pid, host: os.hostname(), started: startTimeOf(process.pid), since: new Date().toISOString() };
  const content = JSON.stringify(mine);
  // A few rounds: each lost race with another starter (or a stale lock removed) tries again.
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(file, content)) {
      const release = () => {
        process.off('exit', release);
        // Only our own lock: never delete one a later process took over.
        if (readLock(file)?.raw === content) fs.rmSync(file, { force: true });
      };
      process.on('exit', release);
      return release;
    }
    const current = readLock(file);
    if (!current) continue; // removed meanwhile
    if (!current.holder) {
      // Unreadable: not one of ours, or written by hand. Refuse rather than guess.
      throw new Error(
        `The database folder ${dir} has a lock file ${file} that is not Wayfinder's: remove it if no process uses the folder.`,
      );
    }
    if (isAlive(current.holder)) throw new FolderLockedError(dir, current.holder);
    takeOverStale(file, current.raw);
  }
  throw new Error(`Could not lock the database folder ${dir}: other processes keep taking it (see ${file}).`);
}

function createExclusive(file: string, content: string): boolean {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  fs.writeFileSync(temp, content, { flag: 'wx' });
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw err;
    // A file system without hard links: exclusive create, then write (readers wait for the content).
    try {
      fs.writeFileSync(file, content, { flag: 'wx' });
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function readLock(file: string): { raw: string; holder: Holder | null } | null {
  let raw = '';
  // Empty only for a moment, while a holder without hard links writes it (createExclusive).
  for (let i = 0; i < 20 && raw === ''; i++) {
    if (i > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    try {
      raw = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }
  try {
    const parsed = JSON.parse(raw) as Partial<Holder>;
    return Number.isInteger(parsed.pid) && typeof parsed.host === 'string' ? { raw, holder: parsed as Holder } : { raw, holder: null };
  } catch {
    return { raw, holder: null };
  }
}

function isAlive(holder: Holder): boolean {
  if (holder.host !== os.hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    // EPERM: the process exists under another user.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = startTimeOf(holder.pid);
  return !(started && holder.started && started !== holder.started);
}

/**
 * Removes a stale lock without removing a live one that another starter created in the meantime:
 * move it aside (atomic), and if what was moved is no longer the stale content, put it back.
 */
function takeOverStale(file: string, staleContent: string): void {
  const aside = `${file}.stale.${process.pid}`;
  try {
    fs.renameSync(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  try {
    if (fs.readFileSync(aside, 'utf8') !== staleContent) fs.linkSync(aside, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.rmSync(aside, { force: true });
  }
}

/** The kernel's start time of a process (Linux /proc), to tell a reused PID from the holder. */
function startTimeOf(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime); fields are counted after the parenthesised command name.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}
