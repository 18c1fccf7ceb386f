import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import { catalogEntityOf, parseDescriptorFile, parseEntityRef, stringifyEntityRef, tryParseEntityRef } from '@/lib/catalog/model';
import { fileReadBoundOf } from '@/lib/catalog/ingest/ingest-location';
import { readBoundedFile } from '@/lib/catalog/ingest/read-sources';
import { refreshEntity, saveManagedEntity } from '@/lib/catalog/mutations';
import { getPrisma } from '@/lib/db/client';
import type { Prisma } from '@/generated/prisma/client';
import { actorLabel, recordAudit, recordRefusal } from '@/lib/auth/audit';
import { AppError } from '@/lib/errors';
import { integrationForUrl } from '@/lib/github/integrations';
import { applyEntityEdit, ownerInDescriptor, type EntityEditResult, type EntityPatch, type FieldChange } from './apply-edit';
import { openEditPullRequest, readGithubDescriptor } from './github-change';
import { patchProblems } from './schema';

// Editing ownership and metadata of one entity, wherever its descriptor lives:
// - a file in a GitHub repository (managed-by-location `url:` on an integration host): a pull request;
// - a local file (`file:`): the file is rewritten and its location re-read at once;
// - a portal-managed entity (no location): saved directly.
// Every path edits the YAML through the Document API (comments and layout stay), validates the
// edited document as ingestion would before writing anything, and writes an audit row.

/** Who asks: the parts of the auth Actor this module needs. */
export type EditActor = { id: string; name: string; login?: string | null; userRef?: string | null };

export type EditOutcome =
  | { status: 'pull-request'; prNumber: number; prUrl: string; changes: FieldChange[] }
  | { status: 'updated'; changes: FieldChange[] }
  | { status: 'unchanged'; changes: [] };

const MANAGED_BY_LOCATION = 'backstage.io/managed-by-location';

function detailsOf(changes: FieldChange[], extra: Record<string, string | number> = {}): Prisma.InputJsonObject {
  // Field values are YAML scalars, lists and link objects: JSON already.
  const json = (v: unknown) => (v ?? null) as Prisma.InputJsonValue | null;
  return {
    before: Object.fromEntries(changes.map((c) => [c.field, json(c.before)])),
    after: Object.fromEntries(changes.map((c) => [c.field, json(c.after)])),
    ...extra,
  };
}

/** The edited document must be a valid entity with the same ref; otherwise nothing is written. */
function assertValidEdit(edit: EntityEditResult, ref: string, file: string): void {
  const parsed = parseDescriptorFile(edit.text, file);
  const doc = parsed.documents[edit.documentIndex];
  if (!doc || doc.errors.length || !doc.entity) {
    const errors = doc?.errors.length ? doc.errors : parsed.errors;
    throw new AppError(
      'UNPROCESSABLE',
      `the change would make the descriptor invalid, so nothing was written: ${errors.map((e) => e.message).join('; ') || 'the document is not an entity'}`,
    );
  }
  if (doc.ref !== ref) throw new AppError('UNPROCESSABLE', `the edit would turn ${ref} into ${doc.ref}; nothing was written`);
}

/** Owner and system must be entities the catalog knows (the form offers them from pickers). */
async function assertTargetsExist(patch: EntityPatch, namespace: string): Promise<void> {
  const prisma = await getPrisma();
  const check = async (value: string, defaultKind: string, kinds: string[], label: string) => {
    const ref = stringifyEntityRef(parseEntityRef(value, { defaultKind, defaultNamespace: namespace }));
    if (!kinds.some((k) => ref.startsWith(`${k.toLowerCase()}:`)))
      throw new AppError('UNPROCESSABLE', `${label} must be a ${kinds.join(' or ')}, not ${ref}`);
    const found = await prisma.entity.findUnique({ where: { ref }, select: { ref: true } });
    if (!found) throw new AppError('UNPROCESSABLE', `${label} ${ref} is not in the catalog; pick one from the list`);
  };
  if (patch.owner) await check(patch.owner, 'Group', ['Group', 'User'], 'the owner');
  if (patch.system) await check(patch.system, 'System', ['System'], 'the system');
}

/**
 * editEntityAction checked the actor against the owner the catalog stored (its last read of the
 * source); the edit goes to the descriptor as the source holds it now. When the source has given
 * the entity to another owner since, that owner's leads were never asked: refuse (and record the
 * refusal) until a refresh brings the new owner into the catalog, where the check can see it.
 */
async function assertOwnerAsStored(
  text: string,
  row: { ref: string; namespace: string; owner: string | null },
  source: string,
  actor: EditActor,
): Promise<void> {
  const written = ownerInDescriptor(text, row.ref);
  // Normalised as ingestion stores Entity.owner (entity-row.ts).
  const parsed = typeof written === 'string' ? tryParseEntityRef(written, { defaultKind: 'Group', defaultNamespace: row.namespace }) : null;
  const current = parsed ? stringifyEntityRef(parsed) : null;
  if (current === row.owner) return;
  const message = `${source} now gives ${row.ref} to ${current ?? 'no owner'}, not ${row.owner ?? 'no owner'} as the catalog last read it, so nothing was changed; refresh ${row.ref} and try again`;
  await recordRefusal(actor, 'editEntity', message, row.ref);
  throw new AppError('CONFLICT', message);
}

/**
 * Applies `patch` to the entity `ref`. Authorization is the caller's (editEntityAction asks
 * authorizeEntity first). Throws AppError with a message that says what to fix.
 */
export async function editEntity(ref: string, patch: EntityPatch, actor: EditActor): Promise<EditOutcome> {
  const entityRef = ref.toLowerCase();
  const problems = patchProblems(patch);
  if (problems.length) throw new AppError('UNPROCESSABLE', problems.join('\n'));

  const prisma = await getPrisma();
  const row = await prisma.entity.findUnique({
    where: { ref: entityRef },
    select: { ref: true, name: true, namespace: true, owner: true, body: true, rawYaml: true, locationId: true },
  });
  if (!row) throw new AppError('NOT_FOUND', `${entityRef} is not in the catalog`);
  await assertTargetsExist(patch, row.namespace);

  const pending = await prisma.pendingChange.findFirst({ where: { entityRef, status: 'open' }, orderBy: { createdAt: 'desc' } });
  if (pending)
    throw new AppError(
      'CONFLICT',
      `a change of ${entityRef} is already waiting in pull request #${pending.prNumber} (${pending.prUrl}); merge or close it first`,
    );

  const managedBy = catalogEntityOf(row.body).metadata.annotations?.[MANAGED_BY_LOCATION];
  const by = actorLabel(actor);

  if (!row.locationId) {
    const edit = applyEntityEdit(row.rawYaml, entityRef, patch);
    if (!edit.changes.length) return { status: 'unchanged', changes: [] };
    assertValidEdit(edit, entityRef, 'descriptor.yaml');
    await saveManagedEntity(edit.text, entityRef);
    await recordAudit(by, { action: 'entity.changed', target: entityRef, details: detailsOf(edit.changes, { source: 'portal' }) });
    return { status: 'updated', changes: edit.changes };
  }

  if (managedBy?.startsWith('url:')) {
    const url = managedBy.slice('url:'.length);
    const integration = integrationForUrl(url);
    if (!integration) throw new AppError('CONFLICT', `${entityRef} comes from ${url}, which no GitHub integration serves; change it there`);
    const file = await readGithubDescriptor(url);
    await assertOwnerAsStored(file.text, row, url, actor);
    const edit = applyEntityEdit(file.text, entityRef, patch);
    if (!edit.changes.length) return { status: 'unchanged', changes: [] };
    assertValidEdit(edit, entityRef, file.path);
    const pr = await openEditPullRequest(integration, file, edit, {
      entityRef,
      entityName: row.name,
      requestedBy: actor.name === by ? by : `${actor.name} (${by})`,
    });
    await prisma.$transaction(async (tx) => {
      await tx.pendingChange.create({
        data: { entityRef, repository: pr.repository, prNumber: pr.number, prUrl: pr.url, branch: pr.branch, status: 'open', actor: by },
      });
      await recordAudit(
        by,
        {
          action: 'entity.change-requested',
          target: entityRef,
          details: detailsOf(edit.changes, { prUrl: pr.url, prNumber: pr.number, repository: pr.repository }),
        },
        tx,
      );
    });
    return { status: 'pull-request', prNumber: pr.number, prUrl: pr.url, changes: edit.changes };
  }

  if (managedBy?.startsWith('file:')) {
    const file = path.resolve(managedBy.slice('file:'.length));
    // Read as ingestion reads the location (by real path inside catalog.fileLocationRoots when it was
    // registered through the API or UI): a link swapped in since must not lead the edit outside.
    const within = await fileReadBoundOf(row.locationId);
    const text = await readBoundedFile(file, { within }).catch((err: Error) => {
      throw new AppError('CONFLICT', `cannot read the descriptor of ${entityRef}: ${err.message}`);
    });
    await assertOwnerAsStored(text, row, file, actor);
    const edit = applyEntityEdit(text, entityRef, patch);
    if (!edit.changes.length) return { status: 'unchanged', changes: [] };
    assertValidEdit(edit, entityRef, file);
    // Write beside and rename: a reader never sees half a file.
    const tmp = `${file}.wayfinder-${process.pid}-${Date.now()}`;
    await fs.writeFile(tmp, edit.text);
    await fs.rename(tmp, file);
    await refreshEntity(entityRef);
    await recordAudit(by, { action: 'entity.changed', target: entityRef, details: detailsOf(edit.changes, { file }) });
    return { status: 'updated', changes: edit.changes };
  }

  throw new AppError(
    'CONFLICT',
    `${entityRef} comes from ${managedBy ?? 'a source'} that has no descriptor file to edit (e.g. a GitHub organisation sync); change it at its source`,
  );
}
