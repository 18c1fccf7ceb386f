import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { GeneratedCatalog } from './generate';
import { AUTH_HEADERS, log, MAX_SECONDS, REQUESTS, round, sleep, WARMUP, WRITE_AUTH_HEADERS } from './options';
import type { Server } from './server';

// HTTP measurements of a running server: catalog API and page latencies (sequential requests after
// a warm-up) and the delay of an explicit refresh until the change shows in the API.

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: round(percentile(s, 50)), p95: round(percentile(s, 95)), max: round(s[s.length - 1] ?? NaN) };
}

export type Measurement = {
  n: number;
  p50: number;
  p95: number;
  max: number;
  status: Record<string, number>;
  url: string;
  note?: string;
  serverVmHwmMbAfter?: number | null;
};

/** A GET, or a POST of `json` when given (the predicate endpoints). */
export async function timedGet(url: string, json?: unknown): Promise<{ ms: number; status: number; body: string }> {
  const t0 = performance.now();
  // Redirects are not followed: a redirect to a sign-in page must count as a failure, not a fast page.
  const headers = {
    accept: url.includes('/api/') ? 'application/json' : 'text/html',
    ...(json === undefined ? {} : { 'content-type': 'application/json' }),
    ...AUTH_HEADERS,
  };
  const res = await fetch(url, {
    redirect: 'manual',
    headers,
    ...(json === undefined ? {} : { method: 'POST', body: JSON.stringify(json) }),
  });
  const body = await res.text();
  return { ms: performance.now() - t0, status: res.status, body };
}

/** Warm-up, then sequential timed requests; `next` gives the URL of request i (and may chain); `post` a JSON body to POST. */
export async function measure(
  server: Server,
  label: string,
  next: (i: number, last?: string) => string,
  post?: () => unknown,
): Promise<Measurement> {
  const base = server.base;
  let last: string | undefined;
  const warmStarted = performance.now();
  for (let i = 0; i < WARMUP && performance.now() - warmStarted < 10_000; i++) last = (await timedGet(base + next(i, last), post?.())).body;
  const samples: number[] = [];
  const status: Record<string, number> = {};
  const started = performance.now();
  let firstUrl = '';
  let note: string | undefined;
  for (let i = 0; i < REQUESTS; i++) {
    const url = next(WARMUP + i, last);
    if (!firstUrl) firstUrl = url;
    const r = await timedGet(base + url, post?.());
    samples.push(r.ms);
    status[r.status] = (status[r.status] ?? 0) + 1;
    last = r.body;
    if (performance.now() - started > MAX_SECONDS * 1000) {
      note = `stopped after ${MAX_SECONDS} s`;
      break;
    }
  }
  const bad = Object.keys(status).filter((c) => !c.startsWith('2'));
  if (bad.length) note = [note, `non-2xx answers (${bad.join(', ')}): these timings are not of the real route`].filter(Boolean).join('; ');
  const m = {
    ...stats(samples),
    status,
    url: firstUrl.length > 160 ? `${firstUrl.slice(0, 160)}…` : firstUrl,
    ...(note ? { note } : {}),
    serverVmHwmMbAfter: server.peakRssMb().vmHwmMb,
  };
  log(`  ${label}: p50 ${m.p50} ms, p95 ${m.p95} ms (n=${m.n}, status ${JSON.stringify(status)})`);
  return m;
}

export function makeRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 4294967296;
  };
}

export async function measureHttp(server: Server, cat: GeneratedCatalog) {
  const rand = makeRandom(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const api = '/api/catalog/entities';
  const enc = encodeURIComponent;
  const types = ['service', 'website', 'library'];

  const firstPage = `${api}/by-query?filter=${enc('kind=component')}&limit=20`;
  const cursorNext = (_i: number, last?: string) => {
    try {
      const cursor = last ? (JSON.parse(last) as { pageInfo?: { nextCursor?: string } }).pageInfo?.nextCursor : undefined;
      return cursor ? `${api}/by-query?cursor=${enc(cursor)}` : firstPage;
    } catch {
      return firstPage;
    }
  };

  const apiResults = {
    byQueryKindComponent: await measure(server, 'by-query kind=component limit 20', () => firstPage),
    byQueryTypeFullText: await measure(
      server,
      'by-query kind=component,spec.type + fullTextFilterTerm',
      () => `${api}/by-query?filter=${enc(`kind=component,spec.type=${pick(types)}`)}&fullTextFilterTerm=${enc(pick(cat.words))}&limit=20`,
    ),
    // What Backstage's catalog table sends (and the side-by-side harness measures): name and title.
    byQueryFullTextNameTitle: await measure(
      server,
      'by-query fullTextFilterTerm, fields metadata.name,metadata.title, limit 50',
      () => `${api}/by-query?fullTextFilterTerm=${enc(pick(cat.words))}&fullTextFilterFields=metadata.name,metadata.title&limit=50`,
    ),
    byQueryCursorNextPage: await measure(server, 'by-query cursor (next page chain)', cursorNext),
    byQueryPredicate: await measure(
      server,
      'POST by-query predicate ($all kind, spec.type $in, $not lifecycle), limit 20',
      () => `${api}/by-query`,
      () => ({
        query: {
          $all: [{ kind: 'component' }, { 'spec.type': { $in: [pick(types), pick(types)] } }, { $not: { 'spec.lifecycle': 'deprecated' } }],
        },
        limit: 20,
      }),
    ),
    byName: await measure(server, 'by-name random component', () => `${api}/by-name/component/default/${pick(cat.componentNames)}`),
    // Search answers are kept until the catalog changes (lib/search): a word that came before is answered kept.
    searchQuery: await measure(server, 'GET /api/search/query term=<word>', () => `/api/search/query?term=${enc(pick(cat.words))}`),
    // Computing one ranks every match: a common word's cost grows with how many entities have it. A
    // page limit that differs for each request of a word keeps every answer from being kept.
    searchQueryComputed: await measure(
      server,
      'GET /api/search/query term=<word> (computed)',
      (i) => `/api/search/query?term=${enc(cat.words[i % cat.words.length])}&pageLimit=${1 + Math.floor(i / cat.words.length)}`,
    ),
  };
  const pages = {
    home: await measure(server, 'page / (home)', () => '/'),
    catalogKindComponent: await measure(server, 'page /catalog?kind=component', () => `/catalog?kind=component`),
    catalogQuery: await measure(server, 'page /catalog?q=…', () => `/catalog?q=${enc(pick(cat.words))}`),
    search: await measure(server, 'page /search?q=…', () => `/search?q=${enc(pick(cat.words))}`),
    // Another results page for each request of a word: computed, not kept.
    searchComputed: await measure(
      server,
      'page /search?q=… (computed)',
      (i) => `/search?q=${enc(cat.words[i % cat.words.length])}&type=software-catalog&page=${1 + Math.floor(i / cat.words.length)}`,
    ),
    entityPage: await measure(
      server,
      'page /catalog/component/default/<name>',
      () => `/catalog/component/default/${pick(cat.componentNames)}`,
    ),
  };
  return { api: apiResults, pages };
}

/**
 * The API query and the pages requested once (in this order) after each refresh is visible: their
 * first answer after a catalog change. A whole kind's facet counts are sums the database keeps; with
 * a facet selected, the others are counted from the entities.
 */
const AFTER_CHANGE = {
  apiAfterChange: `/api/catalog/entities/by-query?filter=${encodeURIComponent('kind=component')}&limit=20`,
  pageAfterChange: '/catalog?kind=component',
  filteredPageAfterChange: '/catalog?kind=component&lifecycle=production',
  homeAfterChange: '/',
};
type AfterChange = keyof typeof AFTER_CHANGE;

/**
 * Explicit refreshes of one entity each, timed until the catalog API serves the change; after each,
 * the AFTER_CHANGE requests once, whose answer and counts are then computed again rather than served
 * kept (lib/catalog/queries/catalog-cache.ts), as for anyone's first request after a change.
 */
export async function measureRefresh(server: Server, cat: GeneratedCatalog, times = 5) {
  const rand = makeRandom(7);
  const runs: {
    entity: string;
    ms: number | null;
    postStatus: number;
    /** Milliseconds of each AFTER_CHANGE request answered 200. */
    after: Partial<Record<AfterChange, number>>;
    error?: string;
  }[] = [];
  const names = [...cat.descriptions.keys()];
  for (let k = 0; k < times; k++) {
    const name = names[Math.floor(rand() * names.length)];
    const { file, line } = cat.descriptions.get(name)!;
    const description = `Refreshed by the benchmark ${randomBytes(6).toString('hex')}`;
    const newLine = `  description: ${JSON.stringify(description)}`;
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes(line)) {
      runs.push({ entity: name, ms: null, postStatus: 0, after: {}, error: 'description line not found' });
      continue;
    }
    fs.writeFileSync(file, text.replace(line, newLine));
    cat.descriptions.set(name, { file, line: newLine });
    const ref = `component:default/${name}`;
    const t0 = performance.now();
    const post = await fetch(`${server.base}/api/catalog/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...WRITE_AUTH_HEADERS },
      body: JSON.stringify({ entityRef: ref }),
    });
    await post.text();
    if (post.status >= 400) {
      runs.push({ entity: ref, ms: null, postStatus: post.status, after: {}, error: `POST /api/catalog/refresh answered ${post.status}` });
      continue;
    }
    let ms: number | null = null;
    while (performance.now() - t0 < 30_000) {
      const r = await fetch(`${server.base}/api/catalog/entities/by-name/component/default/${name}`, { headers: AUTH_HEADERS });
      const body = (await r.json().catch(() => null)) as { metadata?: { description?: string } } | null;
      if (body?.metadata?.description === description) {
        ms = performance.now() - t0;
        break;
      }
      await sleep(10);
    }
    const after: Partial<Record<AfterChange, number>> = {};
    let error = ms === null ? 'not visible within 30 s' : undefined;
    for (const [key, path] of Object.entries(AFTER_CHANGE) as [AfterChange, string][]) {
      if (error) break;
      const answer = await timedGet(server.base + path);
      if (answer.status === 200) after[key] = round(answer.ms);
      else error = `${path} answered ${answer.status}`;
    }
    runs.push({ entity: ref, ms: ms === null ? null : round(ms), postStatus: post.status, after, ...(error ? { error } : {}) });
    log(
      `  refresh ${ref}: ${ms === null ? 'not visible' : `${round(ms)} ms`} (POST ${post.status}); then ${Object.entries(after)
        .map(([key, t]) => `${AFTER_CHANGE[key as AfterChange]} ${t} ms`)
        .join(', ')}`,
    );
  }
  const ok = runs.map((r) => r.ms).filter((x): x is number => x !== null);
  const firstAnswers = Object.entries(AFTER_CHANGE).flatMap(([key, path]) => {
    const times = runs.map((r) => r.after[key as AfterChange]).filter((x): x is number => x !== undefined);
    return times.length ? [[key, { path, p50: stats(times).p50, max: stats(times).max }]] : [];
  });
  return {
    ...(ok.length ? { p50: stats(ok).p50, max: stats(ok).max } : {}),
    ...Object.fromEntries(firstAnswers),
    runs,
  };
}
