import 'server-only';
import { z } from 'zod';
import { argoInstances, argoTokenRefused } from '@/lib/argocd/applications';
import { ActionError, defineAction } from './types';

// Roadie's argocd:create-resources (the action Backstage templates use for Argo CD): an AppProject
// and an Application through Argo CD's REST API, on an instance from
// argocd.appLocatorMethods[].instances[] (name, url, token).

const input = z.object({
  appName: z.string().min(1).describe('Name of the Argo CD application'),
  argoInstance: z.string().min(1).describe('Name of the Argo CD instance (argocd.appLocatorMethods[].instances[].name)'),
  namespace: z.string().min(1).describe('Kubernetes namespace to deploy to'),
  repoUrl: z.string().min(1).describe('Git repository the application syncs from'),
  path: z.string().min(1).describe('Path of the manifests or Helm chart in the repository'),
  labels: z.record(z.string(), z.string()).optional().describe('Labels of the application'),
  projectName: z.string().optional().describe('Argo CD project (default: appName)'),
  clusterServer: z.string().default('https://kubernetes.default.svc').describe('Destination cluster API server'),
});

export const argocdCreateResourcesAction = defineAction({
  id: 'argocd:create-resources',
  description: "Creates an Argo CD project and application (Roadie's inputs) that sync the new repository.",
  input,
  output: z.object({ applicationUrl: z.string() }),
  async handler(ctx) {
    const i = ctx.input;
    const instances = argoInstances();
    const instance = instances.find((x) => x.name === i.argoInstance);
    if (!instance) {
      throw new ActionError(
        `no Argo CD instance named "${i.argoInstance}"; configure it under argocd.appLocatorMethods[].instances[] in wayfinder.config.yaml (known: ${instances.map((x) => x.name).join(', ') || 'none'})`,
      );
    }
    const project = i.projectName ?? i.appName;
    const base = instance.url.replace(/\/$/, '');
    ctx.output('applicationUrl', `${base}/applications/${encodeURIComponent(i.appName)}`);
    const projectBody = {
      project: {
        metadata: { name: project },
        spec: { sourceRepos: [i.repoUrl], destinations: [{ namespace: i.namespace, server: i.clusterServer }] },
      },
    };
    const appBody = {
      metadata: { name: i.appName, labels: i.labels ?? {} },
      spec: {
        project,
        destination: { namespace: i.namespace, server: i.clusterServer },
        source: { repoURL: i.repoUrl, path: i.path, targetRevision: 'HEAD' },
        syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
      },
    };
    if (ctx.isDryRun) {
      ctx.logger.info(
        `Dry run: would create Argo CD project ${project} and application ${i.appName} on ${i.argoInstance} (${i.repoUrl} ${i.path} → ${i.namespace})`,
      );
      return;
    }
    const call = async (path: string, body: unknown, what: string) => {
      let res: Response;
      try {
        res = await fetch(`${base}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${instance.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (err) {
        throw new ActionError(`Argo CD ${i.argoInstance} (${base}) could not be reached to create the ${what}: ${(err as Error).message}`);
      }
      if (res.ok) return;
      const detail = ((await res.json().catch(() => ({}))) as { message?: string }).message ?? res.statusText;
      if (res.status === 401 || res.status === 403) throw new ActionError(argoTokenRefused(i.argoInstance, res.status));
      throw new ActionError(`Argo CD ${i.argoInstance} refused to create the ${what}: ${detail}`);
    };
    // Creating the same project or application again with the same spec is accepted by Argo CD: a retry is safe.
    await call('/api/v1/projects', projectBody, `project ${project}`);
    ctx.logger.info(`Argo CD project ${project} is in place on ${i.argoInstance}`);
    await call('/api/v1/applications', appBody, `application ${i.appName}`);
    ctx.logger.info(`Argo CD application ${i.appName} syncs ${i.repoUrl} (${i.path}) into ${i.namespace}`);
  },
});
