import type { ServedParts } from '@/lib/catalog/queries/served-entities';
import { COLUMN_PATHS } from '@/lib/catalog/queries/served-json';
// Backstage's `fields` projection: `fields=metadata.name,kind` returns only those paths of each
// entity (packages/catalog-backend parseEntityTransformParams). Keys may themselves contain dots
// (annotation keys such as `backstage.io/techdocs-ref`), so a path segment that does not exist is
// joined with the next ones until it names a key that does.

export type Projection = (entity: object) => object;

/** Normalises `fields` values (repeatable, each a comma list) into a path list. */
export function parseFieldList(values: string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((f) => f.trim())
    .filter(Boolean);
}

/** A field as written, its segments, and where each segment starts in it. */
type FieldPath = { text: string; parts: string[]; starts: number[] };

/** A projection for the given paths, or undefined when no fields were asked for (whole entity). */
export function createProjection(fields: string[]): Projection | undefined {
  if (fields.length === 0) return undefined;
  const paths = fields.map((text): FieldPath => {
    const parts = text.split('.');
    let at = 0;
    return { text, parts, starts: parts.map((part) => (at += part.length + 1) - part.length - 1) };
  });
  return (entity) => {
    const out: Record<string, unknown> = {};
    for (const path of paths) copyPath(entity as Record<string, unknown>, out, path);
    return out;
  };
}

/**
 * The own key of `node` that the path names from its segment `i`: the segment itself, else the
 * shortest key that is the path's text from there up to a later dot (or its end), and the segment
 * after it. Joining segments until a key exists cost the square of the path's length for each
 * entity (a 16 KB `fields=metadata.a.a…` took 350 ms an entity); the node's keys are compared with
 * the text instead.
 */
function keyAt(node: Record<string, unknown>, path: FieldPath, i: number): { key: string; next: number } | undefined {
  if (Object.hasOwn(node, path.parts[i])) return { key: path.parts[i], next: i + 1 };
  const from = path.starts[i];
  let best: string | undefined;
  for (const key of Object.keys(node)) {
    if (best !== undefined && key.length >= best.length) continue;
    const end = from + key.length;
    if ((end === path.text.length || path.text[end] === '.') && path.text.startsWith(key, from)) best = key;
  }
  if (best === undefined) return undefined;
  let next = i + 1;
  for (const c of best) if (c === '.') next++;
  return { key: best, next };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Copies the value at `parts` (if present) into `output`, creating parents only when it is. Only
 * own keys are followed and written: an entity's data may hold a key named `__proto__` (YAML and
 * JSON.parse keep it as data), which must be copied as data and never reach Object.prototype.
 */
function copyPath(input: Record<string, unknown>, output: Record<string, unknown>, path: FieldPath): void {
  const keys: string[] = [];
  let value: unknown = input;
  let i = 0;
  while (i < path.parts.length) {
    if (!isRecord(value)) return;
    const found = keyAt(value, path, i);
    if (!found || value[found.key] === undefined) return;
    keys.push(found.key);
    value = value[found.key];
    i = found.next;
  }
  let out = output;
  for (const key of keys.slice(0, -1)) {
    if (!Object.hasOwn(out, key) || !isRecord(out[key])) setOwn(out, key, {});
    out = out[key] as Record<string, unknown>;
  }
  // Served entities are built afresh for each request, so the value is shared, not copied.
  setOwn(out, keys[keys.length - 1], value);
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The parts of a served entity a projection reads (all of them without one). */
export function servedPartsOf(fields: string[]): ServedParts {
  if (fields.length === 0) return { relations: true, errors: true };
  if (fields.every((f) => COLUMN_PATHS.has(f))) return { columns: fields };
  const tops = new Set(fields.map((f) => f.split('.')[0]));
  return { relations: tops.has('relations'), errors: tops.has('status') };
}
