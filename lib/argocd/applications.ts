import 'server-only';
import { z } from 'zod';
import { getConfig } from '@/lib/config/load-config';

// An entity's Argo CD applications (Roadie's Argo CD plugin, which Backstage users have): found by
// the entity's `argocd/app-name` (or `argocd/app-selector`, a label selector) on each configured
// instance (argocd.appLocatorMethods[].instances[], the same config the scaffolder's
// argocd:create-resources uses), or only on `argocd/instance-name`. Read live from Argo CD's REST API
// (GET /api/v1/applications/{name}, /api/v1/applications?selector=) with the instance's token, which
// never leaves the server.

const ARGOCD_APP_NAME = 'argocd/app-name';
const ARGOCD_APP_SELECTOR = 'argocd/app-selector';
const ARGOCD_INSTANCE = 'argocd/instance-name';

const TIMEOUT_MS = 5_000;
const HISTORY = 5;

export type ArgoApplication = {
  instance: string;
  name: string;
  /** The application in Argo CD's UI. */
  url: string;
  sync: string;
  health: string;
  healthMessage: string | null;
  revision: string | null;
  lastSynced: string | null;
  destination: string | null;
  /** Deployments, newest first (the last few). */
  history: { id: number; revision: string; deployedAt: string }[];
};

type ArgoLookup = { applications: ArgoApplication[]; notFoundOn: string[]; errors: { instance: string; error: string }[] };

// What is read of an Application (argoproj.io/v1alpha1); everything else is ignored.
const applicationSchema = z.object({
  metadata: z.object({ name: z.string() }),
  spec: z
    .object({
      destination: z.object({ namespace: z.string().optional(), server: z.string().optional(), name: z.string().optional() }).optional(),
    })
    .optional(),
  status: z
    .object({
      sync: z.object({ status: z.string(), revision: z.string().optional() }).optional(),
      health: z.object({ status: z.string().optional(), message: z.string().optional() }).optional(),
      operationState: z.object({ finishedAt: z.string().optional() }).optional(),
      reconciledAt: z.string().optional(),
      history: z.array(z.object({ id: z.number(), revision: z.string().optional(), deployedAt: z.string() })).optional(),
    })
    .optional(),
});
const listSchema = z.object({ items: z.array(applicationSchema).nullable().optional() });

/** The configured Argo CD instances (argocd.appLocatorMethods[].instances[]); none: no Argo CD to show or deploy to. */
export function argoInstances() {
  return getConfig().argocd.appLocatorMethods.flatMap((m) => m.instances);
}

/** What a 401 or 403 from an instance means, and what to fix. */
export function argoTokenRefused(instance: string, status: number): string {
  return `Argo CD ${instance} refused the token (HTTP ${status}): check argocd.appLocatorMethods[].instances[].token`;
}

/** Which applications an entity names, from its annotations; null when it names none. */
export function argoTargetOf(
  annotations: Record<string, string> | undefined,
): { name?: string; selector?: string; instance?: string } | null {
  const name = annotations?.[ARGOCD_APP_NAME]?.trim();
  const selector = annotations?.[ARGOCD_APP_SELECTOR]?.trim();
  if (!name && !selector) return null;
  return {
    ...(name ? { name } : { selector }),
    ...(annotations?.[ARGOCD_INSTANCE] ? { instance: annotations[ARGOCD_INSTANCE].trim() } : {}),
  };
}

function summarize(instance: { name: string; url: string }, app: z.infer<typeof applicationSchema>): ArgoApplication {
  const status = app.status ?? {};
  const dest = app.spec?.destination;
  return {
    instance: instance.name,
    name: app.metadata.name,
    url: `${instance.url.replace(/\/$/, '')}/applications/${encodeURIComponent(app.metadata.name)}`,
    sync: status.sync?.status ?? 'Unknown',
    health: status.health?.status ?? 'Unknown',
    healthMessage: status.health?.message ?? null,
    revision: status.sync?.revision ?? null,
    lastSynced: status.operationState?.finishedAt ?? status.history?.at(-1)?.deployedAt ?? null,
    destination: dest ? [dest.name ?? dest.server, dest.namespace].filter(Boolean).join(' / ') || null : null,
    history: (status.history ?? [])
      .slice(-HISTORY)
      .reverse()
      .map((h) => ({ id: h.id, revision: h.revision ?? '', deployedAt: h.deployedAt })),
  };
}

/** The entity's applications on every instance that has them; an instance that fails says why. */
export async function findArgoApplications(target: { name?: string; selector?: string; instance?: string }): Promise<ArgoLookup> {
  const instances = argoInstances().filter((i) => !target.instance || i.name === target.instance);
  const lookup: ArgoLookup = { applications: [], notFoundOn: [], errors: [] };
  if (target.instance && instances.length === 0) {
    lookup.errors.push({
      instance: target.instance,
      error: `no Argo CD instance named "${target.instance}" is configured (argocd.appLocatorMethods[].instances[] in wayfinder.config.yaml)`,
    });
    return lookup;
  }
  await Promise.all(
    instances.map(async (instance) => {
      const base = instance.url.replace(/\/$/, '');
      const path = target.name
        ? `/api/v1/applications/${encodeURIComponent(target.name)}`
        : `/api/v1/applications?selector=${encodeURIComponent(target.selector ?? '')}`;
      let res: Response;
      try {
        res = await fetch(`${base}${path}`, {
          headers: { authorization: `Bearer ${instance.token}`, accept: 'application/json' },
          redirect: 'manual',
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch (err) {
        lookup.errors.push({
          instance: instance.name,
          error: `Argo CD ${instance.name} (${base}) could not be reached: ${(err as Error).message}`,
        });
        return;
      }
      if (res.status === 404) {
        lookup.notFoundOn.push(instance.name);
        return;
      }
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) {
        const error =
          res.status === 401 || res.status === 403
            ? argoTokenRefused(instance.name, res.status)
            : `Argo CD ${instance.name} answered HTTP ${res.status}${(body as { message?: unknown } | null)?.message ? `: ${String((body as { message: unknown }).message).slice(0, 200)}` : ''}`;
        lookup.errors.push({ instance: instance.name, error });
        return;
      }
      const parsed = target.name ? applicationSchema.safeParse(body) : listSchema.safeParse(body);
      if (!parsed.success) {
        lookup.errors.push({
          instance: instance.name,
          error: `Argo CD ${instance.name} answered with something that is not an application`,
        });
        return;
      }
      const apps = 'items' in parsed.data ? (parsed.data.items ?? []) : [parsed.data as z.infer<typeof applicationSchema>];
      if (apps.length === 0) lookup.notFoundOn.push(instance.name);
      for (const app of apps) lookup.applications.push(summarize(instance, app));
    }),
  );
  const order = (name: string) => instances.findIndex((i) => i.name === name);
  lookup.applications.sort((a, b) => order(a.instance) - order(b.instance) || a.name.localeCompare(b.name));
  lookup.notFoundOn.sort((a, b) => order(a) - order(b));
  return lookup;
}
