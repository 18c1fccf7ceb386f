import { catalogEntityOf, type CatalogEntity } from '@/lib/catalog/model';

// A stored entity row in the form the catalog API serves (the body plus metadata.uid/etag, the
// relations, processing errors in status.items), as objects or straight as JSON text. The API's
// reads serve text: the body is stored as `json` (its text as written at ingestion), so an answer
// can be spliced from it without parsing and re-serialising every entity (a page of 50 entities:
// ~0.6 ms of the server's CPU that way, ~0.15 ms spliced).

export type StoredError = { file: string; line: number; column: number; code: string; message: string };
/** An entity as the catalog API serves it: typed by kind, with uid, etag, relations and errors. */
export type ServedEntity = CatalogEntity & {
  metadata: CatalogEntity['metadata'] & { uid: string; etag: string };
  relations: { type: string; targetRef: string }[];
  status?: {
    items: {
      type: string;
      level: 'error';
      message: string;
      error: { name: string; message: string; position: { file: string; line: number; column: number } };
    }[];
  };
};

/** An entity row as read: body and relations as JSON text (null relations: a projection needs none). */
export type ServedRow = { id: string; ref: string; etag: string; body: string; relations: string | null; errors: StoredError[] | null };

/**
 * Paths a `fields` projection can serve from an entity's columns, without reading its body:
 * toEntityRow stores the body's kind, metadata.name and metadata.namespace in columns of their own,
 * and the database writes such a projection's JSON text itself (served-entities.ts, ProjectedRow).
 * (The harness's verify pass asks 15 pages of 1,000 at 10k for kind, name, namespace and relations:
 * parsing each body for them was most of the server's time for such a page.)
 */
export const COLUMN_PATHS: ReadonlySet<string> = new Set([
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'metadata.etag',
  'relations',
]);

export function servedEntityOf(r: ServedRow): ServedEntity {
  const body = catalogEntityOf(JSON.parse(r.body));
  const relations = r.relations === null ? [] : (JSON.parse(r.relations) as ServedEntity['relations']);
  const entity: ServedEntity = { ...body, metadata: { ...body.metadata, uid: r.id, etag: r.etag }, relations };
  if (r.errors?.length) entity.status = statusOf(r.errors);
  return entity;
}

/** The JSON text of `servedEntityOf(r)`, spliced from the stored text where its shape allows. */
export function servedJsonOf(r: ServedRow): string {
  return splicedJson(r) ?? JSON.stringify(servedEntityOf(r));
}

function statusOf(errors: StoredError[]): NonNullable<ServedEntity['status']> {
  return {
    items: errors.map((e) => ({
      type: 'backstage.io/catalog-processing',
      level: 'error' as const,
      message: e.message,
      error: { name: errorName(e.code), message: e.message, position: { file: e.file, line: e.line, column: e.column } },
    })),
  };
}

function errorName(code: string): string {
  return code === 'conflict' ? 'ConflictError' : code === 'unreadable' ? 'NotFoundError' : 'InputError';
}

// A body written as `{"apiVersion":…,"kind":…,"metadata":{…},"spec":{…}}` (either of the first two
// first), which is how nearly every descriptor is written. Strings are matched whole (escapes
// included), so a brace or quote inside one is never taken for structure.
const STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const HEAD = new RegExp(String.raw`\{"(?:apiVersion":${STRING},"kind|kind":${STRING},"apiVersion)":${STRING},"metadata":\{`, 'y');
const STRING_REST = /(?:[^"\\]|\\.)*"/y;
const STRUCTURE = /["{}[\]]/g;

/**
 * The served text, or undefined where the body has another shape (key order, no spec, keys the
 * served form sets itself): the caller then builds it from objects. uid and etag close metadata
 * and relations close the entity, where `servedEntityOf`'s spreads put them.
 */
export function splicedJson(r: ServedRow): string | undefined {
  const body = r.body;
  HEAD.lastIndex = 0;
  if (!HEAD.test(body) || body[body.length - 1] !== '}') return undefined;
  const metadataEnd = endOfObject(body, HEAD.lastIndex - 1);
  if (metadataEnd < 0 || !body.startsWith(',"spec":{', metadataEnd)) return undefined;
  const metadata = body.slice(HEAD.lastIndex - 1, metadataEnd);
  const rest = body.slice(metadataEnd, -1);
  if (metadata.includes('"uid":') || metadata.includes('"etag":') || rest.includes('"relations":') || rest.includes('"status":')) {
    return undefined;
  }
  const status = r.errors?.length ? `,"status":${JSON.stringify(statusOf(r.errors))}` : '';
  return `${body.slice(0, metadataEnd - 1)},"uid":${JSON.stringify(r.id)},"etag":${JSON.stringify(r.etag)}}${rest},"relations":${r.relations ?? '[]'}${status}}`;
}

/** The index just past the object that opens at `start`, or -1 if the text ends first. */
function endOfObject(text: string, start: number): number {
  let depth = 0;
  STRUCTURE.lastIndex = start;
  for (let m = STRUCTURE.exec(text); m; m = STRUCTURE.exec(text)) {
    const ch = m[0];
    if (ch === '"') {
      STRING_REST.lastIndex = STRUCTURE.lastIndex;
      if (!STRING_REST.test(text)) return -1;
      STRUCTURE.lastIndex = STRING_REST.lastIndex;
    } else if (ch === '{' || ch === '[') depth++;
    else if (--depth === 0) return STRUCTURE.lastIndex;
  }
  return -1;
}
