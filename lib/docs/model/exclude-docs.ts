// MkDocs' `exclude_docs` (MkDocs 1.5+): .gitignore-style patterns, one a line, of files in docs_dir
// that are not part of the site (not built, not served, not searched). MkDocs always leaves out
// files and folders whose name starts with a dot, and a top-level `templates/` folder.
// https://www.mkdocs.org/user-guide/configuration/#exclude_docs

import { gitignoreMatcher } from '@/lib/reading/gitignore';

const DEFAULTS = '.*\n/templates/';

/**
 * mkdocs.yml's `exclude_docs` within these (mkdocs.ts): each pattern is matched against every file
 * (up to 5,000), in time of its length times the path's. Real sites give a handful of short ones.
 */
export const EXCLUDE_DOCS_LIMITS = { patterns: 50, characters: 500 };

/** Whether `file` (relative to docs_dir) is left out of the site by MkDocs' defaults and `excludeDocs`. */
export function excludedBy(excludeDocs: string | null): (file: string) => boolean {
  const ignored = gitignoreMatcher(`${DEFAULTS}\n${excludeDocs ?? ''}`);
  return (file) => ignored(file) === true;
}
