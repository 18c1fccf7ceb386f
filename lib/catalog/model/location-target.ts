import { createHash } from 'node:crypto';
import path from 'node:path';

// Location targets are stored in one canonical form so that `(type, target)` is unique:
// absolute, normalised paths for `file`, absolute URLs for every other type.

export type LocationSpec = { type: string; target: string };

export function canonicalTarget(type: string, target: string, base: string): string {
  if (type !== 'file') {
    // Backstage resolves a relative target only against a base of the same type (toAbsoluteUrl):
    // beside a descriptor read from a file, a relative url target stays unreadable.
    if (!isUrl(base) && !URL.canParse(target))
      throw new Error(
        `the ${type} target "${target}" is relative, and the descriptor that declares it was read from a file, not a URL: give an absolute URL, or leave out spec.type so that relative targets are files beside the descriptor`,
      );
    return new URL(target, isUrl(base) ? base : undefined).toString();
  }
  if (isUrl(base)) throw new Error(`a file target "${target}" cannot be declared by a descriptor read from a URL`);
  return path.resolve(base, target);
}

export function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

/**
 * The annotations the catalog writes on what it reads from a location, naming that location (as
 * Backstage's do). Only the catalog may set them: the scaffolder reads a template's files beside its
 * managed-by-location, and scorecards find an entity's repository by it.
 */
export const LOCATION_ANNOTATIONS = ['backstage.io/managed-by-location', 'backstage.io/managed-by-origin-location'] as const;

/**
 * The annotations Backstage's AnnotateLocationEntityProcessor adds to what a `url` location reads
 * (an entity's own values of them win): the file's web view, and where the URL is on a GitHub host
 * its edit view and the folder it came from, as GitHub's ScmIntegration resolves them.
 */
export function urlLocationAnnotations(target: string, onGithub: boolean): Record<string, string> {
  if (!onGithub) return { 'backstage.io/view-url': target };
  const folder = new URL('./', target);
  folder.search = new URL(target).search;
  return {
    'backstage.io/view-url': target,
    'backstage.io/edit-url': githubUrlOfType(target, 'edit'),
    'backstage.io/source-location': `url:${githubUrlOfType(folder.toString(), 'tree')}`,
  };
}

/** `…/owner/repo/blob/…` as `…/owner/repo/<type>/…` (Backstage's replaceGithubUrlType). */
function githubUrlOfType(url: string, type: 'edit' | 'tree'): string {
  return url.replace(/\/\/([^/]+)\/([^/]+)\/([^/]+)\/(blob|tree|edit)\//, (_, host, owner, repo) => `//${host}/${owner}/${repo}/${type}/`);
}

/** `type:target` as Backstage writes location refs (e.g. in backstage.io/managed-by-location). */
export function locationRef(loc: LocationSpec): string {
  return `${loc.type}:${loc.target}`;
}

/** A file target shown relative to the working folder when it lies inside it. */
export function displayTarget(loc: LocationSpec): string {
  if (loc.type !== 'file') return loc.target;
  const rel = path.relative(process.cwd(), loc.target);
  return rel.startsWith('..') || path.isAbsolute(rel) ? loc.target : `./${rel}`;
}

/** True when `file` lies inside one of `roots` (after resolving `..`). */
export function isInsideRoots(file: string, roots: string[]): boolean {
  const abs = path.resolve(file);
  return roots.some((root) => {
    const rel = path.relative(path.resolve(root), abs);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  });
}

/**
 * The ref of the Location entity Backstage generates for a configured or registered location:
 * `location:default/generated-<sha1 of "type:target">` (plugin-catalog-backend's
 * locationSpecToMetadataName). The target is the canonical one (an absolute path for files, as
 * Backstage resolves configured file targets).
 */
export function generatedLocationName(loc: LocationSpec): string {
  return `generated-${createHash('sha1').update(locationRef(loc)).digest('hex')}`;
}

export function generatedLocationRef(loc: LocationSpec): string {
  return `location:default/${generatedLocationName(loc)}`;
}
