import fs from 'node:fs';
import path from 'node:path';

// Synthetic Backstage catalog for the benchmark: for N components, APIs (~N/5), systems (~N/50),
// domains, groups (~N/50, a three-level hierarchy), users (~N/10) and resources (~N/10), with
// owners, systems, provided/consumed APIs, dependencies among components and tags. Written as
// multi-document YAML files of ENTITIES_PER_FILE entities each, in folders of their own
// (`<dir>/<kind>-<nnnn>/catalog-info.yaml`), which a `file` location on `<dir>` picks up.
// Seeded: the same N gives the same catalog.

export const ENTITIES_PER_FILE = 100;

export type GeneratedCatalog = {
  dir: string;
  files: number;
  bytes: number;
  counts: Record<string, number>;
  total: number;
  componentNames: string[];
  apiNames: string[];
  /** Words that occur in names, descriptions and tags (for full-text queries). */
  words: string[];
  /** Where each component's description line is, for the refresh measurement. */
  descriptions: Map<string, { file: string; line: string }>;
};

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = [
  'shipment',
  'invoice',
  'payment',
  'route',
  'carrier',
  'warehouse',
  'order',
  'customer',
  'pricing',
  'label',
  'tracking',
  'inventory',
  'dispatch',
  'billing',
  'quote',
  'parcel',
  'driver',
  'fleet',
  'booking',
  'ledger',
  'catalog',
  'identity',
  'notification',
  'search',
  'report',
  'forecast',
  'audit',
  'document',
  'partner',
  'rating',
];
const ADJECTIVES = ['fast', 'core', 'legacy', 'smart', 'global', 'edge', 'batch', 'realtime', 'secure', 'public', 'internal', 'async'];
const SUFFIXES = ['service', 'api', 'worker', 'web', 'lib', 'gateway', 'adapter', 'engine', 'sync', 'store'];
const TAGS = [
  'java',
  'kotlin',
  'go',
  'python',
  'typescript',
  'rust',
  'grpc',
  'rest',
  'kafka',
  'postgres',
  'redis',
  'pci',
  'gdpr',
  'tier-1',
  'tier-2',
  'tier-3',
  'k8s',
  'lambda',
  'react',
  'spring',
];
const COMPONENT_TYPES: [string, number][] = [
  ['service', 0.6],
  ['website', 0.15],
  ['library', 0.2],
  ['documentation', 0.05],
];
const LIFECYCLES: [string, number][] = [
  ['production', 0.7],
  ['experimental', 0.2],
  ['deprecated', 0.1],
];
const API_TYPES = ['openapi', 'grpc', 'asyncapi', 'graphql'];
const RESOURCE_TYPES = ['database', 's3-bucket', 'queue', 'cache', 'topic'];

/** Generates the catalog for `n` components into `dir` (created, must be empty or absent). */
export function generateCatalog(n: number, dir: string): GeneratedCatalog {
  const r = rng(n * 7919 + 17);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)];
  const weighted = (a: [string, number][]) => {
    let x = r();
    for (const [v, w] of a) if ((x -= w) <= 0) return v;
    return a[a.length - 1][0];
  };
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pad = (i: number, w = 5) => String(i).padStart(w, '0');
  const q = (s: string) => JSON.stringify(s);

  const nApis = Math.max(1, Math.round(n / 5));
  const nSystems = Math.max(2, Math.round(n / 50));
  const nDomains = Math.max(3, Math.round(n / 1000) + 4);
  const nGroups = Math.max(6, Math.round(n / 50));
  const nUsers = Math.max(5, Math.round(n / 10));
  const nResources = Math.max(2, Math.round(n / 10));

  const title = (noun: string, adj: string) => `${adj[0].toUpperCase()}${adj.slice(1)} ${noun}`;

  // Groups: one organisation, departments (~sqrt), teams under departments.
  const nDepts = Math.max(2, Math.round(Math.sqrt(nGroups)));
  const groups: { name: string; type: string; parent: string | null; children: string[] }[] = [
    { name: 'acme', type: 'organization', parent: null, children: [] },
  ];
  for (let d = 0; d < nDepts; d++)
    groups.push({ name: `dept-${pick(NOUNS)}-${pad(d, 3)}`, type: 'department', parent: 'acme', children: [] });
  for (let t = groups.length; t < nGroups; t++)
    groups.push({
      name: `team-${pick(ADJECTIVES)}-${pick(NOUNS)}-${pad(t, 4)}`,
      type: 'team',
      parent: groups[1 + (t % nDepts)].name,
      children: [],
    });
  for (const g of groups) if (g.parent) groups.find((p) => p.name === g.parent)!.children.push(g.name);
  const teams = groups.filter((g) => g.type === 'team').map((g) => g.name);

  const domains = Array.from({ length: nDomains }, (_, i) => `domain-${NOUNS[i % NOUNS.length]}-${pad(i, 3)}`);
  const systems = Array.from({ length: nSystems }, (_, i) => `sys-${pick(NOUNS)}-${pick(SUFFIXES)}-${pad(i, 4)}`);
  const apis = Array.from({ length: nApis }, (_, i) => `${pick(NOUNS)}-${pick(ADJECTIVES)}-api-${pad(i)}`);
  const resources = Array.from({ length: nResources }, (_, i) => `res-${pick(NOUNS)}-${pick(RESOURCE_TYPES)}-${pad(i)}`);
  const components = Array.from({ length: n }, (_, i) => `${pick(ADJECTIVES)}-${pick(NOUNS)}-${pick(SUFFIXES)}-${pad(i)}`);
  const users = Array.from({ length: nUsers }, (_, i) => `user-${pad(i)}`);

  const docs: { kind: string; text: string; name: string; descriptionLine?: string }[] = [];
  const head = (kind: string, name: string, extra: string[] = []) => [
    `apiVersion: backstage.io/v1alpha1`,
    `kind: ${kind}`,
    `metadata:`,
    `  name: ${name}`,
    ...extra,
  ];

  for (const g of groups) {
    docs.push({
      kind: 'Group',
      name: g.name,
      text: [
        ...head('Group', g.name, [`  description: ${q(`The ${g.name} ${g.type}`)}`]),
        `spec:`,
        `  type: ${g.type}`,
        `  profile:`,
        `    displayName: ${q(g.name)}`,
        `    email: ${g.name}@acme.example`,
        ...(g.parent ? [`  parent: ${g.parent}`] : []),
        `  children: [${g.children.join(', ')}]`,
      ].join('\n'),
    });
  }
  users.forEach((u, i) => {
    const memberOf = [teams[i % teams.length], ...(r() < 0.1 ? [pick(teams)] : [])];
    docs.push({
      kind: 'User',
      name: u,
      text: [
        ...head('User', u),
        `spec:`,
        `  profile:`,
        `    displayName: ${q(`User ${i}`)}`,
        `    email: ${u}@acme.example`,
        `  memberOf: [${[...new Set(memberOf)].join(', ')}]`,
      ].join('\n'),
    });
  });
  domains.forEach((d) => {
    docs.push({
      kind: 'Domain',
      name: d,
      text: [
        ...head('Domain', d, [`  description: ${q(`Everything about ${d.split('-')[1]}`)}`]),
        `spec:`,
        `  owner: group:default/${pick(teams)}`,
      ].join('\n'),
    });
  });
  systems.forEach((s) => {
    docs.push({
      kind: 'System',
      name: s,
      text: [
        ...head('System', s, [`  description: ${q(`The ${s.split('-')[1]} system`)}`, `  tags: [${pick(TAGS)}]`]),
        `spec:`,
        `  owner: ${pick(teams)}`,
        `  domain: ${pick(domains)}`,
      ].join('\n'),
    });
  });
  resources.forEach((res) => {
    docs.push({
      kind: 'Resource',
      name: res,
      text: [
        ...head('Resource', res, [`  description: ${q(`Storage for ${res.split('-')[1]} data`)}`]),
        `spec:`,
        `  type: ${res.split('-')[2]}`,
        `  owner: ${pick(teams)}`,
        `  system: ${pick(systems)}`,
      ].join('\n'),
    });
  });
  apis.forEach((a, i) => {
    const type = API_TYPES[i % API_TYPES.length];
    const noun = a.split('-')[0];
    docs.push({
      kind: 'API',
      name: a,
      text: [
        ...head('API', a, [
          `  title: ${q(`${title(noun, a.split('-')[1])} API`)}`,
          `  description: ${q(`API for ${noun} operations (${type})`)}`,
          `  tags: [${pick(TAGS)}, ${type}]`,
        ]),
        `spec:`,
        `  type: ${type}`,
        `  lifecycle: ${weighted(LIFECYCLES)}`,
        `  owner: group:default/${pick(teams)}`,
        `  system: ${pick(systems)}`,
        `  definition: |`,
        `    openapi: 3.0.0`,
        `    info:`,
        `      title: ${a}`,
        `      version: 1.${i % 10}.0`,
        `    paths:`,
        `      /${noun}s:`,
        `        get:`,
        `          summary: List ${noun}s`,
        `          responses:`,
        `            '200':`,
        `              description: OK`,
      ].join('\n'),
    });
  });
  components.forEach((c, i) => {
    const [adj, noun, suffix] = c.split('-');
    const provides = i % 5 === 0 && i / 5 < apis.length ? [apis[i / 5]] : [];
    const consumes = new Set<string>();
    for (let k = int(0, 2) + (r() < 0.2 ? 1 : 0); k > 0; k--) consumes.add(pick(apis));
    const depends = new Set<string>();
    for (let k = int(0, 2); k > 0; k--) depends.add(`component:${pick(components)}`);
    if (r() < 0.35) depends.add(`resource:${pick(resources)}`);
    depends.delete(`component:${c}`);
    const tags = [...new Set([pick(TAGS), pick(TAGS), ...(r() < 0.5 ? [pick(TAGS)] : [])])];
    const descriptionLine = `  description: ${q(`${title(noun, adj)} ${suffix} handling ${noun} ${pick(NOUNS)} flows for team ${i % 97}`)}`;
    docs.push({
      kind: 'Component',
      name: c,
      descriptionLine,
      text: [
        ...head('Component', c, [
          `  title: ${q(`${title(noun, adj)} ${suffix}`)}`,
          descriptionLine,
          `  tags: [${tags.join(', ')}]`,
          `  annotations:`,
          `    github.com/project-slug: acme/${c}`,
          `    backstage.io/techdocs-ref: dir:.`,
          `  links:`,
          `    - url: https://dashboards.acme.example/${c}`,
          `      title: Dashboard`,
        ]),
        `spec:`,
        `  type: ${weighted(COMPONENT_TYPES)}`,
        `  lifecycle: ${weighted(LIFECYCLES)}`,
        `  owner: ${pick(teams)}`,
        `  system: ${pick(systems)}`,
        ...(provides.length ? [`  providesApis: [${provides.join(', ')}]`] : []),
        ...(consumes.size ? [`  consumesApis: [${[...consumes].join(', ')}]`] : []),
        ...(depends.size ? [`  dependsOn: [${[...depends].join(', ')}]`] : []),
      ].join('\n'),
    });
  });

  fs.mkdirSync(dir, { recursive: true });
  const counts: Record<string, number> = {};
  const descriptions = new Map<string, { file: string; line: string }>();
  let files = 0;
  let bytes = 0;
  const byKind = new Map<string, typeof docs>();
  for (const d of docs) {
    counts[d.kind] = (counts[d.kind] ?? 0) + 1;
    if (!byKind.has(d.kind)) byKind.set(d.kind, []);
    byKind.get(d.kind)!.push(d);
  }
  for (const [kind, list] of byKind) {
    for (let i = 0; i < list.length; i += ENTITIES_PER_FILE) {
      const chunk = list.slice(i, i + ENTITIES_PER_FILE);
      const folder = path.join(dir, `${kind.toLowerCase()}-${pad(i / ENTITIES_PER_FILE, 4)}`);
      fs.mkdirSync(folder, { recursive: true });
      const file = path.join(folder, 'catalog-info.yaml');
      const text = chunk.map((d) => `---\n${d.text}\n`).join('');
      fs.writeFileSync(file, text);
      files++;
      bytes += Buffer.byteLength(text);
      for (const d of chunk) if (d.descriptionLine) descriptions.set(d.name, { file, line: d.descriptionLine });
    }
  }
  return {
    dir,
    files,
    bytes,
    counts,
    total: docs.length,
    componentNames: components,
    apiNames: apis,
    words: NOUNS,
    descriptions,
  };
}
