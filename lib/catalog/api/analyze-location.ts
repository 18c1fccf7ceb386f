import 'server-only';
import { z } from 'zod';
import { previewLocation } from '@/lib/catalog/location-admin';
import type { Entity } from '@/lib/catalog/model';
import { getPrisma } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { GithubRequestError } from '@/lib/github/repo-files';
import { findRepoCatalogFiles } from '@/lib/catalog/sources/github-catalog-files';
import { locationInputSchema } from './locations-routes';
import { parseBody } from '@/lib/http/parse-body';

// POST /analyze-location (Backstage's RepoLocationAnalyzer with the GitHub analyzer): for a GitHub
// repository URL, the entities of the catalog files it already has (each as a dry run of its
// `url` location would read it), or else a Component to start from, named after the repository,
// with the repository's owner/name as its github.com/project-slug. Read only through a configured
// GitHub integration: any other URL is refused.

/**
 * Files one request reads and previews, each at least one GitHub request with the integration's
 * token: a catalogFilename such as README.md matched every one of a repository's (150 took 236
 * requests and 2.3 s; a tree lists up to 100,000 entries, far past an hour's 5,000 requests).
 * Backstage's analyzer reads one page of code search results (30).
 */
const MAX_ANALYZED_FILES = 100;

const analyzeBodySchema = z.object({
  location: locationInputSchema,
  // Backstage's router reads catalogFilename; its OpenAPI document spells it catalogFileName.
  catalogFilename: z.string().trim().min(1).optional(),
  catalogFileName: z.string().trim().min(1).optional(),
});

type LocationSpec = { type: string; target: string };
export type AnalyzeLocationResponse = {
  existingEntityFiles: { location: LocationSpec; isRegistered: boolean; entity: Entity }[];
  generateEntities: { entity: Entity; fields: { field: string; state: string; value: string | null; description: string }[] }[];
};

export async function analyzeLocation(body: unknown): Promise<AnalyzeLocationResponse> {
  const input = parseBody(analyzeBodySchema, body);
  const fileName = input.catalogFilename ?? input.catalogFileName ?? 'catalog-info.yaml';
  if (fileName.includes('/'))
    throw new AppError('BAD_REQUEST', 'catalogFilename must be a file name such as catalog-info.yaml, without folders');
  const { target } = input.location;
  if (!URL.canParse(target)) throw new AppError('BAD_REQUEST', 'The given location.target is not a URL');
  let found;
  try {
    found = await findRepoCatalogFiles(target, fileName);
  } catch (err) {
    if (err instanceof GithubRequestError) throw new AppError(err.status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', err.message);
    throw err;
  }
  if (!found) {
    throw new AppError(
      'BAD_REQUEST',
      `${target} is not a repository on a configured GitHub integration; give https://<host>/<owner>/<repo> for a host under integrations.github`,
    );
  }
  if (found.files.length > MAX_ANALYZED_FILES) {
    throw new AppError(
      'BAD_REQUEST',
      `${found.owner}/${found.repo} holds ${found.files.length} files named ${fileName}; analyze-location reads at most ${MAX_ANALYZED_FILES}: register them through a Location entity that lists them, or give a catalogFilename fewer files have`,
    );
  }
  if (found.files.length > 0) {
    const prisma = await getPrisma();
    const existing: AnalyzeLocationResponse['existingEntityFiles'] = [];
    for (const file of found.files) {
      const location = { type: 'url', target: file };
      const [preview, registered] = await Promise.all([
        previewLocation(location),
        prisma.location.findUnique({ where: { type_target: location }, select: { origin: true } }),
      ]);
      const isRegistered = registered?.origin === 'api';
      existing.push(...preview.entities.map((e) => ({ location, isRegistered, entity: e.entity })));
    }
    return { existingEntityFiles: existing, generateEntities: [] };
  }
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: found.repo, annotations: { 'github.com/project-slug': `${found.owner}/${found.repo}` } },
    spec: { type: 'other', lifecycle: 'unknown' },
  };
  return { existingEntityFiles: [], generateEntities: [{ entity, fields: [] }] };
}
