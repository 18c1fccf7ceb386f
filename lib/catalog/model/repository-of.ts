// Which GitHub repository an entity comes from: its `github.com/project-slug` annotation (Backstage's
// well-known annotation), else the repository of the descriptor it was read from.
//
// The integration reads a repository's facts (workflow names, pull request titles, CI state) with its
// own token and shows them to every member, so a slug naming another repository than the
// descriptor's is believed only where the organisation vouches for the entity: a trusted location
// (the config's, an admin's org sync) or the portal (admins and leads). Otherwise any member could
// register a file naming a private repository and read its facts on the scorecard.

export type EntityRepository = { name: string; webUrl: string | null; unbelieved?: string };

// A repository is never "." or "..": in an API path (/repos/acme/..) the HTTP client resolves them.
const SLUG = /^([A-Za-z0-9-]+)\/(?!\.\.?$)([A-Za-z0-9._-]+)$/;
const SOURCE = /^url:(https?:\/\/[^/]+)\/([A-Za-z0-9-]+)\/(?!\.\.?\/)([A-Za-z0-9._-]+)\/(?:blob|tree)\//;

/** `vouched`: the entity is from a trusted location or portal-managed (see above). */
export function repositoryOf(body: { metadata?: Record<string, unknown> }, vouched: boolean): EntityRepository | null {
  const annotations = (body.metadata?.annotations ?? {}) as Record<string, unknown>;
  const source =
    typeof annotations['backstage.io/managed-by-location'] === 'string'
      ? SOURCE.exec(annotations['backstage.io/managed-by-location'])
      : null;
  const sourceName = source ? `${source[2]}/${source[3]}`.toLowerCase() : null;
  const sourceUrl = source ? `${source[1]}/${source[2]}/${source[3]}` : null;
  const slug = typeof annotations['github.com/project-slug'] === 'string' ? SLUG.exec(annotations['github.com/project-slug'].trim()) : null;
  if (!slug) return sourceName ? { name: sourceName, webUrl: sourceUrl } : null;
  const name = `${slug[1]}/${slug[2]}`.toLowerCase();
  if (name === sourceName) return { name, webUrl: sourceUrl };
  if (vouched) return { name, webUrl: null };
  return {
    name,
    webUrl: null,
    unbelieved: `the entity's \`github.com/project-slug\` names a repository other than the one its descriptor is read from (${sourceName ?? 'none'}), which is believed only for entities of a location the config or an admin registered; point the slug at the descriptor's repository or register the file there`,
  };
}
