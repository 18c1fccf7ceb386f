import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createGitHubStandIn, type GitHubStandIn } from '@/standins/github/server';
import { useTestConfig } from '@/testing/test-config';
import { CATALOG_ROUTES } from './catalog-routes';
import { startRouteServer } from './route-server';

// What the catalog API's contract tests share: the catalog routes served over HTTP, a service
// token, a GitHub stand-in (for analyze-location) configured as the integration, and descriptor
// files under `fixtures` that the tests register. Call after useTestDb(), at the top of the file.

export const CONTRACT_TOKEN = 'svc-contract-0123456789abcdef';
const GH_TOKEN = 'gho_contract_stand_in_token';

export const doc = (kind: string, name: string, spec: string, metadata = '') =>
  `apiVersion: backstage.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${metadata}spec:\n${spec}`;

const SERVICES = [
  doc(
    'Component',
    'orders',
    '  type: service\n  lifecycle: production\n  owner: team-a\n  providesApis: [orders-api, audit-api]\n',
    '  description: Takes orders\n  tags: [java, kafka]\n',
  ),
  doc(
    'Component',
    'billing',
    '  type: service\n  lifecycle: experimental\n  owner: team-b\n  consumesApis: [orders-api]\n',
    '  description: Sends invoices\n  tags: [go]\n',
  ),
  doc('Component', 'web', '  type: website\n  lifecycle: production\n  owner: team-a\n  dependsOn: [component:orders]\n'),
  doc('API', 'orders-api', '  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition: "openapi: 3.0.0"\n'),
  doc('API', 'audit-api', '  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition: "openapi: 3.0.0"\n'),
].join('---\n');

/** Backstage's generated Location entity ref of a location. */
export const generatedRef = (type: string, target: string) =>
  `location:default/generated-${createHash('sha1').update(`${type}:${target}`).digest('hex')}`;

export type CatalogFixture = {
  /** Base URL of the route server. */
  readonly base: string;
  /** URL of the GitHub stand-in (also its web base): repositories acme/payments (catalog files) and acme/bare-repo (none). */
  readonly github: string;
  readonly fixtures: string;
  /** A Location (acme) declaring teams.yaml (team-a, team-b) and services.yaml (orders, billing, web, orders-api, audit-api). */
  readonly rootTarget: string;
  /** One Component, extra-tool. */
  readonly extraTarget: string;
  /** One Component, other-tool. */
  readonly otherTarget: string;
};

export function setUpCatalogFixture(name: string): CatalogFixture {
  let gh: GitHubStandIn;
  let server: Awaited<ReturnType<typeof startRouteServer>>;
  // The stand-in must be up before the configuration (which names its URL) is read.
  beforeAll(async () => {
    gh = await createGitHubStandIn({
      seed: (state) => {
        state.addOrg({ login: 'acme', name: 'Acme' });
        state.addUser({ login: 'octo', name: 'Octo' });
        state.addOrgMember('acme', 'octo', 'admin');
        state.actor = 'octo';
        const files = {
          'catalog-info.yaml': doc('Component', 'payments', '  type: service\n  lifecycle: production\n  owner: team-a\n'),
          'tools/cli/catalog-info.yaml': doc('Component', 'payments-cli', '  type: tool\n  lifecycle: production\n  owner: team-a\n'),
          'README.md': '# payments\n',
        };
        state.createRepo('acme', { name: 'payments', files });
        state.createRepo('acme', { name: 'bare-repo', files: { 'README.md': '# nothing to see\n' } });
        state.issueToken('octo', ['repo', 'read:org'], GH_TOKEN);
      },
    });
    Object.assign(process.env, { WF_CONTRACT_GH_URL: gh.url, WF_CONTRACT_GH_TOKEN: GH_TOKEN });
  });
  const config = useTestConfig(
    name,
    [
      'catalog:',
      "  rules: [{ allow: ['*'] }]",
      '  fileLocationRoots: [./fixtures]',
      'integrations:',
      '  github:',
      '    - host: github.local',
      '      apiBaseUrl: ${WF_CONTRACT_GH_URL}',
      '      webBaseUrl: ${WF_CONTRACT_GH_URL}',
      '      token: ${WF_CONTRACT_GH_TOKEN}',
      'auth:',
      '  serviceTokens:',
      `    - { name: contract, token: ${CONTRACT_TOKEN}, scope: write }`,
      '',
    ].join('\n'),
  );
  const file = (rel: string) => path.join(config.dir, 'fixtures', rel);
  beforeAll(async () => {
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(file(rel)), { recursive: true });
      fs.writeFileSync(file(rel), text);
    };
    write('catalog-info.yaml', doc('Location', 'acme', '  targets: [./teams.yaml, ./services.yaml]\n'));
    write('teams.yaml', ['team-a', 'team-b'].map((n) => doc('Group', n, '  type: team\n  children: []\n')).join('---\n'));
    write('services.yaml', SERVICES);
    write('extra/catalog-info.yaml', doc('Component', 'extra-tool', '  type: tool\n  lifecycle: production\n  owner: team-b\n'));
    write('other/catalog-info.yaml', doc('Component', 'other-tool', '  type: tool\n  lifecycle: production\n  owner: team-b\n'));
    server = await startRouteServer(CATALOG_ROUTES);
  });
  afterAll(async () => {
    await server?.close();
    await gh?.stop();
    delete process.env.WF_CONTRACT_GH_URL;
    delete process.env.WF_CONTRACT_GH_TOKEN;
  });
  return {
    get base() {
      return server.url;
    },
    get github() {
      return gh.url;
    },
    get fixtures() {
      return path.join(config.dir, 'fixtures');
    },
    get rootTarget() {
      return file('catalog-info.yaml');
    },
    get extraTarget() {
      return file('extra/catalog-info.yaml');
    },
    get otherTarget() {
      return file('other/catalog-info.yaml');
    },
  };
}
