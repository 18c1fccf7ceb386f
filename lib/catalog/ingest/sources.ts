import 'server-only';
import type { Entity } from '@/lib/catalog/model';
import { discoverRepositories } from '@/lib/github/sources/discovery';
import { readGithubOrg } from '@/lib/github/sources/org';
import { readGithubUrl } from '@/lib/github/sources/read-url';
import type { LocationSpec } from './location-target';
import { fetchBoundedText, readFileLocation, readUrlLocation, type SourceRead, type UrlReader } from './read-sources';

// What a location yields, by type: descriptor files to parse (file, url), entities made from an
// API (github-org), or further locations (github-discovery).

export type LocationRead = SourceRead & {
  entities?: Entity[];
  locations?: LocationSpec[];
  leads?: { group: string; user: string }[];
};

/** Reads a URL through the GitHub integration that serves it, else as a plain http(s) GET. */
export const readAnyUrl: UrlReader = async (url, maxBytes) => (await readGithubUrl(url, maxBytes)) ?? fetchBoundedText(url, maxBytes);

/** `maxBytes`: the limit of each descriptor file (catalog.limits.maxFileBytes). */
export async function readLocation(loc: LocationSpec, locationId: string | null, maxBytes?: number): Promise<LocationRead> {
  switch (loc.type) {
    case 'file':
      return readFileLocation(loc, maxBytes);
    case 'url':
      return readUrlLocation(loc.target, (url) => readAnyUrl(url, maxBytes));
    case 'github-discovery': {
      const found = await discoverRepositories(locationId, loc.target);
      return { files: [], failures: found.failures, locations: found.locations };
    }
    case 'github-org': {
      const org = await readGithubOrg(loc.target);
      return { files: [], failures: org.failures, entities: org.entities, leads: org.leads };
    }
    default:
      return { files: [], failures: [{ file: loc.target, message: `location type "${loc.type}" is not supported; use file, url, github-discovery or github-org` }] };
  }
}
