import { describe, expect, it } from 'vitest';
import { addVisit, ago, mostVisited, readVisits, recentVisits, VISITS_KEPT, type Visit } from './visits';

// The person's visits as the home page lists them, and what is read back from the browser's
// storage, which anything running on the page could have written.
const page = (name: string, kind = 'Component') => ({ path: `/catalog/${kind.toLowerCase()}/default/${name}`, title: name, kind });

describe('visits', () => {
  it('counts a page again and moves it first, keeping its latest title', () => {
    let visits: Visit[] = [];
    visits = addVisit(visits, page('rates-service'), 1);
    visits = addVisit(visits, page('dispatch-service'), 2);
    visits = addVisit(visits, { ...page('rates-service'), title: 'Rates' }, 3);
    expect(visits.map((v) => [v.title, v.hits, v.at])).toEqual([
      ['Rates', 2, 3],
      ['dispatch-service', 1, 2],
    ]);
  });

  it('lists the latest first, or the most opened (the latest of as many)', () => {
    let visits: Visit[] = [];
    for (const [name, at] of [
      ['a', 1],
      ['b', 2],
      ['a', 3],
      ['c', 4],
      ['b', 5],
      ['a', 6],
      ['d', 7],
    ] as const)
      visits = addVisit(visits, page(name), at);
    expect(recentVisits(visits, 3).map((v) => v.title)).toEqual(['d', 'a', 'b']);
    expect(mostVisited(visits).map((v) => [v.title, v.hits])).toEqual([
      ['a', 3],
      ['b', 2],
      ['d', 1],
      ['c', 1],
    ]);
  });

  it(`keeps the ${VISITS_KEPT} latest pages`, () => {
    let visits: Visit[] = [];
    for (let i = 0; i <= VISITS_KEPT; i++) visits = addVisit(visits, page(`s-${i}`), i);
    expect(visits).toHaveLength(VISITS_KEPT);
    expect(visits.some((v) => v.title === 's-0')).toBe(false);
  });

  it('keeps entity pages, their docs and templates, and nothing else', () => {
    const kept = [
      page('rates-service'),
      { path: '/catalog/component/default/rates-service/docs', title: 'Rates', kind: 'Docs' },
      { path: '/create/templates/default/add-techdocs', title: 'Add TechDocs', kind: 'Template' },
    ];
    const refused = [
      { path: 'https://evil.example/catalog/a/b/c', title: 'x', kind: 'Component' },
      { path: '//evil.example/catalog/a/b', title: 'x', kind: 'Component' },
      { path: 'javascript:alert(1)', title: 'x', kind: 'Component' },
      { path: '/catalog/a/b/c?tab=x', title: 'x', kind: 'Component' },
      { path: '/catalog/a/b/c', title: '', kind: 'Component' },
      { path: '/settings/tokens', title: 'Tokens', kind: 'Page' },
    ];
    let visits: Visit[] = [];
    for (const p of [...kept, ...refused]) visits = addVisit(visits, p, 1);
    expect(visits.map((v) => v.path)).toEqual(kept.map((p) => p.path).reverse());
  });

  it('reads back only well-formed entries', () => {
    const good = { ...page('rates-service'), hits: 2, at: 5 };
    expect(
      readVisits(JSON.stringify([good, { ...good, path: '/\\evil.example' }, { ...good, hits: 0 }, { ...good, at: 'x' }, null, 7])),
    ).toEqual([good]);
    for (const raw of [null, '', 'not json', '{"path":"/catalog/a/b/c"}']) expect(readVisits(raw)).toEqual([]);
  });

  it('says how long ago', () => {
    const now = 10 * 86_400_000;
    expect(
      [now - 30_000, now - 5 * 60_000, now - 3 * 3_600_000, now - 47 * 3_600_000, now - 3 * 86_400_000].map((at) => ago(at, now)),
    ).toEqual(['just now', '5 min ago', '3 h ago', '47 h ago', '3 d ago']);
  });
});
