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

function copyPath(input: Record<string, unknown>, output: Record<string, unknown>, parts: string[]): void {
  let inPtr: Record<string, unknown> = input;
  let outPtr: Record<string, unknown> = output;
  let i = 0;
  while (i < parts.length) {
    // Longest-first would also work; shortest-first matches Backstage when keys have no dots.
    let j = i + 1;
    let key = parts[i];
    while (!(key in inPtr) && j < parts.length) key = `${key}.${parts[j++]}`;
    if (!(key in inPtr)) return;
    const value = inPtr[key];
    if (value === undefined) return;
    if (j === parts.length) {
      outPtr[key] = structuredClone(value);
      return;
    }
    if (!isRecord(value)) return;
    const existing = outPtr[key];
    if (!isRecord(existing)) outPtr[key] = {};
    outPtr = outPtr[key] as Record<string, unknown>;
    inPtr = value;
    i = j;
  }
}
