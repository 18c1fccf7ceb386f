import path from 'node:path';
import { parseDescriptorFile } from '@/lib/catalog/model';
import { isInsideRoots } from '@/lib/catalog/model';

// A Template's skeleton (the folder its fetch:template / fetch:plain step copies) holds a
// catalog-info.yaml full of `${{ values.name }}` placeholders: a descriptor for the service a
// template will create, not an entity of this catalog. A folder or glob location skips those
// folders instead of reporting their placeholders as errors.

const FETCH_ACTIONS = new Set(['fetch:template', 'fetch:plain', 'fetch:template:file', 'fetch:plain:file']);

/** Absolute skeleton folders (or files) named by the Template entities of these descriptor files. */
export function templateSkeletons(files: { file: string; text: string }[]): string[] {
  const out: string[] = [];
  for (const { file, text } of files) {
    // Parse only what can hold a Template with a fetch step: the rest of a large folder is not parsed twice.
    if (!/kind:\s*Template/.test(text) || !/fetch:/.test(text)) continue;
    for (const doc of parseDescriptorFile(text, file).documents) if (doc.entity) out.push(...skeletonsOf(doc.entity, file));
  }
  return out;
}

/** The skeleton folders of one entity (none unless it is a Template), read from the file `file`. */
export function skeletonsOf(entity: { kind: string; spec?: unknown }, file: string): string[] {
  if (entity.kind !== 'Template') return [];
  const steps = (entity.spec as { steps?: unknown } | undefined)?.steps;
  const out: string[] = [];
  for (const step of Array.isArray(steps) ? steps : []) {
    const { action, input } = (step ?? {}) as { action?: unknown; input?: { url?: unknown } };
    const url = input?.url;
    // Only relative URLs point into this location; an http(s) URL is another repository.
    if (typeof action === 'string' && FETCH_ACTIONS.has(action) && typeof url === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(url)) {
      out.push(path.resolve(path.dirname(file), url));
    }
  }
  return out;
}

export function insideSkeleton(file: string, skeletons: string[]): boolean {
  return skeletons.length > 0 && isInsideRoots(file, skeletons);
}
