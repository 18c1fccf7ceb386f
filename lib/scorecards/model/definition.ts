import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { z } from 'zod';
import { checkSize, documentToValue, resolveParseLimits, shortYamlMessage } from '@/lib/catalog/model';
import { checkSchema } from './checks';

// A scorecard definition: versioned YAML in Backstage's envelope style, read from configured files
// or saved by an admin. A refused definition names file:line:column and what to change.

const list = z.union([
  z
    .string()
    .min(1)
    .transform((s) => [s]),
  z.array(z.string().min(1)).min(1),
]);

/** Which entities a scorecard (or an initiative) covers: every listed field must match one of its values. */
export const appliesToSchema = z
  .object({ kind: list.optional(), type: list.optional(), lifecycle: list.optional(), tags: list.optional(), owner: list.optional() })
  .strict();
export type AppliesTo = z.infer<typeof appliesToSchema>;

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const ruleSchema = z
  .object({
    id: z.string().regex(ID, 'must be lower-case letters, digits and dashes (e.g. owner-is-team), at most 63 characters'),
    title: z.string().min(1).max(200),
    check: checkSchema,
    remediation: z.string().min(1, 'say what to do to pass, in Markdown with a link').max(4000),
    weight: z.number().int().min(1).max(100).default(1),
  })
  .strict();
export type Rule = z.infer<typeof ruleSchema>;

export const scorecardSchema = z
  .object({
    apiVersion: z.literal('wayfinder.dev/v1', { message: 'apiVersion must be wayfinder.dev/v1' }),
    kind: z.literal('Scorecard', { message: 'kind must be Scorecard' }),
    metadata: z
      .object({
        name: z.string().regex(ID, 'must be lower-case letters, digits and dashes (e.g. production-readiness), at most 63 characters'),
        title: z.string().min(1).max(200).optional(),
        description: z.string().max(2000).optional(),
      })
      .strict(),
    spec: z
      .object({
        appliesTo: appliesToSchema.default({}),
        levels: z
          .array(
            z.object({ name: z.string().min(1).max(40), rules: z.array(ruleSchema).min(1, 'a level needs at least one rule') }).strict(),
          )
          .min(1, 'list at least one level, lowest first (e.g. Bronze, Silver, Gold)'),
      })
      .strict(),
  })
  .strict()
  .superRefine((def, ctx) => {
    const levels = new Set<string>();
    const rules = new Set<string>();
    def.spec.levels.forEach((level, i) => {
      if (levels.has(level.name.toLowerCase()))
        ctx.addIssue({ code: 'custom', path: ['spec', 'levels', i, 'name'], message: `level "${level.name}" is listed twice` });
      levels.add(level.name.toLowerCase());
      level.rules.forEach((rule, j) => {
        if (rules.has(rule.id))
          ctx.addIssue({
            code: 'custom',
            path: ['spec', 'levels', i, 'rules', j, 'id'],
            message: `rule id "${rule.id}" is used twice; each rule needs its own id`,
          });
        rules.add(rule.id);
      });
    });
  });
export type ScorecardDefinition = z.infer<typeof scorecardSchema>;

export type DefinitionError = { file: string; line: number; column: number; message: string };
export type ParseResult = { ok: true; definition: ScorecardDefinition } | { ok: false; errors: DefinitionError[] };

/** 256 KiB is far more than any scorecard needs; the parse limits also bound aliases and depth. */
const LIMITS = resolveParseLimits({ maxBytes: 256 * 1024, maxDepth: 32 });

export function parseScorecard(text: string, file: string): ParseResult {
  const at = (lc: LineCounter, offset: number | undefined, message: string): DefinitionError => {
    const { line, col } = offset === undefined ? { line: 1, col: 1 } : lc.linePos(offset);
    return { file, line, column: col, message };
  };
  const lineCounter = new LineCounter();
  const size = checkSize(text, LIMITS);
  if (size) return { ok: false, errors: [at(lineCounter, undefined, size.message)] };
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  if (doc.errors.length)
    return {
      ok: false,
      errors: doc.errors.slice(0, 5).map((e) => at(lineCounter, e.pos[0], `invalid YAML: ${shortYamlMessage(e.message)}`)),
    };
  const value = documentToValue(doc, LIMITS);
  if ('failure' in value) return { ok: false, errors: [at(lineCounter, value.failure.offset, value.failure.message)] };
  const parsed = scorecardSchema.safeParse(value.value);
  if (parsed.success) return { ok: true, definition: parsed.data };
  const errors = parsed.error.issues.slice(0, 20).map((issue) => {
    const path = issue.path as (string | number)[];
    const { node, found } = nearestNode(doc.contents as Node | null, path);
    const where = path.length
      ? path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
          .join('')
          .slice(1)
      : 'the document';
    // A missing key is reported at the mapping that should hold it.
    const message = found
      ? `${where}: ${issue.message}`
      : `${where}: ${issue.message === 'Invalid input: expected string, received undefined' || issue.code === 'invalid_type' ? 'is required' : issue.message}`;
    return at(lineCounter, node?.range?.[0], message);
  });
  return { ok: false, errors };
}

/** The node at `path`, or the deepest existing node on the way (for a missing key). */
function nearestNode(root: Node | null, path: (string | number)[]): { node: Node | null; found: boolean } {
  let node = root;
  for (const key of path) {
    let next: Node | null = null;
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      // For an unknown key, point at the key itself.
      next = (pair?.value as Node | null) ?? (pair?.key as Node | null) ?? null;
    } else if (isSeq(node) && typeof key === 'number') next = (node.items[key] as Node | null) ?? null;
    if (!next) return { node, found: false };
    node = next;
  }
  return { node, found: true };
}

export function formatDefinitionError(e: DefinitionError): string {
  return `${e.file}:${e.line}:${e.column}: ${e.message}`;
}

/** Every rule of the scorecard with the level it belongs to. */
export function rulesOf(def: ScorecardDefinition): (Rule & { level: string; levelIndex: number })[] {
  return def.spec.levels.flatMap((l, i) => l.rules.map((r) => ({ ...r, level: l.name, levelIndex: i + 1 })));
}
