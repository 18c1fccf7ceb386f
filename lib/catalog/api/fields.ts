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

/** A projection for the given paths, or undefined when no fields were asked for (whole entity). */
export function createProjection(fields: string[]): Projection | undefined {
  if (fields.length === 0) return undefined;
  const paths = fields.map((f) => f.split('.'));
  return (entity) => {
    const out: Record<string, unknown> = {};
    for (const parts of paths) copyPath(entity as Record<string, unknown>, out, parts);
    return out;
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Copies the value at `parts` (if present) into `output`, creating parents only when it is. Only
 * own keys are followed and written: an entity's data may hold a key named `__proto__` (YAML and
 * JSON.parse keep it as data), which must be copied as data and never reach Object.prototype.
 */
function copyPath(input: Record<string, unknown>, output: Record<string, unknown>, parts: string[]): void {
  const keys: string[] = [];
  let value: unknown = input;
  let i = 0;
  while (i < parts.length) {
    if (!isRecord(value)) return;
    const node: Record<string, unknown> = value;
    let j = i + 1;
    let key = parts[i];
    while (!Object.hasOwn(node, key) && j < parts.length) key = `${key}.${parts[j++]}`;
    if (!Object.hasOwn(node, key) || node[key] === undefined) return;
    keys.push(key);
    value = node[key];
    i = j;
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
