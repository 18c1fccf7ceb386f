import 'server-only';
import path from 'node:path';
import { isUrl } from '@/lib/catalog/model';
import { getConfig } from '@/lib/config/load-config';

// Which folder an entity's docs are read from, from its backstage.io/techdocs-ref annotation:
// `dir:<path>` relative to the descriptor (a local folder, or the same repository on GitHub), or
// `url:<GitHub tree URL>`.

export const TECHDOCS_REF = 'backstage.io/techdocs-ref';

export type DocsSourceSpec =
  { type: 'file'; root: string; allowedRoots: string[] } | { type: 'github'; url: string } | { type: 'invalid'; message: string };

export function docsSourceOf(entity: {
  techdocsRef: string;
  sourceFile: string | null;
  locationTarget: string | null;
  locationType: string | null;
}): DocsSourceSpec {
  const ref = entity.techdocsRef.trim();
  const colon = ref.indexOf(':');
  const scheme = colon < 0 ? '' : ref.slice(0, colon);
  const target = ref.slice(colon + 1).trim();
  if (scheme === 'url') {
    if (!isUrl(target)) return { type: 'invalid', message: `${TECHDOCS_REF} "${ref}" must be url:<https URL of a GitHub folder>` };
    return { type: 'github', url: target };
  }
  if (scheme !== 'dir') return { type: 'invalid', message: `${TECHDOCS_REF} "${ref}" must start with dir: or url:` };
  if (!entity.sourceFile)
    return {
      type: 'invalid',
      message: `${TECHDOCS_REF} "${ref}" is relative to the descriptor, and this entity has no descriptor file (it is managed in the portal); use url:`,
    };
  if (isUrl(entity.sourceFile))
    return { type: 'github', url: new URL(target.endsWith('/') ? target : `${target}/`, entity.sourceFile).toString() };
  const root = path.resolve(path.dirname(entity.sourceFile), target);
  const locationRoot =
    entity.locationType === 'file' && entity.locationTarget
      ? /\.ya?ml$/i.test(entity.locationTarget)
        ? path.dirname(entity.locationTarget)
        : entity.locationTarget
      : null;
  return {
    type: 'file',
    root,
    allowedRoots: [...getConfig().fileLocationRoots, ...(locationRoot && !/[*?{[]/.test(locationRoot) ? [locationRoot] : [])],
  };
}
