import 'server-only';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { toCsv } from './model/csv';
import { apiMetric, metricIdSchema } from './model/metric';
import { getInsights, listFeedback } from './queries/insights';
import { groupExists } from '@/lib/catalog';

// The route handlers' work: parse the query (zod), check the team is a Group, build the answer.

const querySchema = z.object({
  team: z
    .string()
    .regex(/^group:[a-z0-9-_.]+\/[a-z0-9-_.]+$/i, 'must be a Group ref such as group:default/team-orders')
    .optional(),
  format: z.enum(['csv', 'json'], { message: 'must be csv or json' }).default('json'),
  metric: metricIdSchema.optional(),
});

function parseQuery(url: URL) {
  const parsed = querySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw new AppError('BAD_REQUEST', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

async function checkedTeam(team: string | undefined): Promise<string | null> {
  if (!team) return null;
  if (!(await groupExists(team))) throw new AppError('NOT_FOUND', `${team} is not a Group in the catalog`);
  return team.toLowerCase();
}

/** GET /api/insights/metrics: one object per metric. */
export async function metricsResponse(url: URL): Promise<Response> {
  const { team } = parseQuery(url);
  const insights = await getInsights({ team: await checkedTeam(team) });
  return Response.json(insights.metrics.map(apiMetric));
}

const attachment = (name: string, body: string, type: string) =>
  new Response(body, { headers: { 'content-type': type, 'content-disposition': `attachment; filename="${name}"` } });

/** GET /api/insights/export: every metric with its weekly trend, or one metric's drill-down list. */
export async function exportResponse(url: URL): Promise<Response> {
  const q = parseQuery(url);
  const team = await checkedTeam(q.team);
  const insights = await getInsights({ team });
  const stem = `insights${team ? `-${team.replace(/[^a-z0-9-]+/g, '-')}` : ''}`;
  if (q.metric) {
    const m = insights.metrics.find((x) => x.id === q.metric)!;
    if (q.format === 'json')
      return attachment(
        `${stem}-${m.id}.json`,
        JSON.stringify({ ...apiMetric(m), team, drillDown: m.drillDown }, null, 2),
        'application/json',
      );
    return attachment(
      `${stem}-${m.id}.csv`,
      toCsv(
        m.drillDown.columns,
        m.drillDown.rows.map((r) => r.cells),
      ),
      'text/csv; charset=utf-8',
    );
  }
  if (q.format === 'json')
    return attachment(
      `${stem}.json`,
      JSON.stringify(
        { team, metrics: insights.metrics.map((m) => ({ ...apiMetric(m), title: m.title, summary: m.summary, trend: m.trend })) },
        null,
        2,
      ),
      'application/json',
    );
  const rows = insights.metrics.flatMap((m) => [
    [m.id, 'current', m.value, m.target, m.unit, m.status ?? '', m.measuredAt],
    ...m.trend.map((t) => [m.id, t.week, t.value, m.target, m.unit, '', '']),
  ]);
  return attachment(
    `${stem}.csv`,
    toCsv(['metric', 'period', 'value', 'target', 'unit', 'status', 'measuredAt'], rows),
    'text/csv; charset=utf-8',
  );
}

/** GET /api/insights/feedback (admins): every answer, newest first. */
export async function feedbackResponse(url: URL): Promise<Response> {
  const { format } = parseQuery(url);
  const rows = await listFeedback(10_000);
  if (format === 'json') return attachment('feedback.json', JSON.stringify(rows, null, 2), 'application/json');
  return attachment(
    'feedback.csv',
    toCsv(
      ['at', 'person', 'page', 'useful', 'comment'],
      rows.map((r) => [r.at, r.userRef, r.pattern, r.useful ? 'yes' : 'no', r.comment]),
    ),
    'text/csv; charset=utf-8',
  );
}
