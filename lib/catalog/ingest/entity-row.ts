import { createHash } from 'node:crypto';
import { isIndexedElsewhere, MAX_SEARCH_VALUE_LENGTH } from '@/lib/catalog/queries/filter';
import { findKnownKind, stringifyEntityRef, tryParseEntityRef, type DerivedRelation, type Entity } from '@/lib/catalog/model';

// Turns a validated entity into the columns, relations and search rows the catalog stores.

export type EntityRow = {
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  specType: string | null;
  lifecycle: string | null;
  owner: string | null;
  system: string | null;
  tags: string[];
  body: Entity;
  /** JSON.stringify(body), written once: the etag and the batch written to the database both use it. */
  bodyJson: string;
  rawYaml: string;
  sourceFile: string | null;
  sourceLine: number | null;
  etag: string;
  searchText: string;
};

/** A search row; a null leaf has the value '' (the value is part of the table's primary key). */
export type SearchRow = { key: string; value: string };

// Backstage's BuiltinKindsEntityProcessor.preProcessEntity sorts these spec arrays (when every item
// is a string, with JavaScript's default sort) before anything else sees the entity: relations are
// unordered, and a stable order spares needless re-stitching. The API serves them sorted.
const SORTED_SPEC_ARRAYS = ['providesApis', 'consumesApis', 'dependsOn', 'dependencyOf', 'memberOf', 'children', 'members'];

function sortSpecArrays(spec: Entity['spec']): Entity['spec'] {
  if (!spec) return spec;
  let out = spec;
  for (const field of SORTED_SPEC_ARRAYS) {
    const value = spec[field];
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) out = { ...out, [field]: [...value].sort() };
  }
  return out;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

export function toEntityRow(
  entity: Entity,
  relations: DerivedRelation[],
  source: { rawYaml: string; file: string | null; line: number | null },
): EntityRow {
  const kind = findKnownKind(entity.kind) ?? entity.kind;
  const namespace = entity.metadata.namespace ?? 'default';
  const body: Entity = { ...entity, kind, metadata: { ...entity.metadata, namespace } };
  if (entity.spec) body.spec = sortSpecArrays(entity.spec);
  const ref = stringifyEntityRef({ kind, namespace, name: entity.metadata.name });
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const refOf = (value: unknown, defaultKind: string) => {
    const parsed = typeof value === 'string' ? tryParseEntityRef(value, { defaultKind, defaultNamespace: namespace }) : null;
    return parsed ? stringifyEntityRef(parsed) : null;
  };
  const tags = (entity.metadata.tags ?? []).filter((t): t is string => typeof t === 'string');
  const bodyJson = JSON.stringify(body);
  const row: Omit<EntityRow, 'etag' | 'searchText'> = {
    ref,
    kind,
    namespace,
    name: entity.metadata.name,
    title: str(entity.metadata.title),
    specType: str(spec.type),
    lifecycle: str(spec.lifecycle),
    owner: refOf(spec.owner, 'Group'),
    system: refOf(spec.system, 'System'),
    tags,
    body,
    bodyJson,
    rawYaml: source.rawYaml,
    sourceFile: source.file,
    sourceLine: source.line,
  };
  // The hash of JSON.stringify([body, rawYaml, file, line, relations]), with the body's text reused.
  const etag = createHash('sha1')
    .update(`[${bodyJson},`)
    .update(JSON.stringify([source.rawYaml, source.file, source.line, relations]).slice(1))
    .digest('base64url');
  const searchText = [ref, entity.metadata.title, entity.metadata.description, ...tags, row.specType, row.owner, row.system]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  return { ...row, etag, searchText };
}

// As Backstage: longer keys and values are not searchable (and would not fit an index entry).
const MAX_KEY_LENGTH = 200;

/**
 * Backstage's flattened search table: every scalar leaf of metadata and spec as a dotted key
 * (arrays of scalars give one row per item). Keys and values are lower-cased, which makes API
 * filters case-insensitive as Backstage's are. Long values (API definitions) and long keys are not
 * searchable by filter and are skipped, as Backstage does. Keys that have their own column (kind,
 * name, type, ...) are answered there, and `relations.<type>` keys from the Relation table, so they
 * are not stored again (37% fewer rows to write at 10,000 components than with relation keys).
 */
export function toSearchRows(entity: Entity): SearchRow[] {
  const rows: SearchRow[] = [];
  const push = (key: string, value: unknown) => {
    if (key.length > MAX_KEY_LENGTH || isIndexedElsewhere(key)) return;
    const text = value === null || value === undefined ? '' : String(value);
    if (text.length <= MAX_SEARCH_VALUE_LENGTH) rows.push({ key: key.toLowerCase(), value: text.toLowerCase() });
  };
  const walk = (value: unknown, key: string, depth: number) => {
    if (depth > 8) return;
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item !== 'object' || item === null) push(key, item);
      return;
    }
    if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) walk(v, `${key}.${k}`, depth + 1);
      return;
    }
    push(key, value);
  };
  push('apiVersion', entity.apiVersion);
  push('kind', entity.kind);
  walk(entity.metadata, 'metadata', 0);
  if (entity.spec) walk(entity.spec, 'spec', 0);
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = `${r.key}\u0000${r.value}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}
