import { z } from 'zod';
import { parseDescriptorFile, stringifyEntityRef, type DescriptorError, type Entity } from '@/lib/catalog/model';

// scaffolder.backstage.io/v1beta3 Template entities, read for running: parameters (JSON Schema
// pages), steps (action, input, if, each) and output.
// https://backstage.io/docs/features/software-templates/writing-templates

const TEMPLATE_API_VERSION = 'scaffolder.backstage.io/v1beta3';

const jsonObject = z.record(z.string(), z.unknown());

// Backstage's schema takes any string as a step id; `steps['fetch.base'].output` reads one with a
// dot. These three names no expression may read (nunjitsu refuses them everywhere, and so does the
// sandbox), and `__proto__` as a key of the steps object would replace its prototype.
const RESERVED_STEP_IDS = ['constructor', 'prototype', '__proto__'];

const templateStepSchema = z
  .object({
    id: z
      .string()
      .superRefine((id, ctx) => {
        if (RESERVED_STEP_IDS.includes(id))
          ctx.addIssue({ code: 'custom', message: `step id "${id}" is a reserved name that expressions cannot read; choose another id` });
      })
      .optional(),
    name: z.string().optional(),
    action: z.string().min(1, 'every step needs an action, e.g. fetch:template'),
    input: jsonObject.optional(),
    if: z.union([z.string(), z.boolean()]).optional(),
    each: z.union([z.string(), z.array(z.unknown())]).optional(),
  })
  .passthrough();

// Backstage's spec.presentation: the run form's button labels.
const presentationSchema = z
  .object({
    buttonLabels: z.object({ backButtonText: z.string(), createButtonText: z.string(), reviewButtonText: z.string() }).partial().optional(),
  })
  .passthrough();

const templateSpecSchema = z
  .object({
    type: z.string().optional(),
    owner: z.string().optional(),
    parameters: z.union([jsonObject, z.array(jsonObject)]).optional(),
    steps: z.array(templateStepSchema).default([]),
    output: jsonObject.optional(),
    // Read by buttonLabelsOf; labels that are not text are left out, not an error.
    presentation: z.unknown().optional(),
    EXPERIMENTAL_formDecorators: z.unknown().optional(),
    // Backstage's spec.secrets.schema: a JSON Schema the secrets of a new run or a retry must meet.
    secrets: z.object({ schema: jsonObject.optional() }).passthrough().optional(),
  })
  .passthrough();

export type TemplateStep = z.infer<typeof templateStepSchema> & { id: string };
export type TemplateSpec = Omit<z.infer<typeof templateSpecSchema>, 'steps' | 'parameters'> & {
  steps: TemplateStep[];
  /** Always a list of pages. */
  parameters: Record<string, unknown>[];
  secrets?: { schema?: Record<string, unknown> };
};

export type TemplateDefinition = {
  ref: string;
  name: string;
  namespace: string;
  title: string;
  description: string | null;
  spec: TemplateSpec;
  entity: Entity;
};

/**
 * A step whose action this portal does not have (a Backstage plugin's, e.g. publish:gitlab or
 * fetch:cookiecutter): the template runs only once the step is replaced or removed.
 */
export function unknownActionMessage(action: string): string {
  return `this portal has no action "${action}" (Create → Installed actions, /create/actions, lists those it has): replace the step with one of them, or remove it`;
}

/** The labels a template gives the run form's Back, last Next (reviewButtonText) and Create buttons. */
export function buttonLabelsOf(spec: TemplateSpec): NonNullable<z.infer<typeof presentationSchema>['buttonLabels']> {
  return presentationSchema.safeParse(spec.presentation).data?.buttonLabels ?? {};
}

export type TemplateIssue = { path: (string | number)[]; message: string };

/** Checks a Template entity; issues carry the document path so callers can locate them. */
export function readTemplate(
  entity: Entity,
  knownActions?: ReadonlySet<string>,
): { template?: TemplateDefinition; issues: TemplateIssue[] } {
  const issues: TemplateIssue[] = [];
  if (entity.kind !== 'Template') issues.push({ path: ['kind'], message: `kind is ${entity.kind}; a template has kind Template` });
  if (entity.apiVersion !== TEMPLATE_API_VERSION) {
    issues.push({
      path: ['apiVersion'],
      message: `apiVersion ${entity.apiVersion} is not supported; use ${TEMPLATE_API_VERSION} (beta2 templates need their ${'{{ }}'} expressions rewritten to ${'${{ }}'})`,
    });
  }
  const parsed = templateSpecSchema.safeParse(entity.spec ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      issues.push({ path: ['spec', ...(issue.path as (string | number)[])], message: issue.message });
    return { issues };
  }
  const seen = new Set<string>();
  const steps = parsed.data.steps.map((step, i) => {
    const id = step.id ?? `step-${i + 1}`;
    if (seen.has(id)) issues.push({ path: ['spec', 'steps', i, 'id'], message: `step id "${id}" is used twice; step ids must be unique` });
    seen.add(id);
    if (knownActions && !knownActions.has(step.action)) {
      issues.push({
        path: ['spec', 'steps', i, 'action'],
        message: unknownActionMessage(step.action),
      });
    }
    return { ...step, id };
  });
  const parameters =
    parsed.data.parameters === undefined ? [] : Array.isArray(parsed.data.parameters) ? parsed.data.parameters : [parsed.data.parameters];
  if (issues.length) return { issues };
  const namespace = entity.metadata.namespace ?? 'default';
  return {
    issues,
    template: {
      ref: stringifyEntityRef({ kind: 'template', namespace, name: entity.metadata.name }),
      name: entity.metadata.name,
      namespace,
      title: entity.metadata.title ?? entity.metadata.name,
      description: entity.metadata.description ?? null,
      spec: { ...parsed.data, steps, parameters },
      entity,
    },
  };
}

/**
 * Parses template YAML as pasted into the editor or sent to the dry-run API: YAML, entity and
 * template errors, each at file:line:column.
 */
export function parseTemplateYaml(
  text: string,
  file: string,
  knownActions?: ReadonlySet<string>,
): { template?: TemplateDefinition; errors: DescriptorError[] } {
  const result = parseDescriptorFile(text, file);
  if (result.errors.length) return { errors: result.errors };
  const docs = result.documents.filter((d) => d.entity);
  if (docs.length !== 1) {
    return {
      errors: [
        {
          file,
          line: 1,
          column: 1,
          code: 'invalid-entity',
          message: `expected exactly one Template document, found ${docs.length} at ${file}:1:1`,
        },
      ],
    };
  }
  const doc = docs[0];
  const { template, issues } = readTemplate(doc.entity!, knownActions);
  const errors = issues.map((issue): DescriptorError => {
    const pos = doc.positionOf(issue.path);
    return {
      file,
      line: pos.line,
      column: pos.column,
      code: 'invalid-entity',
      message: `${issue.message} at ${file}:${pos.line}:${pos.column}`,
    };
  });
  return errors.length ? { errors } : { template, errors };
}
