// Backstage placeholders: an object with exactly one key `$text`, `$json` or `$yaml`
// whose value is a path or URL, e.g. `definition: { $text: ./openapi.yaml }`.
// https://backstage.io/docs/features/software-catalog/descriptor-format#substitutions-in-the-descriptor-format
// Like Backstage's PlaceholderProcessor, any other `$key` object (e.g. JSON Schema `$ref`)
// or a non-string value is left untouched, and resolved content is not substituted again
// (so a file cannot pull in files recursively).
// This module does no I/O: the caller's `read` resolves the location and enforces sandboxing.

import { LineCounter } from 'yaml';
import type { DocumentPath, Entity, ValidationIssue } from './entity';
import { checkSize, exceedsDepth, parseYamlWithLimits, resolveParseLimits, tooDeep, type ParseLimits } from './yaml-limits';

export type ReadSubstitution = (relativePath: string) => Promise<string>;

const PLACEHOLDERS = ['$text', '$json', '$yaml'] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];

export function formatDocumentPath(path: DocumentPath): string {
  return path.reduce<string>((out, segment) => {
    if (typeof segment === 'number') return `${out}[${segment}]`;
    return out ? `${out}.${segment}` : segment;
  }, '');
}

function asPlaceholder(value: Record<string, unknown>): { kind: Placeholder; target: string } | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const kind = PLACEHOLDERS.find((p) => p === keys[0]);
  const target = value[keys[0]];
  return kind && typeof target === 'string' ? { kind, target } : undefined;
}

type Outcome = { value: unknown } | { message: string };

function parseContent(kind: Placeholder, target: string, text: string, limits: ParseLimits): Outcome {
  const size = checkSize(text, limits);
  if (size) return { message: `"${target}" is too large: ${size.message}` };
  if (kind === '$text') return { value: text };
  if (kind === '$json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { message: `"${target}" is not valid JSON: ${(error as Error).message}` };
    }
    return exceedsDepth(value, limits) ? { message: `"${target}": ${tooDeep(limits)}` } : { value };
  }
  const lineCounter = new LineCounter();
  const parsed = parseYamlWithLimits(text, limits, lineCounter);
  if ('value' in parsed) return parsed;
  const where =
    parsed.failure.offset === undefined
      ? ''
      : (({ line, col }) => ` (line ${line}, column ${col})`)(lineCounter.linePos(parsed.failure.offset));
  return { message: `"${target}" is not valid YAML${where}: ${parsed.failure.message}` };
}

/** Whether any object in `value` is a placeholder. */
function containsPlaceholder(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsPlaceholder);
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return asPlaceholder(record) !== undefined || Object.values(record).some(containsPlaceholder);
}

/**
 * Returns the entity with every placeholder replaced by the referenced content (a copy; the entity
 * itself where it has none, as most have: copying each one cost ~3% of an ingestion's CPU):
 * `$text` as a string, `$json`/`$yaml` parsed (YAML under the same limits as descriptors).
 * Failures become issues at the placeholder's path and leave the placeholder in place.
 */
export async function resolveSubstitutions(
  entity: Entity,
  read: ReadSubstitution,
  limits?: Partial<ParseLimits>,
): Promise<{ entity: Entity; issues: ValidationIssue[] }> {
  if (!containsPlaceholder(entity)) return { entity, issues: [] };
  const resolved = resolveParseLimits(limits);
  const issues: ValidationIssue[] = [];

  const walk = async (value: unknown, path: DocumentPath): Promise<unknown> => {
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (let i = 0; i < value.length; i++) out.push(await walk(value[i], [...path, i]));
      return out;
    }
    if (typeof value !== 'object' || value === null) return value;
    const record = value as Record<string, unknown>;
    const placeholder = asPlaceholder(record);
    if (placeholder) {
      const label = formatDocumentPath(path) || '(document)';
      let text: string;
      try {
        text = await read(placeholder.target);
      } catch (error) {
        issues.push({
          path,
          message: `${label}: could not read "${placeholder.target}" for ${placeholder.kind}: ${(error as Error).message}`,
        });
        return value;
      }
      const outcome = parseContent(placeholder.kind, placeholder.target, text, resolved);
      if ('value' in outcome) return outcome.value;
      issues.push({ path, message: `${label}: ${outcome.message}` });
      return value;
    }
    const entries: [string, unknown][] = [];
    for (const [key, child] of Object.entries(record)) entries.push([key, await walk(child, [...path, key])]);
    // fromEntries defines own properties, so a "__proto__" key stays data, never a prototype.
    return Object.fromEntries(entries);
  };

  // walk replaces placeholder leaves only: the envelope (apiVersion, kind, metadata) keeps its shape.
  const result = (await walk(entity, [])) as Entity;
  return { entity: result, issues };
}
