// The pages a person opened in this browser (entities, their docs, templates), for the home page's
// Recently visited and Most visited (Backstage's HomePageRecentlyVisited / HomePageTopVisited, whose
// default store is the browser's local storage too). Kept under the person's own key, never sent
// to the server. What is read back is untrusted (any script of the origin or the person can write
// it): only well-formed entries for the portal's own entity and template paths are kept.

export type VisitedPage = { path: string; title: string; kind: string };
export type Visit = VisitedPage & { hits: number; at: number };

/** The most entries kept: the oldest visit goes first. */
export const VISITS_KEPT = 100;
export const VISITS_SHOWN = 8;

export const visitsKey = (personId: string) => `wayfinder:visits:${personId}`;

/** An entity's page (any tab), its docs, or a template's run form. */
const PAGE_PATH = /^\/(catalog\/[^/?#\\]+\/[^/?#\\]+\/[^/?#\\]+(\/docs(\/[^?#\\]*)?)?|create\/templates\/[^/?#\\]+\/[^/?#\\]+)$/;

const isVisit = (v: unknown): v is Visit => {
  const o = v as Partial<Visit> | null;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.path === 'string' &&
    PAGE_PATH.test(o.path) &&
    typeof o.title === 'string' &&
    o.title.length > 0 &&
    o.title.length <= 200 &&
    typeof o.kind === 'string' &&
    o.kind.length <= 40 &&
    Number.isSafeInteger(o.hits) &&
    o.hits! > 0 &&
    Number.isFinite(o.at)
  );
};

/** The stored visits; anything else (missing, not JSON, malformed entries) is left out. */
export function readVisits(raw: string | null): Visit[] {
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  return Array.isArray(parsed) ? parsed.filter(isVisit).slice(0, VISITS_KEPT) : [];
}

/** The visits with `page` opened at `now`: counted once more and moved first (its title and kind as now). */
export function addVisit(visits: Visit[], page: VisitedPage, now: number): Visit[] {
  if (!isVisit({ ...page, hits: 1, at: now })) return visits;
  const before = visits.find((v) => v.path === page.path);
  const visit = { path: page.path, title: page.title, kind: page.kind, hits: (before?.hits ?? 0) + 1, at: now };
  return [visit, ...visits.filter((v) => v.path !== page.path)].slice(0, VISITS_KEPT);
}

/** Latest first. */
export function recentVisits(visits: Visit[], n = VISITS_SHOWN): Visit[] {
  return [...visits].sort((a, b) => b.at - a.at).slice(0, n);
}

/** Most opened first; of as many visits, the latest. */
export function mostVisited(visits: Visit[], n = VISITS_SHOWN): Visit[] {
  return [...visits].sort((a, b) => b.hits - a.hits || b.at - a.at).slice(0, n);
}

/** "just now", "5 min ago", "3 h ago", "2 d ago". */
export function ago(at: number, now = Date.now()): string {
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h ago`;
  return `${Math.floor(minutes / 1440)} d ago`;
}
