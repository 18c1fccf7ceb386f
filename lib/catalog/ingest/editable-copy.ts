import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataDir } from '@/lib/env';
import { isInsideRoots } from '../model/location-target';

// A config `file` location with `editableCopy: true` (the example organisation) is read from a copy
// of its folder in the data folder, made the first time: "Edit ownership" then rewrites the copy,
// never the files of the git checkout. Deleting the copy starts over from the source.

/**
 * The path of `target` (an absolute file or folder) inside its editable copy under
 * `<dataDir>/editable/`, copying the folder first when there is no copy yet.
 */
export function editableCopyOf(target: string, dataDir: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new Error(`catalog.locations: editableCopy needs an existing file or folder as its target; ${target} does not exist`);
  }
  const source = stat.isDirectory() ? target : path.dirname(target);
  // One copy per source folder: its name, and a hash of its path in case two folders share a name.
  const id = `${path.basename(source)}-${createHash('sha256').update(source).digest('hex').slice(0, 8)}`;
  const copy = path.join(dataDir, 'editable', id);
  if (!fs.existsSync(copy)) {
    // Copy beside and rename: a crash half-way never leaves a partial copy that looks complete.
    const tmp = `${copy}.partial-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.cpSync(source, tmp, { recursive: true });
    fs.renameSync(tmp, copy);
  }
  return stat.isDirectory() ? copy : path.join(copy, path.basename(target));
}

/** Whether `file` lies in an editable copy of this data folder. */
export function isEditableCopy(file: string, dir: string = dataDir()): boolean {
  return isInsideRoots(file, [path.join(dir, 'editable')]);
}
