// Per-kind spec rules for the built-in Backstage kinds.
// Spec: https://backstage.io/docs/features/software-catalog/descriptor-format
// Templates: https://backstage.io/docs/features/software-templates/writing-templates
// Rules are a table rather than zod schemas so each failure maps to one message that
// names the field and the kind, and the path points at the offending YAML node.

import type { CatalogEntity, DocumentPath, Entity, EntityKind, EntityOfKind, EntitySpecs, ValidationIssue } from './entity';

type FieldRule =
  | 'string' // non-empty string, usually an entity ref or an enum-like word
  | 'string[]' // list of non-empty strings
  | 'object'
  | 'definition' // string, or a $text/$json/$yaml placeholder resolved later
  | 'parameters' // JSON-Schema object or list of them
  | 'steps'
  | 'presence';

type RequiredKeys<T> = { [F in keyof T]-?: object extends Pick<T, F> ? never : F }[keyof T];
type OptionalKeys<T> = Exclude<keyof T, RequiredKeys<T>>;

export type KindRule = {
  kind: EntityKind;
  apiVersions: readonly string[];
  required: Record<string, FieldRule>;
  optional: Record<string, FieldRule>;
  /** Extra cross-field rule (e.g. Location needs target or targets). */
  check?: (spec: Record<string, unknown>) => ValidationIssue[];
};

/** One kind's rules: its field lists must name exactly the fields of that kind's spec type. */
type RuleOf<K extends EntityKind> = Omit<KindRule, 'kind' | 'required' | 'optional'> & {
  kind: K;
  required: Record<RequiredKeys<EntitySpecs[K]>, FieldRule>;
  optional: Record<OptionalKeys<EntitySpecs[K]>, FieldRule>;
};

const CORE_API_VERSIONS = ['backstage.io/v1alpha1', 'backstage.io/v1beta1'] as const;
const TEMPLATE_API_VERSIONS = ['scaffolder.backstage.io/v1beta3'] as const;

const RULES: { [K in EntityKind]: RuleOf<K> } = {
  Component: {
    kind: 'Component',
    apiVersions: CORE_API_VERSIONS,
    required: { type: 'string', lifecycle: 'string', owner: 'string' },
    optional: {
      system: 'string',
      subcomponentOf: 'string',
      providesApis: 'string[]',
      consumesApis: 'string[]',
      dependsOn: 'string[]',
      dependencyOf: 'string[]',
    },
  },
  API: {
    kind: 'API',
    apiVersions: CORE_API_VERSIONS,
    required: { type: 'string', lifecycle: 'string', owner: 'string', definition: 'definition' },
    optional: { system: 'string' },
  },
  Resource: {
    kind: 'Resource',
    apiVersions: CORE_API_VERSIONS,
    required: { type: 'string', owner: 'string' },
    optional: { dependsOn: 'string[]', dependencyOf: 'string[]', system: 'string' },
  },
  System: {
    kind: 'System',
    apiVersions: CORE_API_VERSIONS,
    required: { owner: 'string' },
    optional: { domain: 'string', type: 'string' },
  },
  Domain: {
    kind: 'Domain',
    apiVersions: CORE_API_VERSIONS,
    required: { owner: 'string' },
    optional: { subdomainOf: 'string', type: 'string' },
  },
  Group: {
    kind: 'Group',
    apiVersions: CORE_API_VERSIONS,
    required: { type: 'string', children: 'string[]' },
    optional: { profile: 'object', parent: 'string', members: 'string[]' },
  },
  User: {
    kind: 'User',
    apiVersions: CORE_API_VERSIONS,
    required: { memberOf: 'string[]' },
    optional: { profile: 'object' },
  },
  Location: {
    kind: 'Location',
    apiVersions: CORE_API_VERSIONS,
    required: {},
    optional: { type: 'string', target: 'string', targets: 'string[]', presence: 'presence' },
    check: (spec) =>
      spec.target === undefined && spec.targets === undefined
        ? [{ path: ['spec', 'target'], message: 'spec.target or spec.targets is required for kind Location' }]
        : [],
  },
  Template: {
    kind: 'Template',
    apiVersions: TEMPLATE_API_VERSIONS,
    // Backstage's Template.v1beta3 schema requires only type and steps: a template may have no form.
    required: { type: 'string', steps: 'steps' },
    optional: { parameters: 'parameters', owner: 'string', output: 'object' },
  },
};

/** The rules of every built-in kind: what the validator checks and what the entity form shows. */
export const KIND_RULES: readonly KindRule[] = Object.values(RULES);

export const KNOWN_KINDS: readonly EntityKind[] = KIND_RULES.map((r) => r.kind);

/** Returns the properly cased kind name ("component" → "Component"), or undefined. */
export function findKnownKind(kind: string): EntityKind | undefined {
  return ruleFor(kind)?.kind;
}

/** The rules of a kind, found case-insensitively as Backstage compares kinds. */
export function ruleFor(kind: string): KindRule | undefined {
  const lower = kind.toLowerCase();
  return KIND_RULES.find((r) => r.kind.toLowerCase() === lower);
}

/** Narrows an entity to its kind; stored entities carry the cased kind ("Group"), see toEntityRow. */
export function isEntityOfKind<K extends EntityKind>(entity: Entity | CatalogEntity, kind: K): entity is EntityOfKind<K> {
  return entity.kind === kind;
}

/**
 * A stored entity body (validated when it was ingested) as the kind union. Checks the envelope and
 * the kind, not every spec field again: a body that fails is a bug in what wrote it, so it throws.
 */
export function catalogEntityOf(body: unknown): CatalogEntity {
  const e = body as Partial<Entity> | null;
  if (!isObject(e) || typeof e.apiVersion !== 'string' || !isObject(e.metadata) || typeof e.metadata.name !== 'string') {
    throw new Error('stored entity body is not an entity envelope');
  }
  if (!KNOWN_KINDS.includes(e.kind as EntityKind) || !isObject(e.spec ?? {})) {
    throw new Error(`stored entity ${String(e.kind)}:${e.metadata.name} has an unknown kind or a spec that is not an object`);
  }
  return (e.spec ? e : { ...e, spec: {} }) as CatalogEntity;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

const PLACEHOLDER_KEYS = ['$text', '$json', '$yaml'];

function isPlaceholder(value: unknown): boolean {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && PLACEHOLDER_KEYS.includes(keys[0]) && typeof value[keys[0]] === 'string';
}

function checkField(field: string, rule: FieldRule, value: unknown): ValidationIssue[] {
  const path: DocumentPath = ['spec', field];
  const label = `spec.${field}`;
  const one = (message: string, at: DocumentPath = path): ValidationIssue[] => [{ path: at, message }];
  switch (rule) {
    case 'string':
      return isNonEmptyString(value) ? [] : one(`${label} must be a non-empty string`);
    case 'string[]': {
      if (!Array.isArray(value)) return one(`${label} must be a list of strings`);
      return value.flatMap((item, i) => (isNonEmptyString(item) ? [] : one(`${label}[${i}] must be a non-empty string`, [...path, i])));
    }
    case 'object':
      return isObject(value) ? [] : one(`${label} must be an object`);
    case 'definition':
      return isNonEmptyString(value) || isPlaceholder(value)
        ? []
        : one(`${label} must be a string or a $text/$json/$yaml substitution, e.g. { $text: ./openapi.yaml }`);
    case 'parameters':
      if (Array.isArray(value)) {
        return value.flatMap((item, i) => (isObject(item) ? [] : one(`${label}[${i}] must be an object (a JSON Schema)`, [...path, i])));
      }
      return isObject(value) ? [] : one(`${label} must be an object or a list of objects (JSON Schema)`);
    case 'steps':
      if (!Array.isArray(value)) return one(`${label} must be a list of steps`);
      return value.flatMap((step, i) => {
        if (!isObject(step)) return one(`${label}[${i}] must be an object with an action`, [...path, i]);
        return isNonEmptyString(step.action) ? [] : one(`${label}[${i}].action is required, e.g. fetch:template`, [...path, i, 'action']);
      });
    case 'presence':
      return value === 'required' || value === 'optional' ? [] : one(`${label} must be "required" or "optional"`);
  }
}

/**
 * Validates apiVersion and spec for an entity whose envelope is already known to have
 * string kind/apiVersion. Unknown kinds are reported, not silently accepted, so a typo
 * ("Servic") shows up where the author can fix it.
 */
export function validateKindSpec(apiVersion: string, kind: string, spec: unknown): ValidationIssue[] {
  const rule = ruleFor(kind);
  if (!rule) {
    return [
      {
        path: ['kind'],
        message: `kind "${kind}" is not a known kind; expected one of ${KNOWN_KINDS.join(', ')}`,
      },
    ];
  }
  const issues: ValidationIssue[] = [];
  if (!rule.apiVersions.includes(apiVersion)) {
    issues.push({
      path: ['apiVersion'],
      message: `apiVersion "${apiVersion}" is not valid for kind ${rule.kind}; expected ${rule.apiVersions.join(' or ')}`,
    });
  }
  // A non-object spec is reported by the envelope check; still list the required fields
  // as missing so the author sees everything to fix at once.
  const fields = isObject(spec) ? spec : {};
  for (const [field, fieldRule] of Object.entries(rule.required)) {
    if (fields[field] === undefined || fields[field] === null) {
      issues.push({ path: ['spec', field], message: `spec.${field} is required for kind ${rule.kind}` });
    } else {
      issues.push(...checkField(field, fieldRule, fields[field]));
    }
  }
  for (const [field, fieldRule] of Object.entries(rule.optional)) {
    if (fields[field] !== undefined && fields[field] !== null) {
      issues.push(...checkField(field, fieldRule, fields[field]));
    }
  }
  if (rule.check) issues.push(...rule.check(fields));
  return issues;
}
