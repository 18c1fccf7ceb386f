import { normalisePath } from '@/lib/reading/normalise-path';

// Every path a template names (targetPath, fs:rename's from/to, a rendered file name) is relative to
// the task's workspace. These checks are on the text; lib/scaffolder/workspace.ts also checks real
// paths on disk (symlinks).

export class PathError extends Error {
  override name = 'PathError';
}

/** A normalised relative path (POSIX separators) that stays inside its root; throws otherwise. */
export function confinedRelativePath(input: string, what = 'path'): string {
  if (typeof input !== 'string') throw new PathError(`${what} must be a string`);
  if (input.includes('\0')) throw new PathError(`${what} "${input}" contains a NUL byte`);
  const posix = input.replace(/\\/g, '/');
  if (posix.startsWith('/') || /^[A-Za-z]:/.test(posix)) {
    throw new PathError(`${what} "${input}" is absolute; paths in a template are relative to the task's workspace`);
  }
  const normalised = normalisePath(posix);
  if (normalised === '..' || normalised.startsWith('../')) {
    throw new PathError(`${what} "${input}" leaves the task's workspace; remove the ".." segments`);
  }
  return normalised === '.' ? '' : normalised;
}
