import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import type { RecordAccess } from '@/lib/auth/guard';
import type { Actor } from '@/lib/auth/permissions';
import { ownershipRefsOf } from '@/lib/auth/resolve';
import { can } from '@/lib/auth/permissions';
import { kindRefusedBy } from '@/lib/catalog';
import { getConfig } from '@/lib/config/load-config';
import { catalogEntityOf, LOCATION_ANNOTATIONS, parseEntityRef, stringifyEntityRef, type Entity } from '@/lib/catalog/model';
import { specInWrittenOrder } from '@/lib/scaffolder/template-cards';
import { getPrisma } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { ACTIONS } from './actions/index';
import { readTemplate, type TemplateDefinition } from './model/template';
import type { ExpressionContext } from './runner/execute';
import { isUuid } from '@/lib/db/uuid';

// Reads for the Create pages, the task pages and the REST API.

/** A Template entity of the catalog, ready to run; NOT_FOUND when absent or not a template. */
export async function loadTemplate(templateRef: string): Promise<TemplateDefinition & { owner: string | null }> {
  let ref: string;
  try {
    ref = stringifyEntityRef(parseEntityRef(templateRef, { defaultKind: 'template' }));
  } catch (err) {
    throw new AppError('BAD_REQUEST', `templateRef: ${(err as Error).message}`);
  }
  const prisma = await getPrisma();
  const row = await prisma.entity.findUnique({
    where: { ref },
    select: { body: true, rawYaml: true, owner: true, kind: true, locationId: true },
  });
  if (!row || row.kind !== 'Template') throw new AppError('NOT_FOUND', `no template ${ref} in the catalog`);
  // A template made in the portal while catalog.rules allowed it there (or before they were applied
  // to the portal) runs only as long as they still do: its steps act with the portal's credentials.
  if (!row.locationId && kindRefusedBy(getConfig().catalog.rules, 'Template'))
    throw new AppError(
      'FORBIDDEN',
      `template ${ref} was made in the portal, and catalog.rules no longer allow a Template there; an admin can move it into a location of wayfinder.config.yaml whose rules allow it`,
    );
  const body = catalogEntityOf(row.body);
  // fetch:* reads a template's files beside its managed-by-location: believed only when the catalog
  // wrote it (an entity read from a location), never as a portal-made template's author claims it.
  const annotations = Object.entries(body.metadata.annotations ?? {}).filter(
    ([key]) => row.locationId || !(LOCATION_ANNOTATIONS as readonly string[]).includes(key),
  );
  // The author's key order is the form's field order; the stored jsonb body does not keep it.
  const entity: Entity = {
    ...body,
    metadata: { ...body.metadata, annotations: body.metadata.annotations && Object.fromEntries(annotations) },
    spec: specInWrittenOrder(row.rawYaml, body.spec),
  };
  const { template, issues } = readTemplate(entity, new Set(ACTIONS.keys()));
  if (!template)
    throw new AppError('UNPROCESSABLE', `template ${ref} cannot run: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return { ...template, owner: row.owner };
}

export type TaskSummary = {
  id: string;
  templateRef: string;
  templateTitle: string;
  /** The template's owner in the catalog now (whose leads see its runs); null when it is gone. */
  templateOwner: string | null;
  status: string;
  createdBy: string;
  userRef: string | null;
  createdAt: string;
  completedAt: string | null;
};

/** Who may see a task: its creator, admins, and leads of the group that owns its template. */
function canSeeTask(actor: Actor, task: { createdBy: string; templateOwner: string | null }): boolean {
  return (
    task.createdBy === actor.id ||
    can(actor, 'scaffolder.task.read-all') ||
    (task.templateOwner !== null && actor.leadOf.includes(task.templateOwner))
  );
}

/**
 * Who may cancel or retry a task: its creator and admins (a template owner's leads see the task,
 * but do not act on someone else's run).
 */
export function canActOnTask(actor: Actor, task: { createdBy: string }): boolean {
  return task.createdBy === actor.id || can(actor, 'scaffolder.task.read-all');
}

/**
 * Who the signed-in person is in the catalog, for the run form's OwnedEntityPicker and
 * MyGroupsPicker: their User entity and, as Backstage's ownershipEntityRefs, it and the groups it
 * is a member of. None for someone signed in without a User entity.
 */
export async function pickerIdentity(actor: Pick<Actor, 'userRef'>): Promise<{ userRef: string | null; ownershipRefs: string[] }> {
  return { userRef: actor.userRef ?? null, ownershipRefs: await ownershipRefsOf(actor) };
}

/** Who sees every run of a template: admins and the leads of the group that owns it. */
export function canSeeTemplateRuns(actor: Actor, templateOwner: string | null): boolean {
  return can(actor, 'scaffolder.task.read-all') || (templateOwner !== null && actor.leadOf.includes(templateOwner));
}

async function templateOwner(templateRef: string): Promise<string | null> {
  const prisma = await getPrisma();
  return (await prisma.entity.findUnique({ where: { ref: templateRef }, select: { owner: true } }))?.owner ?? null;
}

export async function getTask(actor: Actor, id: string) {
  if (!isUuid(id)) throw new AppError('NOT_FOUND', 'no such task');
  const prisma = await getPrisma();
  const task = await prisma.scaffolderTask.findUnique({
    where: { id },
    select: {
      id: true,
      templateRef: true,
      template: true,
      values: true,
      secretNames: true,
      status: true,
      createdBy: true,
      userRef: true,
      createdAt: true,
      startedAt: true,
      completedAt: true,
      output: true,
      cancelRequested: true,
      steps: { orderBy: { position: 'asc' } },
    },
  });
  if (!task || !canSeeTask(actor, { createdBy: task.createdBy, templateOwner: await templateOwner(task.templateRef) }))
    throw new AppError('NOT_FOUND', 'no such task');
  return task;
}

/**
 * A task as the record an action or route names (lib/auth/guard.ts): reading it needs canSeeTask,
 * anything else canActOnTask. Someone else's task is "not found", as it is everywhere else.
 */
export function taskRecord(id: string): RecordAccess<{ id: string; createdBy: string; templateRef: string }> {
  return {
    target: `task:${id}`,
    missing: 'no such task',
    load: async () =>
      isUuid(id)
        ? (await getPrisma()).scaffolderTask.findUnique({ where: { id }, select: { id: true, createdBy: true, templateRef: true } })
        : null,
    check: async (actor, permission, task) => {
      const allowed =
        permission === 'catalog.read'
          ? canSeeTask(actor, { createdBy: task.createdBy, templateOwner: await templateOwner(task.templateRef) })
          : canActOnTask(actor, task);
      if (!allowed) throw new AppError('NOT_FOUND', 'no such task');
    },
  };
}

/** Backstage's `order` fields (`?order=desc:created_at`), by the column each sorts. */
export const TASK_ORDER_FIELDS = { created_at: 'createdAt', status: 'status', created_by: 'userRef' } as const;
export type TaskOrder = { field: keyof typeof TASK_ORDER_FIELDS; direction: 'asc' | 'desc' };

export type TaskFilter = {
  /** `visible`: every task the actor may see (theirs; runs of templates their groups own, for leads; all, for admins). */
  scope: 'mine' | 'template' | 'all' | 'visible';
  templateRef?: string;
  /** For `all` and `visible`: tasks created by any of these (a creator's id `user:<id>` or catalog ref). */
  createdBy?: string[];
  status?: string[];
  order?: TaskOrder[];
  /** At most 500 (default 100). */
  limit?: number;
  offset?: number;
};

/** The tasks canSeeTask lets the actor see, as a filter. */
async function visibleTasks(actor: Actor): Promise<Prisma.ScaffolderTaskWhereInput> {
  if (can(actor, 'scaffolder.task.read-all')) return {};
  // Explicit `leadOf.length ? … : []`: an undefined filter would match every template.
  const owned = actor.leadOf.length
    ? await (await getPrisma()).entity.findMany({ where: { kind: 'Template', owner: { in: actor.leadOf } }, select: { ref: true } })
    : [];
  return { OR: [{ createdBy: actor.id }, ...(owned.length ? [{ templateRef: { in: owned.map((t) => t.ref) } }] : [])] };
}

/** Task history: mine, one template's (its owners' leads and admins), or all (admins); `total` counts every match. */
export async function listTasks(actor: Actor, filter: TaskFilter): Promise<{ tasks: TaskSummary[]; total: number }> {
  const prisma = await getPrisma();
  let where: Prisma.ScaffolderTaskWhereInput = {};
  if (filter.scope === 'mine') where = { createdBy: actor.id };
  else if (filter.scope === 'template') {
    if (!filter.templateRef) throw new AppError('BAD_REQUEST', 'templateRef is required for the template scope');
    if (!canSeeTemplateRuns(actor, await templateOwner(filter.templateRef)))
      throw new AppError('FORBIDDEN', "only the template owner's leads and admins see every run of a template");
    where = { templateRef: filter.templateRef };
  } else {
    if (filter.scope === 'all' && !can(actor, 'scaffolder.task.read-all')) throw new AppError('FORBIDDEN', 'only admins see every task');
    if (filter.scope === 'visible') where = await visibleTasks(actor);
    // By the creator's id (user:<id>) or catalog ref (user:default/jane), as Backstage's ?createdBy= gives it.
    if (filter.createdBy?.length)
      where = { AND: [where, { OR: [{ createdBy: { in: filter.createdBy } }, { userRef: { in: filter.createdBy } }] }] };
  }
  if (filter.status?.length) where = { AND: [where, { status: { in: filter.status } }] };
  const orderBy: Prisma.ScaffolderTaskOrderByWithRelationInput[] = [
    ...(filter.order?.length ? filter.order.map((o) => ({ [TASK_ORDER_FIELDS[o.field]]: o.direction })) : [{ createdAt: 'desc' as const }]),
    // Pages follow one another without gaps or repeats among tasks created in the same instant.
    { id: 'asc' },
  ];
  const [rows, total] = await Promise.all([
    prisma.scaffolderTask.findMany({
      where,
      orderBy,
      take: Math.min(filter.limit ?? 100, 500),
      skip: filter.offset ?? 0,
      select: {
        id: true,
        templateRef: true,
        template: true,
        status: true,
        createdBy: true,
        userRef: true,
        createdAt: true,
        completedAt: true,
      },
    }),
    prisma.scaffolderTask.count({ where }),
  ]);
  const templates = await prisma.entity.findMany({
    where: { ref: { in: [...new Set(rows.map((r) => r.templateRef))] } },
    select: { ref: true, owner: true },
  });
  const ownerOf = new Map(templates.map((t) => [t.ref, t.owner]));
  const tasks = rows.map((r) => ({
    id: r.id,
    templateRef: r.templateRef,
    templateTitle: templateTitleOf(r.template),
    templateOwner: ownerOf.get(r.templateRef) ?? null,
    status: r.status,
    createdBy: r.createdBy,
    userRef: r.userRef,
    createdAt: r.createdAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
  }));
  return { tasks, total };
}

export type TaskEventRow = {
  id: number;
  taskId: string;
  type: string;
  stepId: string | null;
  level: string;
  message: string;
  createdAt: string;
};

/** Events after `after` (an event id), in order. Access is checked by the caller (getTask). */
export async function listTaskEvents(taskId: string, after = 0): Promise<TaskEventRow[]> {
  const prisma = await getPrisma();
  const rows = await prisma.scaffolderTaskEvent.findMany({
    where: { taskId, id: { gt: BigInt(after) } },
    orderBy: { id: 'asc' },
    take: 2_000,
  });
  return rows.map((r) => ({
    id: Number(r.id),
    taskId: r.taskId,
    type: r.type,
    stepId: r.stepId,
    level: r.level,
    message: r.message,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Every catalog template's YAML as written, for the template editor. */
export async function listTemplateSources(): Promise<{ ref: string; yaml: string }[]> {
  const prisma = await getPrisma();
  const rows = await prisma.entity.findMany({ where: { kind: 'Template' }, select: { ref: true, rawYaml: true }, orderBy: { ref: 'asc' } });
  return rows.map((r) => ({ ref: r.ref, yaml: r.rawYaml }));
}

/** The `user` of a template's expressions: the person's ref and their catalog User entity. */
export async function userContext(userRef: string | null): Promise<ExpressionContext['user']> {
  if (!userRef) return {};
  const prisma = await getPrisma();
  const row = await prisma.entity.findUnique({ where: { ref: userRef }, select: { body: true } });
  return { ref: userRef, entity: row ? catalogEntityOf(row.body) : undefined };
}

function templateTitleOf(template: Prisma.JsonValue): string {
  const { metadata } = catalogEntityOf(template);
  return metadata.title ?? metadata.name;
}
