// The Backstage entity envelope, as written in catalog-info.yaml.
// Spec: https://backstage.io/docs/features/software-catalog/descriptor-format
// These are plain types (no zod): parsing happens in parse-descriptor.ts and
// validation in validation.ts / kinds.ts, which report issues instead of throwing.

export type EntityLink = {
  url: string;
  title?: string;
  icon?: string;
  type?: string;
};

export type EntityMetadata = {
  name: string;
  namespace?: string;
  title?: string;
  description?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  tags?: string[];
  links?: EntityLink[];
  uid?: string;
  etag?: string;
  // Backstage allows arbitrary extra metadata fields; keep them rather than drop data.
  [key: string]: unknown;
};

export type EntityRelation = {
  type: string;
  targetRef: string;
};

/** Any entity envelope, before its kind is known to be one of the built-in kinds. */
export type Entity = {
  apiVersion: string;
  kind: string;
  metadata: EntityMetadata;
  spec?: Record<string, unknown>;
  relations?: EntityRelation[];
};

// The built-in kinds as a union discriminated on `kind`, as Backstage's catalog-model types them
// (ComponentEntityV1alpha1 …). The field lists are the ones kinds.ts checks: its rules table is
// typed against these specs, so a field added here and not there (or the reverse) fails to compile.

type Profile = { displayName?: string; email?: string; picture?: string };

export type ComponentEntitySpec = {
  type: string;
  lifecycle: string;
  owner: string;
  system?: string;
  subcomponentOf?: string;
  providesApis?: string[];
  consumesApis?: string[];
  dependsOn?: string[];
  dependencyOf?: string[];
};
/** `definition` is the text itself once ingestion resolved a $text/$json/$yaml substitution. */
export type ApiEntitySpec = { type: string; lifecycle: string; owner: string; definition: string; system?: string };
export type ResourceEntitySpec = { type: string; owner: string; dependsOn?: string[]; dependencyOf?: string[]; system?: string };
export type SystemEntitySpec = { owner: string; domain?: string; type?: string };
export type DomainEntitySpec = { owner: string; subdomainOf?: string; type?: string };
export type GroupEntitySpec = { type: string; children: string[]; profile?: Profile; parent?: string; members?: string[] };
export type UserEntitySpec = { memberOf: string[]; profile?: Profile };
export type LocationEntitySpec = { type?: string; target?: string; targets?: string[]; presence?: 'required' | 'optional' };
export type TemplateStep = { id?: string; name?: string; action: string; input?: Record<string, unknown>; if?: unknown };
export type TemplateEntitySpec = {
  type: string;
  parameters?: Record<string, unknown> | Record<string, unknown>[];
  steps: TemplateStep[];
  owner?: string;
  output?: Record<string, unknown>;
};

/** The spec type of each built-in kind. */
export type EntitySpecs = {
  Component: ComponentEntitySpec;
  API: ApiEntitySpec;
  Resource: ResourceEntitySpec;
  System: SystemEntitySpec;
  Domain: DomainEntitySpec;
  Group: GroupEntitySpec;
  User: UserEntitySpec;
  Location: LocationEntitySpec;
  Template: TemplateEntitySpec;
};

// Backstage keeps spec fields it does not know about; so does a stored entity, read as `unknown`.
type KindEntity<K extends keyof EntitySpecs> = Omit<Entity, 'kind' | 'spec'> & { kind: K; spec: EntitySpecs[K] & Record<string, unknown> };

export type ComponentEntity = KindEntity<'Component'>;
export type ApiEntity = KindEntity<'API'>;
export type ResourceEntity = KindEntity<'Resource'>;
export type SystemEntity = KindEntity<'System'>;
export type DomainEntity = KindEntity<'Domain'>;
export type GroupEntity = KindEntity<'Group'>;
export type UserEntity = KindEntity<'User'>;
export type LocationEntity = KindEntity<'Location'>;
export type TemplateEntity = KindEntity<'Template'>;

/** An entity of a built-in kind: `switch (entity.kind)` narrows `spec` to that kind's fields. */
export type CatalogEntity =
  ComponentEntity | ApiEntity | ResourceEntity | SystemEntity | DomainEntity | GroupEntity | UserEntity | LocationEntity | TemplateEntity;

export type EntityKind = CatalogEntity['kind'];
export type EntityOfKind<K extends EntityKind> = Extract<CatalogEntity, { kind: K }>;

/** 1-based position in a descriptor file, as editors show it. */
export type EntityPosition = {
  line: number;
  column: number;
};

/** Path into a document, e.g. ['metadata', 'name'] or ['spec', 'dependsOn', 2]. */
export type DocumentPath = (string | number)[];

/** A problem found in an entity, located by its path so callers can map it to line:column. */
export type ValidationIssue = {
  path: DocumentPath;
  message: string;
};
