// What a page shows of an entity it names: a name to print, whether the target is in the catalog,
// and the few spec fields lists show. One type for the catalog list, the entity pages, the 404's
// suggestions, search hits and entity links; each view picks the fields it needs from it.

export type EntitySummary = {
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  exists: boolean;
  type: string | null;
  lifecycle: string | null;
  /** The owner's canonical ref. */
  owner: string | null;
  description: string | null;
};

/** What a link to an entity needs (a summary, or less). */
export type EntityLinkTarget = Pick<EntitySummary, 'kind' | 'namespace' | 'name' | 'exists'> & { title?: string | null };
