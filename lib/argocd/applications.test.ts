import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedArgoApplications } from '@/standins/argocd/seed';
import { createArgoCdStandIn, type ArgoCdStandIn } from '@/standins/argocd/server';
import { useTestConfig } from '@/testing/test-config';
import { argoTargetOf, findArgoApplications } from './applications';

// The Argo CD card's reads against two Argo CD stand-ins (dev and prod), one instance whose token
// is wrong and one that cannot be reached: what is found where, and what each failure says.

let dev: ArgoCdStandIn;
let prod: ArgoCdStandIn;
beforeAll(async () => {
  [dev, prod] = await Promise.all([createArgoCdStandIn(), createArgoCdStandIn()]);
  await seedArgoApplications(dev, 'acme', [{ name: 'payments', repoURL: 'https://github.com/acme/payments', deployments: 7 }]);
  await seedArgoApplications(prod, 'acme', [
    { name: 'payments', repoURL: 'https://github.com/acme/payments', last: { health: 'Degraded', healthMessage: 'pods crash-looping' } },
    { name: 'ledger', repoURL: 'https://github.com/acme/ledger', last: { drifted: true } },
  ]);
});
afterAll(async () => Promise.all([dev.stop(), prod.stop()]));

useTestConfig('argocd-card', () =>
  [
    'argocd:',
    '  appLocatorMethods:',
    '    - type: config',
    '      instances:',
    `        - { name: dev, url: '${dev.url}', token: ${dev.token} }`,
    `        - { name: prod, url: '${prod.url}/', token: ${prod.token} }`,
    '',
  ].join('\n'),
);

describe('argoTargetOf', () => {
  it.each([
    [{ 'argocd/app-name': ' payments ' }, { name: 'payments' }],
    [
      { 'argocd/app-selector': 'team=payments', 'argocd/instance-name': 'prod' },
      { selector: 'team=payments', instance: 'prod' },
    ],
    [{ 'argocd/app-name': 'a', 'argocd/app-selector': 'b=c' }, { name: 'a' }],
    [{ 'github.com/project-slug': 'acme/x' }, null],
    [undefined, null],
  ])('%j', (annotations, target) => {
    expect(argoTargetOf(annotations)).toEqual(target);
  });
});

describe('findArgoApplications', () => {
  it('finds the application on every instance, with sync, health, revision and the last deployments newest first', async () => {
    const { applications, notFoundOn, errors } = await findArgoApplications({ name: 'payments' });
    expect([notFoundOn, errors]).toEqual([[], []]);
    expect(applications.map((a) => [a.instance, a.sync, a.health, a.healthMessage])).toEqual([
      ['dev', 'Synced', 'Healthy', null],
      ['prod', 'Synced', 'Degraded', 'pods crash-looping'],
    ]);
    const onDev = applications[0]!;
    expect(onDev.url).toBe(`${dev.url}/applications/payments`);
    expect(applications[1]!.url).toBe(`${prod.url}/applications/payments`);
    expect(onDev.destination).toBe('https://kubernetes.default.svc / payments');
    expect(onDev.history.map((h) => h.id)).toEqual([6, 5, 4, 3, 2]);
    expect(onDev.history[0]!.revision).toBe(onDev.revision);
    expect(onDev.lastSynced).toBe(onDev.history[0]!.deployedAt);
  });

  it('says where it was not found, and looks only on the instance the entity names', async () => {
    const ledger = await findArgoApplications({ name: 'ledger' });
    expect(ledger.notFoundOn).toEqual(['dev']);
    expect(ledger.applications.map((a) => [a.instance, a.sync])).toEqual([['prod', 'OutOfSync']]);
    expect((await findArgoApplications({ name: 'payments', instance: 'prod' })).applications.map((a) => a.instance)).toEqual(['prod']);
    expect(await findArgoApplications({ name: 'payments', instance: 'staging' })).toEqual({
      applications: [],
      notFoundOn: [],
      errors: [
        {
          instance: 'staging',
          error: 'no Argo CD instance named "staging" is configured (argocd.appLocatorMethods[].instances[] in wayfinder.config.yaml)',
        },
      ],
    });
  });

  it('finds applications by label selector', async () => {
    const found = await findArgoApplications({ selector: 'backstage-name=ledger' });
    expect(found.applications.map((a) => `${a.instance}/${a.name}`)).toEqual(['prod/ledger']);
    expect(found.notFoundOn).toEqual(['dev']);
  });

  it('an application name cannot reach another path of the API', async () => {
    const found = await findArgoApplications({ name: '../projects/acme' });
    expect(found.applications).toEqual([]);
    expect(found.notFoundOn).toEqual(['dev', 'prod']);
  });
});

describe('findArgoApplications when an instance fails', () => {
  useTestConfig('argocd-card-failing', () =>
    [
      'argocd:',
      '  appLocatorMethods:',
      '    - type: config',
      '      instances:',
      `        - { name: dev, url: '${dev.url}', token: ${dev.token} }`,
      `        - { name: prod, url: '${prod.url}', token: not-the-token }`,
      `        - { name: gone, url: 'http://127.0.0.1:1', token: t }`,
      '',
    ].join('\n'),
  );

  it('shows what it found and says, per instance, what to fix', async () => {
    const { applications, errors } = await findArgoApplications({ name: 'payments' });
    expect(applications.map((a) => a.instance)).toEqual(['dev']);
    expect(errors.map((e) => e.instance).sort()).toEqual(['gone', 'prod']);
    expect(errors.find((e) => e.instance === 'prod')?.error).toBe(
      'Argo CD prod refused the token (HTTP 401): check argocd.appLocatorMethods[].instances[].token',
    );
    expect(errors.find((e) => e.instance === 'gone')?.error).toMatch(/^Argo CD gone \(http:\/\/127\.0\.0\.1:1\) could not be reached: /);
  });
});
