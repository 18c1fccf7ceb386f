// Activity is recorded per route pattern (`/catalog/[kind]/[namespace]/[name]`), never per URL:
// the server maps a visited path to one of the portal's own routes, and a path that matches none
// is not recorded. route-patterns.test.ts keeps this list equal to app/(portal)'s pages.

export const ROUTE_PATTERNS = [
  '/',
  '/admin/audit',
  '/admin/leads',
  '/catalog',
  '/catalog-import',
  '/catalog/new',
  '/catalog/[kind]/[namespace]/[name]',
  '/catalog/[kind]/[namespace]/[name]/docs/[[...path]]',
  '/catalog/[kind]/[namespace]/[name]/edit',
  '/create',
  '/create/actions',
  '/create/edit',
  '/create/tasks',
  '/create/tasks/[taskId]',
  '/create/templates/[namespace]/[name]',
  '/create/templating-extensions',
  '/docs',
  '/initiatives',
  '/initiatives/new',
  '/initiatives/[id]',
  '/insights',
  '/insights/feedback',
  '/insights/register',
  '/locations',
  '/locations/[id]',
  '/problems',
  '/scorecards',
  '/scorecards/new',
  '/scorecards/team',
  '/scorecards/[id]/edit',
  '/search',
  '/settings',
  '/settings/github',
  '/settings/tokens',
] as const;

export type RoutePattern = (typeof ROUTE_PATTERNS)[number];

type Compiled = { pattern: RoutePattern; regex: RegExp; dynamic: number };

const COMPILED: Compiled[] = ROUTE_PATTERNS.map((pattern) => {
  const parts = pattern.split('/').filter(Boolean);
  let regex = '^';
  for (const part of parts) {
    if (part.startsWith('[[...')) regex += '(?:/[^/]+)*';
    else if (part.startsWith('[...')) regex += '(?:/[^/]+)+';
    else if (part.startsWith('[')) regex += '/[^/]+';
    else regex += `/${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
  }
  return { pattern, regex: new RegExp(`${regex}/?$`), dynamic: parts.filter((p) => p.startsWith('[')).length };
})
  // Static routes win over dynamic ones (`/catalog/new` before `/catalog/[kind]/…`).
  .sort((a, b) => a.dynamic - b.dynamic);

/** The portal route a path belongs to, or null (the path is then not recorded). */
export function routePatternOf(pathname: string): RoutePattern | null {
  const path = pathname.split(/[?#]/)[0]!;
  if (path === '/' || path === '') return '/';
  return COMPILED.find((c) => c.regex.test(path))?.pattern ?? null;
}
