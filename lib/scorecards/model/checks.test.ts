import { describe, expect, it } from 'vitest';
import { checkSchema, evaluateCheck, type Check } from './checks';
import type { EntityFacts, RepoFacts } from './facts';

const NOW = new Date('2026-12-01T12:00:00Z');
const repoFacts: RepoFacts = {
  catalogInfoAtRoot: true,
  codeowners: true,
  readme: true,
  mkdocs: true,
  docsFolder: true,
  workflowFiles: ['.github/workflows/ci.yml'],
  latestRun: { name: 'CI', status: 'completed', conclusion: 'success', url: 'https://x', at: '2026-11-30T10:00:00Z' },
  branchProtected: true,
  requiredReviews: 1,
  dependencyPrs: [],
};
function facts(over: Partial<EntityFacts> = {}): EntityFacts {
  return {
    ref: 'component:default/orders',
    kind: 'Component',
    specType: 'service',
    lifecycle: 'production',
    tags: ['tier-1', 'java'],
    owner: 'group:default/team-orders',
    system: 'system:default/shop',
    body: {
      metadata: {
        name: 'orders',
        annotations: { 'backstage.io/techdocs-ref': 'dir:.', 'pagerduty.com/service-id': 'P123' },
        tags: ['tier-1', 'java'],
      },
      spec: { lifecycle: 'production', owner: 'team-orders' },
    },
    ownerEntity: { kind: 'Group', specType: 'team' },
    systemExists: true,
    providedApis: [],
    problems: [],
    docs: { builtAt: '2026-11-30T00:00:00Z', sourceChangedAt: '2026-11-20T00:00:00Z', failure: null, problemCount: 0 },
    repository: { name: 'acme/orders', facts: repoFacts, error: null },
    ...over,
  };
}
const check = (raw: unknown) => checkSchema.parse(raw) as Check;
const run = (raw: unknown, f = facts()) => evaluateCheck(check(raw), f, NOW);

describe('entity field and annotation checks', () => {
  it.each([
    [{ field: 'spec.lifecycle', exists: true }, true],
    [{ field: 'spec.system', exists: true }, false],
    [{ field: 'spec.lifecycle', equals: 'production' }, true],
    [{ field: 'spec.lifecycle', equals: 'experimental' }, false],
    [{ field: 'metadata.name', matches: '^[a-z][a-z0-9-]*$' }, true],
    [{ field: 'metadata.name', matches: '^svc-' }, false],
    [{ field: 'spec.lifecycle', oneOf: ['production', 'deprecated'] }, true],
    [{ field: 'metadata.tags', oneOf: ['tier-1'] }, true],
    [{ field: 'metadata.tags', equals: 'go' }, false],
    [{ annotation: 'pagerduty.com/service-id', exists: true }, true],
    [{ annotation: 'opsgenie.com/component-selector', exists: true }, false],
    [{ annotation: 'pagerduty.com/service-id', matches: '^P[0-9]+$' }, true],
  ])('%j → %s', (raw, pass) => {
    expect(run(raw).pass).toBe(pass);
  });

  it('says what it saw', () => {
    expect(run({ field: 'spec.lifecycle', equals: 'experimental' }).seen).toBe('`spec.lifecycle` is `production`; expected `experimental`');
    expect(run({ annotation: 'opsgenie.com/x', exists: true }).seen).toBe('annotation `opsgenie.com/x` is not set');
  });

  it("puts a value holding backticks in a code span it cannot end (CommonMark's longer fence)", () => {
    const seen = (description: unknown) =>
      run({ field: 'metadata.description', exists: true }, facts({ body: { metadata: { name: 'orders', description } } })).seen;
    expect(seen('a` [docs](https://evil.example) `b')).toBe('`metadata.description` is ``a` [docs](https://evil.example) `b``');
    expect(seen('x ``` y')).toBe('`metadata.description` is ````x ``` y````');
    expect(seen('`x` ``y``')).toBe('`metadata.description` is ``` `x` ``y`` ```');
    expect(seen('``')).toBe('`metadata.description` is ``` `` ```');
    const owner = run({ relation: 'ownedByGroup' }, facts({ owner: 'group:default/a`b', ownerEntity: null })).seen;
    expect(owner).toBe('owner ``group:default/a`b`` is not in the catalog');
  });

  it('reads a value of 200 KB that starts with a space in time that grows with its length, not its square', () => {
    // The annotation is a repository's text, of any length; the check is judged for every entity.
    const template = ` ${'a'.repeat(200_000)}`;
    const started = performance.now();
    const { seen } = run(
      { scaffolded: true },
      facts({ body: { metadata: { annotations: { 'backstage.io/source-template': template } } } }),
    );
    expect(seen).toBe(`created from template \`${template}\``);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(run({ field: 'metadata.title', equals: ' a ' }).seen).toMatch(/expected `  a  `$/);
  });

  it('refuses two operators, none, and catastrophic patterns', () => {
    expect(checkSchema.safeParse({ field: 'a', exists: true, equals: 'x' }).error?.issues[0].message).toMatch(
      /exactly one of exists, equals, matches or oneOf/,
    );
    expect(checkSchema.safeParse({ field: 'a' }).error?.issues[0].message).toMatch(/exactly one/);
    expect(checkSchema.safeParse({ field: 'a', matches: '(a+)+$' }).error?.issues[0].message).toMatch(/exponential/);
    expect(checkSchema.safeParse({ nope: 1 }).error?.issues[0].message).toMatch(/unknown check; use one of field, annotation/);
  });

  it('never runs a pattern refused now that a definition stored before holds, and matches a list on its first 100 values', () => {
    const digits = facts({ body: { metadata: { name: 'orders', annotations: { id: '1'.repeat(1_000) } } } });
    const started = performance.now();
    const outcome = evaluateCheck({ annotation: 'id', matches: '\\d*\\d*\\d*x' }, digits, NOW);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(outcome).toMatchObject({
      pass: false,
      seen: expect.stringMatching(/the pattern is not run: its repeats .* can combine in more than/),
    });

    const tags = (n: number) => facts({ body: { metadata: { name: 'orders', tags: [...Array(n - 1).fill('x'), 'java'] } } });
    expect(run({ field: 'metadata.tags', matches: '^java$' }, tags(100)).pass).toBe(true);
    expect(run({ field: 'metadata.tags', matches: '^java$' }, tags(101)).pass).toBe(false);
  });
});

describe('relation checks', () => {
  it('owned by an existing Group (of a type)', () => {
    expect(run({ relation: 'ownedByGroup' }).pass).toBe(true);
    expect(run({ relation: 'ownedByGroup', groupType: 'team' }).pass).toBe(true);
    expect(run({ relation: 'ownedByGroup' }, facts({ ownerEntity: null, owner: 'group:default/team-x' })).seen).toBe(
      'owner `group:default/team-x` is not in the catalog',
    );
    const user = run({ relation: 'ownedByGroup' }, facts({ ownerEntity: { kind: 'User', specType: null }, owner: 'user:default/jo' }));
    expect(user).toEqual({ pass: false, seen: 'owner `user:default/jo` is not a Group in the catalog (it is a User)' });
    expect(
      run({ relation: 'ownedByGroup', groupType: 'team' }, facts({ ownerEntity: { kind: 'Group', specType: 'department' } })).pass,
    ).toBe(false);
  });

  it('part of an existing System', () => {
    expect(run({ relation: 'partOfSystem' }).pass).toBe(true);
    expect(run({ relation: 'partOfSystem' }, facts({ systemExists: false })).seen).toBe(
      'system `system:default/shop` is not a System in the catalog',
    );
    expect(run({ relation: 'partOfSystem' }, facts({ system: null })).pass).toBe(false);
  });

  it('provided APIs have a definition', () => {
    expect(run({ relation: 'apisHaveDefinition' }).pass).toBe(true);
    const apis = [{ ref: 'api:default/orders', exists: true, type: 'openapi', hasDefinition: true }];
    expect(run({ relation: 'apisHaveDefinition' }, facts({ providedApis: apis })).pass).toBe(true);
    const bad = [...apis, { ref: 'api:default/legacy', exists: true, type: 'soap', hasDefinition: true }];
    expect(run({ relation: 'apisHaveDefinition' }, facts({ providedApis: bad })).seen).toMatch(/api:default\/legacy` has type `soap`/);
  });
});

describe('problems, docs, scaffolder checks', () => {
  it('no open catalog problems', () => {
    expect(run({ problems: 'none' }).pass).toBe(true);
    expect(run({ problems: 'none' }, facts({ problems: [{ message: 'bad owner' }] })).seen).toBe('1 open problem: bad owner');
  });

  it('docs configured, built cleanly, updated within N days', () => {
    expect(run({ docs: 'configured' }).pass).toBe(true);
    expect(run({ docs: 'buildOk' }).pass).toBe(true);
    expect(
      run({ docs: 'buildOk' }, facts({ docs: { builtAt: 'x', sourceChangedAt: null, failure: 'mkdocs.yml missing', problemCount: 0 } }))
        .pass,
    ).toBe(false);
    expect(run({ docs: 'updatedWithin', days: 30 }).seen).toBe('docs last changed 11 days ago (2026-11-20); expected within 30');
    expect(run({ docs: 'updatedWithin', days: 7 }).pass).toBe(false);
    expect(run({ docs: 'configured' }, facts({ body: { metadata: {} } })).pass).toBe(false);
    expect(checkSchema.safeParse({ docs: 'updatedWithin' }).error?.issues[0].message).toMatch(/needs days/);
  });

  it('scaffolder origin', () => {
    expect(run({ scaffolded: true }).pass).toBe(false);
    expect(
      run({ scaffolded: true }, facts({ body: { metadata: { annotations: { 'backstage.io/source-template': 'template:default/java' } } } }))
        .pass,
    ).toBe(true);
  });
});

describe('repository checks', () => {
  const withFacts = (f: Partial<RepoFacts>) => facts({ repository: { name: 'acme/orders', facts: { ...repoFacts, ...f }, error: null } });
  it.each([
    ['catalogInfoAtRoot', { catalogInfoAtRoot: false }],
    ['codeowners', { codeowners: false }],
    ['readme', { readme: false }],
    ['techdocsFiles', { mkdocs: false }],
    ['defaultBranchProtected', { branchProtected: false }],
    ['ciWorkflow', { workflowFiles: [] }],
    ['ciGreen', { latestRun: { name: 'CI', status: 'completed', conclusion: 'failure', url: 'x', at: '2026-11-30T00:00:00Z' } }],
  ] as [string, Partial<RepoFacts>][])('%s passes, and fails on %j', (name, failing) => {
    expect(run({ repository: name }).pass).toBe(true);
    expect(run({ repository: name }, withFacts(failing)).pass).toBe(false);
  });

  it('required reviews and old dependency PRs', () => {
    expect(run({ repository: 'requiredReviews', atLeast: 2 }).seen).toBe(
      '1 approving review required on the default branch; expected at least 2',
    );
    const prs = [{ number: 7, title: 'Bump lodash', url: 'x', createdAt: '2026-11-01T00:00:00Z' }];
    expect(run({ repository: 'dependencyPrs', olderThanDays: 14 }, withFacts({ dependencyPrs: prs })).seen).toMatch(
      /1 Dependabot\/Renovate pull request open longer than 14 days, e.g. #7/,
    );
    expect(run({ repository: 'dependencyPrs', olderThanDays: 60 }, withFacts({ dependencyPrs: prs })).pass).toBe(true);
  });

  it('explains a missing repository', () => {
    expect(run({ repository: 'readme' }, facts({ repository: null })).seen).toMatch(/does not come from a GitHub repository/);
    expect(run({ repository: 'readme' }, facts({ repository: { name: 'acme/x', facts: null, error: 'Not Found' } })).seen).toBe(
      'repository `acme/x` could not be read: Not Found',
    );
  });
});
