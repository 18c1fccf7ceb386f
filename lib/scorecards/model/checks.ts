import { z } from 'zod';
import { codeSpan, plainText } from './code-span';
import type { EntityFacts } from './facts';
import { MAX_VALUE_LENGTH, MAX_VALUES, unsafePatternReason } from './safe-regex';

// The check language: one small mapping per rule, declarative, never code. Each check names what it
// looks at (its first key) and how to judge it. README "Scorecards and initiatives" documents each.

const operator = {
  exists: z.literal(true, { message: 'exists must be true (to require that the value is absent, use a different rule)' }).optional(),
  equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
  matches: z.string().optional(),
  oneOf: z
    .array(z.union([z.string(), z.number(), z.boolean()]))
    .min(1, 'oneOf needs at least one value')
    .optional(),
};
type Operator = { exists?: true; equals?: string | number | boolean; matches?: string; oneOf?: (string | number | boolean)[] };

function withOneOperator<T extends z.ZodRawShape>(shape: T) {
  return z
    .object({ ...shape, ...operator })
    .strict()
    .superRefine((v, ctx) => {
      const ops = (['exists', 'equals', 'matches', 'oneOf'] as const).filter((k) => (v as Operator)[k] !== undefined);
      if (ops.length !== 1)
        ctx.addIssue({
          code: 'custom',
          message: `give exactly one of exists, equals, matches or oneOf${ops.length ? ` (found ${ops.join(', ')})` : ''}`,
        });
      const pattern = (v as Operator).matches;
      const reason = pattern === undefined ? null : unsafePatternReason(pattern);
      if (reason) ctx.addIssue({ code: 'custom', path: ['matches'], message: reason });
    });
}

export const RELATION_CHECKS = ['ownedByGroup', 'partOfSystem', 'apisHaveDefinition'] as const;
export const DOCS_CHECKS = ['configured', 'buildOk', 'updatedWithin'] as const;
export const REPOSITORY_CHECKS = [
  'catalogInfoAtRoot',
  'codeowners',
  'readme',
  'techdocsFiles',
  'defaultBranchProtected',
  'requiredReviews',
  'ciWorkflow',
  'ciGreen',
  'dependencyPrs',
] as const;
/** API definition types that count as a machine-readable definition. */
export const DEFINITION_TYPES = ['openapi', 'grpc', 'asyncapi', 'graphql'];

const VARIANTS = {
  field: withOneOperator({
    field: z
      .string()
      .min(1)
      .regex(/^[A-Za-z0-9_.-]+$/, 'must be a dotted path such as spec.lifecycle or metadata.name'),
  }),
  annotation: withOneOperator({ annotation: z.string().min(1).max(253) }),
  relation: z
    .object({
      relation: z.enum(RELATION_CHECKS, { message: `must be one of ${RELATION_CHECKS.join(', ')}` }),
      groupType: z.string().min(1).optional(),
    })
    .strict(),
  problems: z.object({ problems: z.literal('none', { message: 'the only problems check is `problems: none`' }) }).strict(),
  docs: z
    .object({
      docs: z.enum(DOCS_CHECKS, { message: `must be one of ${DOCS_CHECKS.join(', ')}` }),
      days: z.number().int().min(1).max(3650).optional(),
    })
    .strict()
    .refine((v) => v.docs !== 'updatedWithin' || v.days !== undefined, {
      message: 'docs: updatedWithin needs days (e.g. days: 30)',
      path: ['days'],
    }),
  repository: z
    .object({
      repository: z.enum(REPOSITORY_CHECKS, { message: `must be one of ${REPOSITORY_CHECKS.join(', ')}` }),
      atLeast: z.number().int().min(1).max(10).optional(),
      olderThanDays: z.number().int().min(0).max(3650).optional(),
    })
    .strict()
    .refine((v) => v.repository !== 'dependencyPrs' || v.olderThanDays !== undefined, {
      message: 'repository: dependencyPrs needs olderThanDays (e.g. olderThanDays: 14)',
      path: ['olderThanDays'],
    }),
  scaffolded: z.object({ scaffolded: z.literal(true, { message: 'scaffolded must be true' }) }).strict(),
};
export const CHECK_KINDS = Object.keys(VARIANTS) as (keyof typeof VARIANTS)[];

export type Check =
  | ({ field: string } & Operator)
  | ({ annotation: string } & Operator)
  | { relation: (typeof RELATION_CHECKS)[number]; groupType?: string }
  | { problems: 'none' }
  | { docs: (typeof DOCS_CHECKS)[number]; days?: number }
  | { repository: (typeof REPOSITORY_CHECKS)[number]; atLeast?: number; olderThanDays?: number }
  | { scaffolded: true };

/** A check is the variant named by whichever of its keys is a check kind; the variant's errors keep their paths. */
export const checkSchema = z.unknown().transform((value, ctx): Check => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: `a check is a mapping whose first key is one of ${CHECK_KINDS.join(', ')}` });
    return z.NEVER;
  }
  const kinds = CHECK_KINDS.filter((k) => k in value);
  if (kinds.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      message: kinds.length ? `a check has one kind; found ${kinds.join(' and ')}` : `unknown check; use one of ${CHECK_KINDS.join(', ')}`,
    });
    return z.NEVER;
  }
  const parsed = VARIANTS[kinds[0]].safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path as (string | number)[] });
    return z.NEVER;
  }
  return parsed.data as Check;
});

export type CheckOutcome = { pass: boolean; seen: string };

/** Judges one check against an entity's facts; `seen` says what was found, in Markdown. */
export function evaluateCheck(check: Check, facts: EntityFacts, now: Date): CheckOutcome {
  if ('field' in check) return judge(check, valueAt(facts.body, check.field), codeSpan(check.field));
  if ('annotation' in check) {
    const annotations = (facts.body.metadata?.annotations ?? {}) as Record<string, unknown>;
    return judge(check, annotations[check.annotation], `annotation ${codeSpan(check.annotation)}`);
  }
  if ('relation' in check) return relationCheck(check, facts);
  if ('problems' in check) {
    const n = facts.problems.length;
    return {
      pass: n === 0,
      seen: n === 0 ? 'no open problems' : `${n} open problem${n === 1 ? '' : 's'}: ${plainText(facts.problems[0].message)}`,
    };
  }
  if ('docs' in check) return docsCheck(check, facts, now);
  if ('repository' in check) return repositoryCheck(check, facts, now);
  const template = (facts.body.metadata?.annotations as Record<string, unknown> | undefined)?.['backstage.io/source-template'];
  return typeof template === 'string' && template
    ? { pass: true, seen: `created from template ${codeSpan(template)}` }
    : { pass: false, seen: 'no `backstage.io/source-template` annotation: not created from a template' };
}

function valueAt(body: Record<string, unknown>, path: string): unknown {
  let node: unknown = body;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return 'not set';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return codeSpan(text.length > 80 ? `${text.slice(0, 77)}…` : text);
}

function judge(op: Operator, value: unknown, what: string): CheckOutcome {
  const values = (Array.isArray(value) ? value : value === undefined || value === null || value === '' ? [] : [value]).filter(
    (v) => typeof v !== 'object' || v === null,
  );
  const present = Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null && value !== '';
  const seen = `${what} is ${show(value)}`;
  if (op.exists) return { pass: present, seen };
  if (op.equals !== undefined)
    return { pass: values.some((v) => String(v) === String(op.equals)), seen: `${seen}; expected ${codeSpan(String(op.equals))}` };
  if (op.oneOf)
    return {
      pass: values.some((v) => op.oneOf!.some((o) => String(o) === String(v))),
      seen: `${seen}; expected one of ${op.oneOf.map((o) => codeSpan(String(o))).join(', ')}`,
    };
  const re = compiled(op.matches!);
  if (typeof re === 'string') return { pass: false, seen: `${seen}; the pattern is not run: ${re}` };
  return {
    pass: values.slice(0, MAX_VALUES).some((v) => String(v).length <= MAX_VALUE_LENGTH && re.test(String(v))),
    seen: `${seen}; expected to match ${codeSpan(op.matches!)}`,
  };
}

const patterns = new Map<string, RegExp | string>();
/**
 * Patterns are few and judged against every entity: compile each once. A pattern refused by the
 * rules of today (a definition stored before they tightened) is never run: its reason instead.
 */
function compiled(pattern: string): RegExp | string {
  let re = patterns.get(pattern);
  if (re === undefined) {
    re = unsafePatternReason(pattern) ?? new RegExp(pattern, 'u');
    if (patterns.size > 1_000) patterns.clear();
    patterns.set(pattern, re);
  }
  return re;
}

function relationCheck(check: { relation: (typeof RELATION_CHECKS)[number]; groupType?: string }, facts: EntityFacts): CheckOutcome {
  if (check.relation === 'ownedByGroup') {
    if (!facts.owner) return { pass: false, seen: 'no `spec.owner` is set' };
    const owner = facts.ownerEntity;
    if (!owner) return { pass: false, seen: `owner ${codeSpan(facts.owner)} is not in the catalog` };
    if (owner.kind.toLowerCase() !== 'group')
      return { pass: false, seen: `owner ${codeSpan(facts.owner)} is not a Group in the catalog (it is a ${owner.kind})` };
    if (check.groupType && owner.specType?.toLowerCase() !== check.groupType.toLowerCase()) {
      return {
        pass: false,
        seen: `owner ${codeSpan(facts.owner)} is a Group of type ${codeSpan(owner.specType ?? 'none')}, not ${codeSpan(check.groupType)}`,
      };
    }
    return { pass: true, seen: `owned by the Group ${codeSpan(facts.owner)}` };
  }
  if (check.relation === 'partOfSystem') {
    if (!facts.system) return { pass: false, seen: 'no `spec.system` is set' };
    return facts.systemExists
      ? { pass: true, seen: `part of the System ${codeSpan(facts.system)}` }
      : { pass: false, seen: `system ${codeSpan(facts.system)} is not a System in the catalog` };
  }
  const apis = facts.providedApis;
  if (apis.length === 0) return { pass: true, seen: 'provides no APIs' };
  const bad = apis.filter((a) => !a.exists || !a.hasDefinition || !DEFINITION_TYPES.includes(String(a.type).toLowerCase()));
  if (bad.length === 0) return { pass: true, seen: `every provided API (${apis.length}) has a definition` };
  const a = bad[0];
  const why = !a.exists
    ? 'is not in the catalog'
    : !a.hasDefinition
      ? 'has no definition'
      : `has type ${codeSpan(String(a.type))}, not one of ${DEFINITION_TYPES.join(', ')}`;
  return { pass: false, seen: `API ${codeSpan(a.ref)} ${why}${bad.length > 1 ? ` (and ${bad.length - 1} more)` : ''}` };
}

const DAY = 86_400_000;

function docsCheck(check: { docs: (typeof DOCS_CHECKS)[number]; days?: number }, facts: EntityFacts, now: Date): CheckOutcome {
  const ref = (facts.body.metadata?.annotations as Record<string, unknown> | undefined)?.['backstage.io/techdocs-ref'];
  if (typeof ref !== 'string' || !ref) return { pass: false, seen: 'no `backstage.io/techdocs-ref` annotation: docs are not configured' };
  if (check.docs === 'configured') return { pass: true, seen: `docs configured (${codeSpan(ref)})` };
  const docs = facts.docs;
  if (!docs || !docs.builtAt)
    return {
      pass: false,
      seen: docs?.failure ? `the docs could not be built: ${plainText(docs.failure)}` : 'the docs have not been built yet',
    };
  if (check.docs === 'buildOk') {
    if (docs.failure) return { pass: false, seen: `the last docs build failed: ${plainText(docs.failure)}` };
    return docs.problemCount
      ? { pass: false, seen: `the docs build has ${docs.problemCount} problem${docs.problemCount === 1 ? '' : 's'}` }
      : { pass: true, seen: 'the docs build is clean' };
  }
  if (!docs.sourceChangedAt) return { pass: false, seen: 'when the docs last changed is unknown' };
  const age = Math.floor((now.getTime() - Date.parse(docs.sourceChangedAt)) / DAY);
  return {
    pass: age <= check.days!,
    seen: `docs last changed ${age} day${age === 1 ? '' : 's'} ago (${docs.sourceChangedAt.slice(0, 10)}); expected within ${check.days}`,
  };
}

function repositoryCheck(
  check: { repository: (typeof REPOSITORY_CHECKS)[number]; atLeast?: number; olderThanDays?: number },
  facts: EntityFacts,
  now: Date,
): CheckOutcome {
  const repo = facts.repository;
  if (!repo)
    return {
      pass: false,
      seen: 'the entity does not come from a GitHub repository (no `github.com/project-slug` annotation or GitHub source)',
    };
  const f = repo.facts;
  if (!f)
    return {
      pass: false,
      seen: repo.error
        ? `repository ${codeSpan(repo.name)} could not be read: ${repo.error}`
        : `repository ${codeSpan(repo.name)} has not been read yet`,
    };
  const has = (ok: boolean, yes: string, no: string): CheckOutcome => ({ pass: ok, seen: ok ? yes : no });
  switch (check.repository) {
    case 'catalogInfoAtRoot':
      return has(f.catalogInfoAtRoot, '`catalog-info.yaml` is at the repository root', 'no `catalog-info.yaml` at the repository root');
    case 'codeowners':
      return has(f.codeowners, 'a CODEOWNERS file is present', 'no CODEOWNERS file (looked in the root, `.github/` and `docs/`)');
    case 'readme':
      return has(f.readme, 'a README is present', 'no README at the repository root');
    case 'techdocsFiles':
      return has(
        f.mkdocs && f.docsFolder,
        '`mkdocs.yml` and `docs/` are present',
        `${f.mkdocs ? '' : 'no `mkdocs.yml`'}${!f.mkdocs && !f.docsFolder ? ' and ' : ''}${f.docsFolder ? '' : 'no `docs/` folder'} at the repository root`,
      );
    case 'defaultBranchProtected':
      return has(f.branchProtected, 'the default branch is protected', 'the default branch is not protected');
    case 'requiredReviews': {
      const need = check.atLeast ?? 1;
      return {
        pass: f.requiredReviews >= need,
        seen: `${f.requiredReviews} approving review${f.requiredReviews === 1 ? '' : 's'} required on the default branch; expected at least ${need}`,
      };
    }
    case 'ciWorkflow':
      return has(
        f.workflowFiles.length > 0,
        `CI workflow${f.workflowFiles.length === 1 ? '' : 's'} ${f.workflowFiles.map(codeSpan).join(', ')}`,
        'no workflow file in `.github/workflows/`',
      );
    case 'ciGreen': {
      const run = f.latestRun;
      if (!run) return { pass: false, seen: 'no workflow run on the default branch yet' };
      const state = run.status === 'completed' ? (run.conclusion ?? 'unknown') : run.status;
      return {
        pass: run.status === 'completed' && run.conclusion === 'success',
        seen: `latest default-branch run of ${codeSpan(run.name)} is ${codeSpan(state)} (${run.at.slice(0, 10)})`,
      };
    }
    case 'dependencyPrs': {
      const limit = check.olderThanDays!;
      const old = f.dependencyPrs.filter((p) => (now.getTime() - Date.parse(p.createdAt)) / DAY > limit);
      return old.length === 0
        ? { pass: true, seen: `no Dependabot/Renovate pull request open longer than ${limit} days (${f.dependencyPrs.length} open)` }
        : {
            pass: false,
            seen: `${old.length} Dependabot/Renovate pull request${old.length === 1 ? '' : 's'} open longer than ${limit} days, e.g. #${old[0].number} "${plainText(old[0].title)}"`,
          };
    }
  }
}
