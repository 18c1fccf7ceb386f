import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseEntityRef, stringifyEntityRef, validateEntity } from '@/lib/catalog/model';
import { catalogInfoYaml, entityNameOf, ownerCandidates, wholeRepoOwners } from './register';

describe('CODEOWNERS', () => {
  it('takes the owners of the last rule covering the whole repository', () => {
    const text = [
      '# owners',
      '*       @acme/team-a',
      '/docs/  @acme/writers',
      '*       @acme/team-shipments @tombakker  # the real owners',
      'src/    @acme/team-b',
    ].join('\n');
    expect(wholeRepoOwners(text)).toEqual(['@acme/team-shipments', '@tombakker']);
  });

  it('finds none when no rule covers every file', () => {
    expect(wholeRepoOwners('/docs/ @acme/writers\n')).toEqual([]);
  });

  it('reads a CRLF line of 200 KB of comment marks in time that grows with its length, not its square', () => {
    // CODEOWNERS is a repository's text, read when someone proposes to register the repository.
    const started = performance.now();
    expect(wholeRepoOwners(`* @acme/team-a${' #'.repeat(100_000)}\r\n`)).toEqual(['@acme/team-a']);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('owner candidates', () => {
  it('puts CODEOWNERS teams first, then teams with access, each once; people are no team', () => {
    expect(
      ownerCandidates({
        codeowners: ['@acme/Team-Shipments', '@tombakker', '@acme/ghosts'],
        teamsWithAccess: ['group:default/team-routing', 'group:default/team-shipments'],
      }),
    ).toEqual(['group:default/team-shipments', 'group:default/ghosts', 'group:default/team-routing']);
  });
});

describe('generated catalog-info.yaml', () => {
  it('is a valid Component owned by the confirmed group, linked to its repository', () => {
    const doc = parse(
      catalogInfoYaml({ owner: 'acme', name: 'Rate_Limiter!', description: 'Limits rates', ownerRef: 'group:default/team-routing' }),
    );
    expect(doc).toMatchObject({
      kind: 'Component',
      metadata: { name: 'Rate_Limiter', annotations: { 'github.com/project-slug': 'acme/Rate_Limiter!' } },
      spec: { owner: 'team-routing', type: 'service' },
    });
    expect(validateEntity(doc)).toEqual([]);
  });

  // The catalog reads a bare owner as a Group of the default namespace, so another namespace stays.
  it.each([
    ['group:default/team-routing', 'team-routing'],
    ['group:platform/payments', 'platform/payments'],
  ])('writes the owner %s as %s, which the catalog reads back as that Group', (ownerRef, written) => {
    const doc = parse(catalogInfoYaml({ owner: 'globex', name: 'payments-api', description: null, ownerRef })) as {
      spec: { owner: string };
    };
    expect(doc.spec.owner).toBe(written);
    expect(stringifyEntityRef(parseEntityRef(doc.spec.owner, { defaultKind: 'Group', defaultNamespace: 'default' }))).toBe(ownerRef);
  });

  it.each([
    ['--weird--', 'weird'],
    ['a'.repeat(80), 'a'.repeat(63)],
    ['***', 'repository'],
  ])('names %s as %s', (repo, name) => expect(entityNameOf(repo)).toBe(name));
});
