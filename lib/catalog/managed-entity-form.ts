import { z } from 'zod';
import type { DocumentPath, Entity, EntityLink } from '@/lib/catalog/model/entity';
import { ruleFor } from '@/lib/catalog/model/kinds';
import { validateEntity } from '@/lib/catalog/model/validation';

// The structured form for portal-managed entities: a few well-known fields that are assembled into
// a Backstage descriptor on the server. Validation reuses the catalog's own validator, so a form
// accepts exactly what a catalog-info.yaml would, and each issue is reported next to its field.

export const MANAGED_KINDS = ['Component', 'API', 'Resource', 'System', 'Domain', 'Group', 'User'] as const;
export type ManagedKind = (typeof MANAGED_KINDS)[number];

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).optional().default('');

export const entityFieldsShape = {
  kind: z.enum(MANAGED_KINDS, { message: `pick one of ${MANAGED_KINDS.join(', ')}` }),
  name: z.string().trim().min(1, 'give the entity a name, e.g. orders-service').max(63, 'must be at most 63 characters'),
  namespace: text(63),
  title: text(200),
  description: text(2000),
  type: text(63),
  lifecycle: text(63),
  owner: text(255),
  system: text(255),
  /** Comma separated. */
  tags: text(1000),
  /** One link a line: `URL` or `URL Title`. */
  links: text(5000),
  /** API only: the definition text (e.g. an OpenAPI document). */
  definition: text(500_000),
};

export type EntityFields = z.infer<z.ZodObject<typeof entityFieldsShape>>;

/** A form of the given kind with every field empty but those given. */
export function blankEntityFields(kind: ManagedKind, fields: Partial<EntityFields> = {}): EntityFields {
  return {
    kind,
    name: '',
    namespace: '',
    title: '',
    description: '',
    type: '',
    lifecycle: '',
    owner: '',
    system: '',
    tags: '',
    links: '',
    definition: '',
    ...fields,
  };
}

const FIELD_OF_PATH: Record<string, keyof EntityFields> = {
  kind: 'kind',
  'metadata.name': 'name',
  'metadata.namespace': 'namespace',
  'metadata.title': 'title',
  'metadata.description': 'description',
  'metadata.tags': 'tags',
  'metadata.links': 'links',
  'spec.type': 'type',
  'spec.lifecycle': 'lifecycle',
  'spec.owner': 'owner',
  'spec.system': 'system',
  'spec.definition': 'definition',
};

/** The form field a validation issue belongs to, or undefined for issues of the whole entity. */
export function fieldOfPath(path: DocumentPath): keyof EntityFields | undefined {
  for (let n = Math.min(path.length, 2); n > 0; n--) {
    const field = FIELD_OF_PATH[path.slice(0, n).join('.')];
    if (field) return field;
  }
  return undefined;
}

export function parseTags(tags: string): string[] {
  return tags
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

export function parseLinks(links: string): EntityLink[] {
  return links
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [url, ...title] = line.split(/\s+/);
      return title.length ? { url, title: title.join(' ') } : { url };
    });
}

export function formatLinks(links: EntityLink[] | undefined): string {
  return (links ?? []).map((l) => (l.title ? `${l.url} ${l.title}` : l.url)).join('\n');
}

/** The spec fields the form has inputs for; which of them a kind shows comes from the kind rules. */
const SPEC_FIELDS = ['type', 'lifecycle', 'owner', 'system', 'definition'] as const;
export type SpecField = (typeof SPEC_FIELDS)[number];

/** The form's spec fields of a kind, each required or optional as the catalog's kind rules say. */
export function specFieldsOf(kind: ManagedKind): Partial<Record<SpecField, 'required' | 'optional'>> {
  const rule = ruleFor(kind);
  const out: Partial<Record<SpecField, 'required' | 'optional'>> = {};
  for (const field of SPEC_FIELDS) {
    if (rule && field in rule.required) out[field] = 'required';
    else if (rule && field in rule.optional) out[field] = 'optional';
  }
  return out;
}

/**
 * The descriptor the fields describe. `base` is the entity being edited: fields the form does not
 * show (annotations, labels, providesApis, members, …) are kept from it; shown fields left empty are
 * removed.
 */
export function buildDescriptor(fields: EntityFields, base?: Entity): Entity {
  const metadata: Entity['metadata'] = { ...(base?.metadata ?? {}), name: fields.name };
  delete metadata.uid;
  delete metadata.etag;
  const setOrDrop = <T extends object>(obj: T, key: string, value: unknown) => {
    const o = obj as Record<string, unknown>;
    if (value === '' || value === undefined || (Array.isArray(value) && value.length === 0)) delete o[key];
    else o[key] = value;
  };
  setOrDrop(metadata, 'namespace', fields.namespace || (base ? metadata.namespace : ''));
  setOrDrop(metadata, 'title', fields.title);
  setOrDrop(metadata, 'description', fields.description);
  setOrDrop(metadata, 'tags', parseTags(fields.tags));
  setOrDrop(metadata, 'links', parseLinks(fields.links));

  const spec: Record<string, unknown> = { ...(base?.spec ?? {}) };
  const shown = specFieldsOf(fields.kind);
  // Only the fields the kind has: a value typed for another kind is not written, and a field the
  // form does not show for this kind keeps what the descriptor had.
  for (const key of SPEC_FIELDS) if (shown[key]) setOrDrop(spec, key, fields[key]);
  // Required lists the form has no input for (a Group's children, a User's memberOf): start empty,
  // since Backstage requires them present.
  for (const [key, rule] of Object.entries(ruleFor(fields.kind)?.required ?? {})) if (rule === 'string[]') spec[key] ??= [];

  return {
    apiVersion: base?.apiVersion ?? 'backstage.io/v1alpha1',
    kind: fields.kind,
    metadata: ordered(metadata, METADATA_ORDER),
    spec: ordered(spec, SPEC_ORDER),
  };
}

// Stored bodies come back from jsonb with keys reordered; write descriptors in the usual order.
const METADATA_ORDER = ['name', 'namespace', 'title', 'description', 'labels', 'annotations', 'tags', 'links'];
const SPEC_ORDER = ['type', 'lifecycle', 'owner', 'system'];

function ordered<T extends Record<string, unknown>>(obj: T, first: string[]): T {
  const out: Record<string, unknown> = {};
  for (const k of first) if (k in obj) out[k] = obj[k];
  for (const [k, v] of Object.entries(obj)) if (!(k in out)) out[k] = v;
  return out as T;
}

/** Validation issues of the fields, keyed by form field ('_' for the whole entity). */
export function validateEntityFields(fields: EntityFields): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of validateEntity(buildDescriptor(fields))) {
    (errors[fieldOfPath(issue.path) ?? '_'] ??= []).push(issue.message);
  }
  // The catalog takes any string as a link's url, but a line the form reads as "wiki.example.com
  // Wiki" was meant as a link and would show as a title that leads nowhere: a url has a scheme.
  for (const { url } of parseLinks(fields.links)) {
    if (!URL.canParse(url)) (errors.links ??= []).push(`"${url}" is not a full URL: start it with https://`);
  }
  return errors;
}

/** The form's fields for an existing entity (the edit form's initial values). */
export function fieldsOfEntity(entity: Entity): EntityFields {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const kind = MANAGED_KINDS.find((k) => k.toLowerCase() === entity.kind.toLowerCase()) ?? 'Component';
  return {
    kind,
    name: entity.metadata.name,
    namespace: entity.metadata.namespace ?? 'default',
    title: str(entity.metadata.title),
    description: str(entity.metadata.description),
    type: str(spec.type),
    lifecycle: str(spec.lifecycle),
    owner: str(spec.owner),
    system: str(spec.system),
    tags: (entity.metadata.tags ?? []).join(', '),
    links: formatLinks(entity.metadata.links),
    definition: str(spec.definition),
  };
}
