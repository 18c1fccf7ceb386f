import 'server-only';
import { catalogEntityOf, type Entity } from '@/lib/catalog/model';
import { formatLinks } from '@/lib/catalog/managed-entity-form';
import { getPrisma } from '@/lib/db/client';

// Reads for ownership editing: the form's initial values, the pending pull request,
// and the audit trail (one entity's history; the whole log for admins).

export type EditFormState = {
  entityRef: string;
  values: { owner: string; system: string; lifecycle: string; description: string; tags: string; links: string };
  /** Where saving goes: a pull request, a local file, or the portal's own copy. */
  target: 'pull-request' | 'file' | 'portal' | 'none';
};

export async function getEditFormState(ref: string): Promise<EditFormState | null> {
  const prisma = await getPrisma();
  const row = await prisma.entity.findUnique({ where: { ref: ref.toLowerCase() }, select: { ref: true, body: true, locationId: true } });
  if (!row) return null;
  const body = catalogEntityOf(row.body);
  const spec = body.spec;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const managedBy = body.metadata.annotations?.['backstage.io/managed-by-location'];
  return {
    entityRef: row.ref,
    values: {
      owner: str(spec.owner),
      system: str(spec.system),
      lifecycle: str(spec.lifecycle),
      description: str(body.metadata.description),
      tags: (body.metadata.tags ?? []).join(', '),
      links: formatLinks(body.metadata.links),
    },
    target: editTargetOf(row.locationId, managedBy),
  };
}

/** Where an ownership edit of an entity goes, from its location and managed-by-location annotation. */
export function editTargetOf(locationId: string | null, managedBy: string | undefined): EditFormState['target'] {
  if (!locationId) return 'portal';
  if (managedBy?.startsWith('url:')) return 'pull-request';
  if (managedBy?.startsWith('file:')) return 'file';
  return 'none';
}

// Kinds whose spec has an owner: the ones the Edit ownership form applies to.
const OWNED_KINDS = new Set(['component', 'api', 'resource', 'system', 'domain', 'template']);

/** Whether an entity gets the Edit ownership form: an owned kind whose descriptor a PR or a file rewrite can change. */
export function offersOwnershipEdit(kind: string, target: EditFormState['target']): boolean {
  return OWNED_KINDS.has(kind.toLowerCase()) && (target === 'pull-request' || target === 'file');
}

/** The descriptor file's address in its repository (an http(s) `url:` location), else null. */
export function descriptorUrlOf(managedBy: string | undefined): string | null {
  if (!managedBy?.startsWith('url:')) return null;
  try {
    const url = new URL(managedBy.slice('url:'.length));
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    // Not a URL: nothing to link to.
    return null;
  }
}

/** The entity's current links as stored (with icon and type, which the form does not show). */
export async function getEntityLinks(ref: string): Promise<Entity['metadata']['links']> {
  const prisma = await getPrisma();
  const row = await prisma.entity.findUnique({ where: { ref: ref.toLowerCase() }, select: { body: true } });
  return row ? (catalogEntityOf(row.body).metadata.links ?? []) : [];
}

export type PendingChangeSummary = { prNumber: number; prUrl: string; repository: string; actor: string; createdAt: string };

export async function getOpenPendingChange(ref: string): Promise<PendingChangeSummary | null> {
  const prisma = await getPrisma();
  const row = await prisma.pendingChange.findFirst({
    where: { entityRef: ref.toLowerCase(), status: 'open' },
    orderBy: { createdAt: 'desc' },
  });
  return row
    ? { prNumber: row.prNumber, prUrl: row.prUrl, repository: row.repository, actor: row.actor, createdAt: row.createdAt.toISOString() }
    : null;
}

export type AuditEntry = {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  prUrl: string | null;
  /** Other details, for entries that are not field changes (location moved, …). */
  note: string | null;
};

function toEntry(row: { id: string; at: Date; actor: string; action: string; target: string | null; details: unknown }): AuditEntry {
  const d = (row.details ?? {}) as Record<string, unknown>;
  const obj = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
  const rest = Object.fromEntries(Object.entries(d).filter(([k]) => !['before', 'after', 'prUrl', 'prNumber', 'repository'].includes(k)));
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    target: row.target,
    before: obj(d.before),
    after: obj(d.after),
    prUrl: typeof d.prUrl === 'string' ? d.prUrl : null,
    note: Object.keys(rest).length ? JSON.stringify(rest) : null,
  };
}

export async function listEntityHistory(ref: string, take = 100): Promise<AuditEntry[]> {
  const prisma = await getPrisma();
  const rows = await prisma.auditLog.findMany({ where: { target: ref.toLowerCase() }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take });
  return rows.map(toEntry);
}

const AUDIT_PAGE_SIZE = 50;

export async function listAuditLog(page: number): Promise<{ entries: AuditEntry[]; total: number; page: number; pages: number }> {
  const prisma = await getPrisma();
  const total = await prisma.auditLog.count();
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const rows = await prisma.auditLog.findMany({
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    skip: (current - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
  });
  return { entries: rows.map(toEntry), total, page: current, pages };
}
