// Well-known relations, always stored in both directions.
// Spec: https://backstage.io/docs/features/software-catalog/well-known-relations
// Field → relation mapping and default kinds follow Backstage's BuiltinKindsEntityProcessor.

import type { Entity, ValidationIssue } from './entity';
import { findKnownKind } from './kinds';
import { DEFAULT_NAMESPACE, parseEntityRef, stringifyEntityRef } from './refs';

export const RELATION_OWNED_BY = 'ownedBy';
export const RELATION_OWNER_OF = 'ownerOf';
export const RELATION_PART_OF = 'partOf';
export const RELATION_HAS_PART = 'hasPart';
export const RELATION_PROVIDES_API = 'providesApi';
export const RELATION_API_PROVIDED_BY = 'apiProvidedBy';
export const RELATION_CONSUMES_API = 'consumesApi';
export const RELATION_API_CONSUMED_BY = 'apiConsumedBy';
export const RELATION_DEPENDS_ON = 'dependsOn';
export const RELATION_DEPENDENCY_OF = 'dependencyOf';
export const RELATION_MEMBER_OF = 'memberOf';
export const RELATION_HAS_MEMBER = 'hasMember';
export const RELATION_PARENT_OF = 'parentOf';
export const RELATION_CHILD_OF = 'childOf';

/** Each pair is [relation, inverse]; the inverse of the inverse is the relation. */
export const RELATION_PAIRS = [
  [RELATION_OWNED_BY, RELATION_OWNER_OF],
  [RELATION_PART_OF, RELATION_HAS_PART],
  [RELATION_PROVIDES_API, RELATION_API_PROVIDED_BY],
  [RELATION_CONSUMES_API, RELATION_API_CONSUMED_BY],
  [RELATION_DEPENDS_ON, RELATION_DEPENDENCY_OF],
  [RELATION_MEMBER_OF, RELATION_HAS_MEMBER],
  [RELATION_PARENT_OF, RELATION_CHILD_OF],
] as const;

export type RelationType = (typeof RELATION_PAIRS)[number][number];

export type DerivedRelation = {
  sourceRef: string;
  type: string;
  targetRef: string;
};

/** Returns the inverse relation type, or undefined for a type outside the known pairs. */
export function inverseRelation(type: string): RelationType | undefined {
  for (const [a, b] of RELATION_PAIRS) {
    if (a === type) return b;
    if (b === type) return a;
  }
  return undefined;
}

type FieldRelation = {
  field: string;
  defaultKind: string;
  type: RelationType;
  inverse: RelationType;
};

const OWNER: FieldRelation = { field: 'owner', defaultKind: 'Group', type: RELATION_OWNED_BY, inverse: RELATION_OWNER_OF };
const SYSTEM: FieldRelation = { field: 'system', defaultKind: 'System', type: RELATION_PART_OF, inverse: RELATION_HAS_PART };
const DEPENDS_ON: FieldRelation = {
  field: 'dependsOn',
  defaultKind: 'Component',
  type: RELATION_DEPENDS_ON,
  inverse: RELATION_DEPENDENCY_OF,
};
const DEPENDENCY_OF: FieldRelation = {
  field: 'dependencyOf',
  defaultKind: 'Component',
  type: RELATION_DEPENDENCY_OF,
  inverse: RELATION_DEPENDS_ON,
};

const FIELDS_BY_KIND: Record<string, FieldRelation[]> = {
  Component: [
    OWNER,
    SYSTEM,
    { field: 'subcomponentOf', defaultKind: 'Component', type: RELATION_PART_OF, inverse: RELATION_HAS_PART },
    { field: 'providesApis', defaultKind: 'API', type: RELATION_PROVIDES_API, inverse: RELATION_API_PROVIDED_BY },
    { field: 'consumesApis', defaultKind: 'API', type: RELATION_CONSUMES_API, inverse: RELATION_API_CONSUMED_BY },
    DEPENDS_ON,
    DEPENDENCY_OF,
  ],
  API: [OWNER, SYSTEM],
  Resource: [OWNER, SYSTEM, DEPENDS_ON, DEPENDENCY_OF],
  System: [OWNER, { field: 'domain', defaultKind: 'Domain', type: RELATION_PART_OF, inverse: RELATION_HAS_PART }],
  Domain: [OWNER, { field: 'subdomainOf', defaultKind: 'Domain', type: RELATION_PART_OF, inverse: RELATION_HAS_PART }],
  Group: [
    { field: 'parent', defaultKind: 'Group', type: RELATION_CHILD_OF, inverse: RELATION_PARENT_OF },
    { field: 'children', defaultKind: 'Group', type: RELATION_PARENT_OF, inverse: RELATION_CHILD_OF },
    { field: 'members', defaultKind: 'User', type: RELATION_HAS_MEMBER, inverse: RELATION_MEMBER_OF },
  ],
  User: [{ field: 'memberOf', defaultKind: 'Group', type: RELATION_MEMBER_OF, inverse: RELATION_HAS_MEMBER }],
  Template: [OWNER],
  Location: [],
};

/**
 * Derives every relation an entity declares in its spec, in both directions, with refs
 * in canonical form. Targets default to the entity's own namespace and to the field's
 * default kind. Unparseable refs are skipped and reported as problems rather than thrown,
 * so one bad ref does not drop the entity's other relations.
 */
export function deriveRelations(entity: Entity): { relations: DerivedRelation[]; problems: ValidationIssue[] } {
  const relations: DerivedRelation[] = [];
  const problems: ValidationIssue[] = [];
  const kind = typeof entity?.kind === 'string' ? findKnownKind(entity.kind) : undefined;
  const name = entity?.metadata?.name;
  if (!kind || typeof name !== 'string' || !name) return { relations, problems };
  const namespace =
    typeof entity.metadata.namespace === 'string' && entity.metadata.namespace ? entity.metadata.namespace : DEFAULT_NAMESPACE;
  const selfRef = stringifyEntityRef({ kind, namespace, name });
  const spec = entity.spec ?? {};
  const seen = new Set<string>();
  const add = (sourceRef: string, type: string, targetRef: string) => {
    const key = `${sourceRef}\u0000${type}\u0000${targetRef}`;
    if (seen.has(key)) return;
    seen.add(key);
    relations.push({ sourceRef, type, targetRef });
  };

  for (const rel of FIELDS_BY_KIND[kind] ?? []) {
    const value = spec[rel.field];
    if (value === undefined || value === null) continue;
    const items = Array.isArray(value) ? value.map((v, i) => [v, i] as const) : [[value, undefined] as const];
    for (const [raw, index] of items) {
      const path = index === undefined ? ['spec', rel.field] : ['spec', rel.field, index];
      const label = index === undefined ? `spec.${rel.field}` : `spec.${rel.field}[${index}]`;
      if (typeof raw !== 'string') {
        problems.push({ path, message: `${label} must be an entity ref string, e.g. "${rel.defaultKind.toLowerCase()}:name"` });
        continue;
      }
      try {
        const target = parseEntityRef(raw, { defaultKind: rel.defaultKind, defaultNamespace: namespace });
        const targetRef = stringifyEntityRef(target);
        add(selfRef, rel.type, targetRef);
        add(targetRef, rel.inverse, selfRef);
      } catch (error) {
        problems.push({ path, message: `${label} is not a valid entity ref: ${(error as Error).message}` });
      }
    }
  }
  return { relations, problems };
}
