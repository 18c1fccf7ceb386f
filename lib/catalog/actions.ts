'use server';

import { revalidatePath } from 'next/cache';
import { stringify } from 'yaml';
import { z } from 'zod';
import { entityHref } from '@/lib/catalog/entity-href';
import type { IngestSummary } from '@/lib/catalog/ingest/ingest-location';
import { previewLocation, registerLocation, unregisterLocation } from '@/lib/catalog/location-admin';
import { buildDescriptor, entityFieldsShape, validateEntityFields } from '@/lib/catalog/managed-entity-form';
import {
  deleteManagedEntity,
  refreshEntity,
  refreshLocation,
  saveManagedEntity,
  setCatalogKind,
  setStarred,
} from '@/lib/catalog/mutations';
import { getEditableEntity } from '@/lib/catalog/queries/managed';
import { recordAudit } from '@/lib/auth/audit';
import { entityRecord } from '@/lib/auth/records';
import { locationRef } from '@/lib/catalog/model/location-target';
import { AppError } from '@/lib/errors';
import { createAction } from '@/lib/auth/action';

// Thin server actions for catalog management: createAction authenticates, parses, loads the entity
// an action names and authorizes on it (and records refusals); the lib functions do the work; each
// action then records what it changed in the audit log and invalidates the pages that show it.

/** Pages that show catalog-wide data (counts, lists, problems). */
function revalidateCatalog(): void {
  for (const path of ['/', '/catalog', '/locations', '/problems', '/search', '/create', '/docs']) revalidatePath(path);
  revalidatePath('/locations/[id]', 'page');
}

function revalidateEntity(ref: string): void {
  revalidatePath(entityHref(ref));
  revalidatePath(entityHref(ref, '/edit'));
}

export type RefreshResult = { locations: number; added: number; updated: number; removed: number; unchanged: number; errors: number };

function totals(summaries: IngestSummary[]): RefreshResult {
  const sum = (k: keyof Omit<RefreshResult, 'locations'>) => summaries.reduce((n, s) => n + s[k], 0);
  return {
    locations: summaries.length,
    added: sum('added'),
    updated: sum('updated'),
    removed: sum('removed'),
    unchanged: sum('unchanged'),
    errors: sum('errors'),
  };
}

const locationInputSchema = z.object({
  type: z.enum(['file', 'url'], { message: 'choose "url" or "file"' }),
  target: z.string().trim().min(1, 'give the URL or path of a catalog-info.yaml').max(2000, 'must be at most 2000 characters'),
});

const locationIdSchema = z.object({ id: z.uuid('not a location id') });
const entityRefSchema = z.object({ entityRef: z.string().trim().min(3).max(600) });

/** What registering would add, and the errors it would report; writes nothing. */
export const previewLocationAction = createAction(
  { name: 'previewLocation', schema: locationInputSchema, access: 'catalog.location.create' },
  async (input) => {
    const preview = await previewLocation(input);
    // The client needs the list, not the entity bodies.
    return {
      ...preview,
      entities: preview.entities.map((e) => ({
        ref: e.ref,
        kind: e.kind,
        namespace: e.namespace,
        name: e.name,
        title: e.title,
        file: e.file,
        existsElsewhere: e.existsElsewhere,
      })),
    };
  },
);

export const registerLocationAction = createAction(
  { name: 'registerLocation', schema: locationInputSchema, access: 'catalog.location.create' },
  async (input, { actor }) => {
    const { id, location, summaries } = await registerLocation(input);
    await recordAudit(actor, { action: 'location.register', target: locationRef(location), details: { id, ...totals(summaries) } });
    revalidateCatalog();
    return { id, ...totals(summaries) };
  },
);

export const unregisterLocationAction = createAction(
  { name: 'unregisterLocation', schema: locationIdSchema, access: 'catalog.location.delete' },
  async ({ id }, { actor }) => {
    const removed = await unregisterLocation(id);
    await recordAudit(actor, { action: 'location.unregister', target: locationRef(removed), details: { id } });
    revalidateCatalog();
    revalidatePath('/catalog/[kind]/[namespace]/[name]', 'page');
    return { id };
  },
);

export const refreshLocationAction = createAction(
  { name: 'refreshLocation', schema: locationIdSchema, access: 'catalog.refresh' },
  async ({ id }, { actor }) => {
    const { location, summaries } = await refreshLocation(id);
    const result = totals(summaries);
    await recordAudit(actor, { action: 'location.refresh', target: locationRef(location), details: { id, ...result } });
    revalidateCatalog();
    revalidatePath('/catalog/[kind]/[namespace]/[name]', 'page');
    return result;
  },
);

export const refreshEntityAction = createAction(
  {
    name: 'refreshEntity',
    schema: entityRefSchema,
    access: ({ entityRef }) => ({ permission: 'catalog.refresh', record: entityRecord(entityRef) }),
  },
  async (_input, { actor, record }) => {
    const summaries = await refreshEntity(record.ref);
    await recordAudit(actor, { action: 'entity.refresh', target: record.ref, details: totals(summaries) });
    // A portal-managed entity has no source to re-read.
    if (summaries.length === 0) return { managed: true as const, ...totals(summaries) };
    revalidateCatalog();
    revalidatePath('/catalog/[kind]/[namespace]/[name]', 'page');
    return { managed: false as const, ...totals(summaries) };
  },
);

const expectedRefSchema = z.string().trim().toLowerCase().min(3).max(600).optional();

const saveEntitySchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('form'), expectedRef: expectedRefSchema, ...entityFieldsShape }).superRefine((fields, ctx) => {
    for (const [field, messages] of Object.entries(validateEntityFields(fields))) {
      // An empty name already has its own, friendlier message.
      if (field === 'name' && !fields.name) continue;
      for (const message of messages) ctx.addIssue({ code: 'custom', path: field === '_' ? [] : [field], message });
    }
  }),
  z.object({
    mode: z.literal('yaml'),
    expectedRef: expectedRefSchema,
    // Not trimmed: error positions must match the lines the user sees.
    yaml: z
      .string()
      .max(1_000_000, 'must be under 1 MB')
      .refine((s) => s.trim() !== '', 'paste the entity descriptor (one YAML document)'),
  }),
]);

/**
 * Creates (no expectedRef) or replaces (expectedRef) a portal-managed entity, from the structured
 * form (assembled into a descriptor here, keeping fields the form does not show) or from YAML.
 */
export const saveManagedEntityAction = createAction(
  {
    name: 'saveManagedEntity',
    schema: saveEntitySchema,
    access: (input) =>
      input.expectedRef
        ? { permission: 'catalog.entity.update', record: entityRecord(input.expectedRef) }
        : { permission: 'catalog.entity.create' },
  },
  async (input, { actor, record }) => {
    let yamlText: string;
    if (input.mode === 'yaml') {
      yamlText = input.yaml;
    } else {
      const existing = record ? await getEditableEntity(record.ref) : null;
      if (record && !existing) throw new AppError('NOT_FOUND', `${record.ref} no longer exists`);
      yamlText = stringify(buildDescriptor(input, existing?.body));
    }
    const { ref } = await saveManagedEntity(yamlText, record?.ref);
    await recordAudit(actor, {
      action: record ? 'entity.update' : 'entity.create',
      target: ref,
      details: { source: 'portal', mode: input.mode },
    });
    revalidateCatalog();
    revalidateEntity(ref);
    return { ref, href: entityHref(ref) };
  },
);

/** Remembers the kind the catalog list opens on for this person (its kind selector). */
export const rememberCatalogKindAction = createAction(
  {
    name: 'rememberCatalogKind',
    schema: z.object({
      kind: z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'not a kind'),
    }),
    access: 'catalog.read',
  },
  async ({ kind }, { actor }) => {
    await setCatalogKind(actor, kind);
    return { kind };
  },
);

/**
 * Stars or unstars an entity for this person. Starring needs the entity in the catalog; unstarring
 * does not (a star can outlive its entity, and the home page offers to remove it).
 */
export const starEntityAction = createAction(
  {
    name: 'starEntity',
    schema: entityRefSchema.extend({ starred: z.boolean() }),
    access: ({ entityRef, starred }) =>
      starred ? { permission: 'catalog.read', record: entityRecord(entityRef) } : { permission: 'catalog.read' },
  },
  async ({ entityRef, starred }, { actor, record }) => {
    const ref = record?.ref ?? entityRef.toLowerCase();
    await setStarred(actor, ref, starred);
    revalidatePath('/');
    revalidatePath('/catalog');
    revalidateEntity(ref);
    return { ref, starred };
  },
);

export const deleteManagedEntityAction = createAction(
  {
    name: 'deleteManagedEntity',
    schema: entityRefSchema,
    access: ({ entityRef }) => ({ permission: 'catalog.entity.delete', record: entityRecord(entityRef) }),
  },
  async (_input, { actor, record }) => {
    await deleteManagedEntity(record.ref);
    await recordAudit(actor, { action: 'entity.delete', target: record.ref, details: { source: 'portal' } });
    revalidateCatalog();
    revalidateEntity(record.ref);
    return { ref: record.ref };
  },
);
