import { z } from 'zod';
import { isValidKind, isValidNamespace, isValidObjectName, isValidTag, OBJECT_NAME_RULE, parseEntityRef } from '@/lib/catalog/model';
import { parseLinks, parseTags } from '@/lib/catalog/managed-entity-form';
import type { EntityPatch } from './apply-edit';

// The "Edit ownership" form: what the client sends, checked field by field with messages that say
// what to fix. Backstage's ref parser is lenient (any name), so refs are checked against the naming
// rules here: a descriptor must never get an owner such as "Not A Valid Ref!!".

/** Why a ref written in a descriptor field is unusable, or null when it is fine. */
function refProblem(value: string, defaultKind: string): string | null {
  let ref;
  try {
    ref = parseEntityRef(value, { defaultKind, defaultNamespace: 'default' });
  } catch (err) {
    return (err as Error).message;
  }
  if (!isValidKind(ref.kind)) return `"${value}" has an invalid kind "${ref.kind}"`;
  if (!isValidNamespace(ref.namespace)) return `"${value}" has an invalid namespace "${ref.namespace}"`;
  if (!isValidObjectName(ref.name)) {
    return `"${value}" is not a valid entity ref: the name must be ${OBJECT_NAME_RULE}, e.g. team-payments`;
  }
  return null;
}

const refField = (defaultKind: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .superRefine((value, ctx) => {
      if (!value) return;
      const problem = refProblem(value, defaultKind);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

export const entityEditSchema = z.object({
  entityRef: z.string().trim().toLowerCase().min(3, 'which entity?').max(600),
  owner: refField('Group', 255).refine((v) => v !== '', 'choose the group that owns this entity'),
  /** Empty: remove spec.system. */
  system: refField('System', 255).optional().default(''),
  lifecycle: z
    .string()
    .trim()
    .max(63, 'must be at most 63 characters')
    .optional()
    .default('')
    .refine(
      (v) => v === '' || /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(v),
      'a lifecycle is one word, e.g. production, experimental or deprecated',
    ),
  description: z.string().trim().max(2000, 'must be at most 2000 characters').optional().default(''),
  /** Comma separated. */
  tags: z
    .string()
    .max(1000, 'must be at most 1000 characters')
    .optional()
    .default('')
    .superRefine((value, ctx) => {
      const bad = parseTags(value).filter((t) => !isValidTag(t));
      if (bad.length)
        ctx.addIssue({
          code: 'custom',
          message: `${bad.map((t) => `"${t}"`).join(', ')}: a tag is lowercase letters, digits and dashes, e.g. java or payments`,
        });
    }),
  /** One link a line: `URL` or `URL Title`. */
  links: z
    .string()
    .max(5000, 'must be at most 5000 characters')
    .optional()
    .default('')
    .superRefine((value, ctx) => {
      for (const link of parseLinks(value)) {
        if (!URL.canParse(link.url) || !/^https?:$/.test(new URL(link.url).protocol)) {
          ctx.addIssue({ code: 'custom', message: `"${link.url}" is not an http(s) URL` });
        }
      }
    }),
});

export type EntityEditFields = z.infer<typeof entityEditSchema>;

/**
 * The patch the form asks for. The form always sends every field; `current` (the entity's links
 * as stored) lets links keep fields the form does not show (icon, type) when their URL is kept.
 */
export function patchOfFields(fields: EntityEditFields, currentLinks: EntityPatch['links'] = []): EntityPatch {
  const links = parseLinks(fields.links).map((l) => {
    const kept = currentLinks.find((c) => c.url === l.url);
    return kept ? { ...kept, title: l.title } : l;
  });
  return {
    owner: fields.owner,
    system: fields.system || null,
    lifecycle: fields.lifecycle || undefined,
    description: fields.description || null,
    tags: parseTags(fields.tags),
    links,
  };
}

/** Problems of a patch given to the lib function directly (the form's schema checks the same). */
export function patchProblems(patch: EntityPatch): string[] {
  const problems: string[] = [];
  if (patch.owner !== undefined) {
    const p = patch.owner ? refProblem(patch.owner, 'Group') : 'an entity needs an owner';
    if (p) problems.push(`owner: ${p}`);
  }
  if (patch.system) {
    const p = refProblem(patch.system, 'System');
    if (p) problems.push(`system: ${p}`);
  }
  for (const tag of patch.tags ?? [])
    if (!isValidTag(tag)) problems.push(`tags: "${tag}" is not a valid tag (lowercase letters, digits and dashes)`);
  return problems;
}
