import 'server-only';
import { DEFAULT_PARSE_LIMITS, type Entity } from '@/lib/catalog/model';
import { discoverRepositories } from '@/lib/catalog/sources/github-discovery';
import { readGithubOrg, type OrgLead } from '@/lib/catalog/sources/github-org';
import { readRepoFile } from '@/lib/github/repo-files';
import { fetchAllowedText } from '@/lib/reading/fetch-allowed';
import type { LocationSpec } from '../model/location-target';
import { readFileLocation, readUrlLocation, type AllowedFolders, type SourceRead, type UrlReader } from './read-sources';

// What a location yields, by type: descriptor files to parse (file, url), entities made from an
// API (github-org), or further locations (github-discovery).

export type LocationRead = SourceRead & {
  entities?: Entity[];
  locations?: LocationSpec[];
  leads?: OrgLead[];
  /** The organisation whose teams `leads` are (github-org). */
  leadsOrg?: string;
};

/**
 * Reads a URL through the GitHub integration that serves it, else with a plain GET only when
 * backend.reading.allow allows it (README "Which hosts and files the server reads").
 */
export const readAnyUrl: UrlReader = async (url, maxBytes = DEFAULT_PARSE_LIMITS.maxBytes) =>
  (await readRepoFile(url, { maxBytes }))?.text ?? fetchAllowedText(url, { maxBytes });

/**
 * Reads a location; `within` bounds the files of a `file` location (null: a configured location);
 * `maxBytes`: the limit of each descriptor file (catalog.limits.maxFileBytes).
 */
export async function readLocation(
  loc: LocationSpec,
  locationId: string | null,
  within: AllowedFolders | null,
  maxBytes?: number,
): Promise<LocationRead> {
  switch (loc.type) {
    case 'file':
      return readFileLocation(loc, within, maxBytes);
    case 'url':
      return readUrlLocation(loc.target, (url) => readAnyUrl(url, maxBytes));
    case 'github-discovery': {
      const found = await discoverRepositories(locationId, loc.target);
      return { files: [], failures: found.failures, locations: found.locations };
    }
    case 'github-org': {
      const org = await readGithubOrg(loc.target);
      return { files: [], failures: org.failures, entities: org.entities, leads: org.leads, leadsOrg: org.org ?? undefined };
    }
    default:
      return {
        files: [],
        failures: [
          { file: loc.target, message: `location type "${loc.type}" is not supported; use file, url, github-discovery or github-org` },
        ],
      };
  }
}
