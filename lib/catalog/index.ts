// The catalog domain's public surface for other domains (server-only: it reaches the database).
// The pure model (entity types, refs, validation, location refs) is `@/lib/catalog/model`.
export { entityHref, refOfParams } from './entity-href';
export { ingestLocationJob, reconcileCatalogJob } from './jobs';
export { ingestLocationTree, type IngestSummary } from './ingest/ingest-location';
export { kindRefusedBy } from './ingest/process-location';
export { readBoundedFile } from './ingest/read-sources';
export { readAnyUrl } from './ingest/sources';
export { registerLocation, resolveRegistrationTarget } from './location-admin';
export { catalogCache } from './queries/catalog-cache';
export { groupExists } from './queries/choices';
export { EMPTY_FILTER } from './queries/filter';
export { getEntityRepository, VOUCHED } from './queries/entity-repository';
export { summarizeRefs } from './queries/pages';
export { getEntitiesByRefs, getEntityByRef, queryEntities, type ServedEntity } from './queries/served-entities';
