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

export type Entity = {
  apiVersion: string;
  kind: string;
  metadata: EntityMetadata;
  spec?: Record<string, unknown>;
  relations?: EntityRelation[];
};

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
