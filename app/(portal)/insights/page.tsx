import Link from 'next/link';
import { connection } from 'next/server';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { PathText } from '@/components/ui/path-text';
import { buttonClass } from '@/components/ui/button';
import { actorWithPermission } from '@/lib/auth/authorize';
import { can } from '@/lib/auth/permissions';
import { actionLabel, getInsights } from '@/lib/insights';
import { groupExists } from '@/lib/catalog/queries/choices';
import { ownerRefOf } from '@/lib/catalog/model/refs';
import { RefCombobox } from '@/components/catalog/ref-combobox';
import { Field } from '@/components/ui/field';
import { MetricCard } from './_components/metric-card';
import { SimpleTable } from './_components/simple-table';

export const metadata = { title: 'Adoption insights' };

const withTeam = (base: string, team: string | null, extra: Record<string, string> = {}) => {
  const q = new URLSearchParams({ ...extra, ...(team ? { team } : {}) });
  return `${base}?${q}`;
};

// Admins and leads only (insights.read); everyone else gets the 403 page.
export default async function InsightsPage({ searchParams }: { searchParams: Promise<{ team?: string | string[] }> }) {
  await connection();
  const actor = await actorWithPermission('insights.read');
  const raw = (await searchParams).team;
  const typed = (Array.isArray(raw) ? raw[0] : raw)?.trim() || null;
  // A team's name as typed (`team-ml`) is its Group.
  const requested = typed && ownerRefOf(typed);
  const team = requested && (await groupExists(requested)) ? requested : null;
  const insights = await getInsights({ team });
  const canRegister = can(actor, 'insights.register');
  return (
    <>
      <PageHeader
        title="Adoption insights"
        description="The guide’s adoption metrics, measured by the portal itself: each with its target, its weekly trend and the list behind it."
        actions={
          <>
            <a className={buttonClass('secondary')} href={withTeam('/api/insights/export', team, { format: 'csv' })}>
              Export CSV
            </a>
            <a className={buttonClass('secondary')} href={withTeam('/api/insights/export', team, { format: 'json' })}>
              Export JSON
            </a>
            {can(actor, 'feedback.read') && (
              <Link className={buttonClass('secondary')} href="/insights/feedback">
                Feedback
              </Link>
            )}
          </>
        }
      />
      <form method="get" className="mb-6 flex flex-wrap items-end gap-2" aria-label="Filter by team">
        <Field label="Team" className="w-full sm:w-72">
          {(p) => <RefCombobox {...p} kinds={['group']} name="team" defaultValue={team ?? ''} placeholder="Whole organisation" />}
        </Field>
        <button type="submit" className={buttonClass('primary')}>
          Apply
        </button>
        {requested && !team && (
          <p role="alert" className="text-sm text-red-600">
            {requested} is not a Group in the catalog; showing the whole organisation.
          </p>
        )}
      </form>
      <div className="grid gap-4 lg:grid-cols-2">
        {insights.metrics.map((m) => (
          <MetricCard
            key={m.id}
            metric={m}
            canRegister={canRegister}
            exportHref={withTeam('/api/insights/export', team, { format: 'csv', metric: m.id })}
          />
        ))}
      </div>
      <h2 className="mb-3 mt-10 text-lg font-semibold">The portal as a product</h2>
      <div className="grid gap-4 lg:grid-cols-3">
        <UsageCard
          title="Most used pages (30 days)"
          rows={insights.usage.pages}
          empty={insights.usage.withheld ?? 'No page views recorded yet.'}
        />
        <UsageCard
          title="Most used actions (30 days)"
          rows={insights.usage.actions}
          empty={insights.usage.withheld ?? 'No actions recorded yet.'}
          labelOf={actionLabel}
        />
        <Card title="Searches that found nothing (30 days)">
          {insights.searchMisses.length === 0 ? (
            <p className="text-sm text-slate-500 dark:text-slate-400">Every search found something.</p>
          ) : (
            <SimpleTable
              columns={[{ label: 'Search' }, { label: 'Times', numeric: true }]}
              rows={insights.searchMisses.map((m) => ({ key: m.query, cells: [m.query, m.count] }))}
            />
          )}
        </Card>
      </div>
    </>
  );
}

/** `labelOf`: a name's words for people (null: none, the name is shown as it is), with the name under it. */
function UsageCard({
  title,
  rows,
  empty,
  labelOf = () => null,
}: {
  title: string;
  rows: { name: string; uses: number; people: number }[];
  empty: string;
  labelOf?: (name: string) => string | null;
}) {
  return (
    <Card title={title}>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">{empty}</p>
      ) : (
        <SimpleTable
          columns={[{ label: 'Name' }, { label: 'Uses', numeric: true }, { label: 'People', numeric: true }]}
          rows={rows.map((r) => ({
            key: r.name,
            cells: [<UsageName key="n" name={r.name} label={labelOf(r.name)} />, r.uses, r.people],
          }))}
        />
      )}
    </Card>
  );
}

function UsageName({ name, label }: { name: string; label: string | null }) {
  const id = <PathText text={name} className="font-mono text-xs" />;
  if (!label) return id;
  return (
    <>
      {label}
      <span className="block text-slate-500 dark:text-slate-400">{id}</span>
    </>
  );
}
