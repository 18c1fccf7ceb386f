import Link from 'next/link';
import { TrendChart } from '@/components/insights/trend-chart';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { meetsTarget, type Metric } from '@/lib/insights';
import { SimpleTable } from './simple-table';

const ROWS_SHOWN = 25;

const format = (m: Pick<Metric, 'unit'>, v: number | null) => (v === null ? '–' : m.unit === 'percent' ? `${v}%` : `${v} min`);

export function MetricCard({ metric: m, exportHref, canRegister }: { metric: Metric; exportHref: string; canRegister: boolean }) {
  const meets = meetsTarget(m);
  const register = m.id === 'catalog-coverage' && canRegister;
  return (
    <Card
      title={m.title}
      actions={
        m.status ? (
          <Badge tone="amber">{m.status === 'needs-integration' ? 'needs an integration' : 'no data yet'}</Badge>
        ) : (
          <Badge tone={meets ? 'green' : 'red'}>{meets ? 'on target' : 'below target'}</Badge>
        )
      }
    >
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <p className="text-3xl font-semibold tabular-nums text-slate-900 dark:text-white" data-testid={`value-${m.id}`}>
          {format(m, m.value)}
        </p>
        <p className="text-sm text-slate-500 dark:text-slate-400">
          target {m.targetKind === 'at-least' ? '≥' : '≤'} {format(m, m.target)}
        </p>
      </div>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{m.summary}</p>
      {m.statusMessage && (
        <p className="mt-2 rounded-md bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-900/30 dark:text-amber-100">{m.statusMessage}</p>
      )}
      <div className="mt-3">
        <TrendChart title={m.title} points={m.trend} target={m.target} unit={m.unit} />
      </div>
      <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
        <span className="font-medium">How it is measured: </span>
        {m.howMeasured}
      </p>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer font-medium text-slate-700 dark:text-slate-200">
          {m.drillDown.title} ({m.drillDown.rows.length})
        </summary>
        {m.drillDown.rows.length === 0 ? (
          <p className="mt-2 text-slate-500 dark:text-slate-400">Nothing to list.</p>
        ) : (
          <div className="mt-2">
            <SimpleTable
              columns={[
                ...m.drillDown.columns.map((label, i) => ({ label, collapse: i > 0 })),
                ...(register ? [{ label: 'Action', srOnly: true }] : []),
              ]}
              rows={m.drillDown.rows.slice(0, ROWS_SHOWN).map((r, i) => ({
                key: String(i),
                cells: [
                  ...r.cells.map((c) => c ?? '–'),
                  ...(register && r.repository
                    ? [
                        <Link
                          key="register"
                          href={`/insights/register?repository=${encodeURIComponent(r.repository)}`}
                          aria-label={`Register ${r.cells[0]}`}
                        >
                          Register
                        </Link>,
                      ]
                    : []),
                ],
              }))}
            />
            {m.drillDown.rows.length > ROWS_SHOWN && (
              <p className="mt-1 text-slate-500 dark:text-slate-400">
                and {m.drillDown.rows.length - ROWS_SHOWN} more: <a href={exportHref}>export the whole list (CSV)</a>
              </p>
            )}
          </div>
        )}
        <p className="mt-2">
          <a href={exportHref}>Export this list (CSV)</a>
        </p>
      </details>
    </Card>
  );
}
