import { argoTone } from '@/components/catalog/argocd-status';
import { formatTime } from '@/components/catalog-actions/processing-error-list';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { CollapsedValues, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { findArgoApplications, type ArgoApplication } from '@/lib/argocd/applications';

// The Overview's Argo CD card (Roadie's Argo CD overview and history cards): where the entity is
// deployed, whether that matches git (sync) and how it runs (health), and its last deployments.

type Target = { name?: string; selector?: string; instance?: string };

export async function ArgoCdCard({ target, className = '' }: { target: Target; className?: string }) {
  const { applications, notFoundOn, errors } = await findArgoApplications(target);
  const what = target.name ? `application ${target.name}` : `application labelled ${target.selector}`;
  return (
    <Card title="Argo CD" className={className}>
      {applications.length === 0 && errors.length === 0 && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No {what} on {notFoundOn.join(', ')}: it has not been created yet, or the annotation names another one.
        </p>
      )}
      {applications.length > 0 && (
        <Table inline label="Argo CD applications">
          <TableHead>
            <tr>
              <TableHeader>Application</TableHeader>
              <TableHeader collapse>Sync</TableHeader>
              <TableHeader>Health</TableHeader>
              <TableHeader collapse>Revision</TableHeader>
              <TableHeader collapse>Last synced</TableHeader>
            </tr>
          </TableHead>
          <TableBody>
            {applications.map((app) => (
              <TableRow key={`${app.instance}/${app.name}`}>
                <TableCell holdsCollapsed>
                  <a href={app.url} target="_blank" rel="noreferrer" className="font-medium [overflow-wrap:anywhere]">
                    {app.name} ↗
                  </a>
                  <p className="text-xs text-slate-500 [overflow-wrap:anywhere] dark:text-slate-400">
                    {app.instance}
                    {app.destination && <> · {app.destination}</>}
                  </p>
                  <CollapsedValues
                    inline
                    values={[
                      { label: 'Sync', value: <Badge tone={argoTone('sync', app.sync)}>{app.sync}</Badge> },
                      { label: 'Revision', value: <Revision app={app} /> },
                      { label: 'Synced', value: formatTime(app.lastSynced) },
                    ]}
                  />
                </TableCell>
                <TableCell collapse>
                  <Badge tone={argoTone('sync', app.sync)}>{app.sync}</Badge>
                </TableCell>
                <TableCell>
                  <Badge tone={argoTone('health', app.health)}>{app.health}</Badge>
                  {app.healthMessage && (
                    <p className="mt-1 max-w-xs text-xs text-slate-600 [overflow-wrap:anywhere] dark:text-slate-400">{app.healthMessage}</p>
                  )}
                </TableCell>
                <TableCell collapse>
                  <Revision app={app} />
                </TableCell>
                <TableCell collapse className="text-xs whitespace-nowrap">
                  {formatTime(app.lastSynced)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {applications.length > 0 && notFoundOn.length > 0 && (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">Not on {notFoundOn.join(', ')}.</p>
      )}
      {applications.some((a) => a.history.length > 0) && (
        <div className="mt-4 space-y-2">
          {applications.map(
            (app) =>
              app.history.length > 0 && (
                <details key={`${app.instance}/${app.name}`} className="text-sm">
                  <summary className="cursor-pointer text-slate-700 dark:text-slate-300">
                    Deployments of {app.name} on {app.instance}
                  </summary>
                  <ol className="mt-2 space-y-1 pl-4">
                    {app.history.map((h) => (
                      <li key={h.id} className="flex flex-wrap gap-x-3 text-xs">
                        <span className="font-mono">{h.revision.slice(0, 7) || 'unknown revision'}</span>
                        <time dateTime={h.deployedAt} className="text-slate-500 dark:text-slate-400">
                          {formatTime(h.deployedAt)}
                        </time>
                      </li>
                    ))}
                  </ol>
                </details>
              ),
          )}
        </div>
      )}
      {errors.length > 0 && (
        <ul className="mt-3 space-y-1 text-sm text-red-700 dark:text-red-300">
          {errors.map((e) => (
            <li key={e.instance} className="[overflow-wrap:anywhere]">
              {e.error}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function Revision({ app }: { app: ArgoApplication }) {
  return app.revision ? (
    <span className="font-mono text-xs" title={app.revision}>
      {app.revision.slice(0, 7)}
    </span>
  ) : (
    <span className="text-xs text-slate-500 dark:text-slate-400">none yet</span>
  );
}
