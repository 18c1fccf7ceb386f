import 'server-only';
import { PERIOD_DAYS, WEEKS_SHOWN, type Metric } from '../model/metric';
import { median, percent, percentile } from '../model/stats';
import { addDays, dayKey, lastWeeks } from '../model/weeks';
import { inScope, type RepositoryFacts, type TemplateTask } from './repositories';
import type { TeamScope } from './scope';

// Catalog coverage, template usage and onboarding time: all three read the repository inventory.

type Input = { repos: RepositoryFacts[]; tasks: TemplateTask[]; scope: TeamScope | null; now: Date; ignoreTopics: string[] };

const weekEnd = (start: Date, now: Date) => new Date(Math.min(addDays(start, 7).getTime(), now.getTime()));
const minutes = (ms: number) => Math.round(ms / 6_000) / 10;

export function catalogCoverage({ repos, scope, now, ignoreTopics }: Input): Metric {
  const counted = repos.filter((r) => !r.archived && !r.fork && !r.topics.some((t) => ignoreTopics.includes(t)) && inScope(r, scope));
  const registered = counted.filter((r) => r.registeredAt);
  const unregistered = counted.filter((r) => !r.registeredAt);
  const value = percent(registered.length, counted.length);
  return {
    id: 'catalog-coverage',
    title: 'Catalog coverage',
    unit: 'percent',
    target: 95,
    targetKind: 'at-least',
    value,
    measuredAt: now.toISOString(),
    ...(value === null
      ? {
          status: 'no-data' as const,
          statusMessage:
            'No repositories known yet: register a github-discovery or github-org location so the organisation’s repositories are listed.',
        }
      : {}),
    summary: `${registered.length} of ${counted.length} repositories have a catalog entity`,
    howMeasured: `Repositories with a catalog entity (read from the repository, or naming it in github.com/project-slug) over the non-archived repositories of the discovered GitHub organisations; forks and repositories with the topic${ignoreTopics.length === 1 ? '' : 's'} ${ignoreTopics.join(', ') || '(none)'} are left out. Earlier weeks count repositories by their creation and first registration dates.`,
    trend: lastWeeks(now, WEEKS_SHOWN).map((start) => {
      const end = weekEnd(start, now);
      const existing = counted.filter((r) => r.createdAt < end);
      return {
        week: dayKey(start),
        value: percent(existing.filter((r) => r.registeredAt && r.registeredAt < end).length, existing.length),
      };
    }),
    drillDown: {
      title: 'Repositories without a catalog entity',
      columns: ['Repository', 'Created', 'Teams with access'],
      rows: unregistered.map((r) => ({
        cells: [`${r.owner}/${r.name}`, dayKey(r.createdAt), r.teams.map((t) => t.replace(/^group:default\//, '')).join(', ')],
        repository: r.url,
      })),
    },
  };
}

export function templateUsage({ repos, tasks, scope, now, ignoreTopics }: Input): Metric {
  const since = addDays(now, -PERIOD_DAYS);
  const fromTask = new Set(tasks.map((t) => t.repository));
  const isFromTemplate = (r: RepositoryFacts) => fromTask.has(r.url) || r.sourceTemplate;
  const counted = (r: RepositoryFacts) => !r.fork && !r.topics.some((t) => ignoreTopics.includes(t)) && inScope(r, scope);
  const created = repos.filter((r) => counted(r) && r.createdAt >= since);
  const fromTemplate = created.filter(isFromTemplate);
  const value = percent(fromTemplate.length, created.length);
  const all = repos.filter(counted);
  return {
    id: 'template-usage',
    title: 'Template usage',
    unit: 'percent',
    target: 80,
    targetKind: 'at-least',
    value,
    measuredAt: now.toISOString(),
    ...(value === null ? { status: 'no-data' as const, statusMessage: `No repository was created in the last ${PERIOD_DAYS} days.` } : {}),
    summary: `${fromTemplate.length} of ${created.length} new repositories in the last ${PERIOD_DAYS} days came from a template`,
    howMeasured: `New repositories (GitHub's creation date, from repository created events and the organisation listing; forks and ignored topics left out) created from a template — a completed scaffolder task published them, or their entity carries backstage.io/source-template — over all new repositories of the last ${PERIOD_DAYS} days. Each week: the repositories created that week.`,
    trend: lastWeeks(now, WEEKS_SHOWN).map((start) => {
      const week = all.filter((r) => r.createdAt >= start && r.createdAt < addDays(start, 7));
      return { week: dayKey(start), value: percent(week.filter(isFromTemplate).length, week.length) };
    }),
    drillDown: {
      title: `Repositories created in the last ${PERIOD_DAYS} days`,
      columns: ['Repository', 'Created', 'From a template'],
      rows: created.map((r) => ({ cells: [`${r.owner}/${r.name}`, dayKey(r.createdAt), isFromTemplate(r) ? 'yes' : 'no'] })),
    },
  };
}

export function onboardingTime({ repos, tasks, scope, now }: Input): Metric {
  const since = addDays(now, -PERIOD_DAYS);
  const byUrl = new Map(repos.map((r) => [r.url, r]));
  const runs = tasks
    .filter((t) => t.completedAt >= since)
    .map((t) => ({ task: t, repo: byUrl.get(t.repository) }))
    .filter((x) => !scope || (x.repo && inScope(x.repo, scope)))
    .map(({ task, repo }) => ({
      task,
      repo,
      minutes: repo?.firstDeployedAt ? minutes(Math.max(0, repo.firstDeployedAt.getTime() - task.completedAt.getTime())) : null,
    }));
  const deployed = runs.filter((r) => r.minutes !== null).map((r) => r.minutes!);
  const value = median(deployed);
  const p90 = percentile(deployed, 90);
  return {
    id: 'onboarding-time',
    title: 'Onboarding time',
    unit: 'minutes',
    target: 60,
    targetKind: 'at-most',
    value,
    measuredAt: now.toISOString(),
    ...(value === null
      ? {
          status: 'no-data' as const,
          statusMessage: runs.length
            ? `${runs.length} service${runs.length === 1 ? '' : 's'} created from templates, none deployed yet.`
            : `No service was created from a template in the last ${PERIOD_DAYS} days.`,
        }
      : {}),
    summary:
      value === null
        ? 'no deployment of a new service yet'
        : `median ${value} min, p90 ${p90} min over ${deployed.length} new service${deployed.length === 1 ? '' : 's'}`,
    howMeasured: `From a scaffolder task's completion to the first successful deployment of the repository it created: a deployment_status of success, or the first successful run on the default branch of the workflow named in the entity's github.com/workflows annotation. Median (p90 beside it) over the tasks of the last ${PERIOD_DAYS} days; each week: the tasks completed that week.`,
    trend: lastWeeks(now, WEEKS_SHOWN).map((start) => ({
      week: dayKey(start),
      value: median(
        runs
          .filter((r) => r.minutes !== null && r.task.completedAt >= start && r.task.completedAt < addDays(start, 7))
          .map((r) => r.minutes!),
      ),
    })),
    drillDown: {
      title: `Services created from templates in the last ${PERIOD_DAYS} days`,
      columns: ['Repository', 'Template', 'Task completed', 'First deployment', 'Minutes'],
      rows: runs.map((r) => ({
        cells: [
          r.repo ? `${r.repo.owner}/${r.repo.name}` : r.task.repository,
          r.task.templateRef,
          r.task.completedAt.toISOString(),
          r.repo?.firstDeployedAt?.toISOString() ?? 'not deployed yet',
          r.minutes,
        ],
      })),
    },
  };
}
