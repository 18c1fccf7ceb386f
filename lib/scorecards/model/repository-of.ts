// Which GitHub repository an entity comes from: its `github.com/project-slug` annotation (Backstage's
// well-known annotation), else the repository of the descriptor it was read from.

export type EntityRepository = { name: string; webUrl: string | null };

const SLUG = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/;
const SOURCE = /^url:(https?:\/\/[^/]+)\/([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)\/(?:blob|tree)\//;

export function repositoryOf(body: { metadata?: Record<string, unknown> }): EntityRepository | null {
  const annotations = (body.metadata?.annotations ?? {}) as Record<string, unknown>;
  const source =
    typeof annotations['backstage.io/managed-by-location'] === 'string'
      ? SOURCE.exec(annotations['backstage.io/managed-by-location'])
      : null;
  const slug = typeof annotations['github.com/project-slug'] === 'string' ? SLUG.exec(annotations['github.com/project-slug'].trim()) : null;
  if (slug) {
    const name = `${slug[1]}/${slug[2]}`.toLowerCase();
    const sameAsSource = source && `${source[2]}/${source[3]}`.toLowerCase() === name;
    return { name, webUrl: sameAsSource ? `${source[1]}/${source[2]}/${source[3]}` : null };
  }
  return source ? { name: `${source[2]}/${source[3]}`.toLowerCase(), webUrl: `${source[1]}/${source[2]}/${source[3]}` } : null;
}
