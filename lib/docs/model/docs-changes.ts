import path from 'node:path';
import { normalisePath } from '@/lib/reading/normalise-path';

// Which pushed files are an entity's docs sources, from its backstage.io/techdocs-ref annotation
// (`dir:<path>` relative to the descriptor; TechDocs' layout: mkdocs.yml and its docs_dir,
// `docs` by default). Other forms (`url:`) point outside the repository and are not tracked here.

export function docsRoot(descriptorPath: string, techdocsRef: unknown): string | null {
  if (typeof techdocsRef !== 'string' || !techdocsRef.startsWith('dir:')) return null;
  const root = normalisePath(`${path.posix.dirname(descriptorPath)}/${techdocsRef.slice('dir:'.length)}`);
  return root === '.' ? '' : root;
}

/** Whether a pushed file is mkdocs.yml or in docs_dir (`docs`, or what the site's mkdocs.yml names) under `root`. */
export function touchesDocs(root: string, changed: Iterable<string>, docsDir = 'docs'): boolean {
  const prefix = root ? `${root}/` : '';
  for (const file of changed) {
    if (!file.startsWith(prefix)) continue;
    const rel = file.slice(prefix.length);
    if (rel === 'mkdocs.yml' || rel === 'mkdocs.yaml' || rel.startsWith(`${docsDir}/`)) return true;
  }
  return false;
}
