import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestConfig } from '@/testing/test-config';
import { useTestDb } from '@/testing/test-db';
import { ingestLocationTree } from '../ingest/ingest-location';
import { registerLocation, syncConfigLocations } from '../location-admin';
import { findChoices } from './choices';

// What a picker offers as a person types: a page of Groups or Users, and for a lead's picker the
// people who could lead the group (trusted Users, its members first, never its leads).

const t = useTestDb();
const config = useTestConfig(
  'choices',
  'catalog:\n  rules:\n    - allow: [Group, User, Component, System]\n  locations:\n    - { type: file, target: ./org.yaml }\n  fileLocationRoots: [.]\n',
);

const group = (name: string, title?: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: ${name}\n${title ? `  title: ${title}\n` : ''}spec:\n  type: team\n  children: []\n`;
const user = (name: string, displayName: string, memberOf: string[] = []) =>
  `apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: ${name}\nspec:\n  profile:\n    displayName: ${displayName}\n  memberOf: ${JSON.stringify(memberOf)}\n`;
const pad = (i: number) => String(i).padStart(2, '0');

beforeAll(async () => {
  // The configuration's org (trusted): two teams and 30 people, 3 of them on team-ml.
  const people = Array.from({ length: 30 }, (_, i) => user(`person-${pad(i)}`, `Person ${pad(i)}`));
  people.push(user('eva-degroot', 'Eva de Groot', ['team-ml']), user('zoe-ml', 'Zoë', ['team-ml']), user('yann-ml', 'Yann', ['team-ml']));
  fs.writeFileSync(
    path.join(config.dir, 'org.yaml'),
    [
      group('team-ml', 'Machine Learning'),
      group('team-routing'),
      group('team_under', 'Literal 50%'),
      ...people,
      'apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: route-planning\n  title: Route planning\nspec:\n  owner: team-routing\n',
    ].join('---\n'),
  );
  for (const id of await syncConfigLocations()) await ingestLocationTree(id);
  // A User anyone registered is nobody: never offered as a lead.
  fs.writeFileSync(path.join(config.dir, 'registered.yaml'), user('eve-impostor', 'Eva Impostor', ['team-ml']));
  await registerLocation({ type: 'file', target: path.join(config.dir, 'registered.yaml') });
  await t.db.prisma.groupLead.create({ data: { groupRef: 'group:default/team-ml', userRef: 'user:default/yann-ml', source: 'portal' } });
}, 60_000);

describe('choices as a person types', () => {
  it('offers a page of the kinds asked for, by name, and says when there are more', async () => {
    const users = await findChoices({ kinds: ['user'] });
    expect(users.items).toHaveLength(20);
    expect(users.more).toBe(true);
    expect(users.items[0]).toEqual({ ref: 'user:default/eva-degroot', label: 'Eva de Groot' });
    expect(users.items.map((c) => c.ref)).toContain('user:default/eve-impostor');
    const groups = await findChoices({ kinds: ['group'] });
    expect(groups).toEqual({
      items: [
        { ref: 'group:default/team-ml', label: 'Machine Learning' },
        { ref: 'group:default/team-routing', label: 'team-routing' },
        { ref: 'group:default/team_under', label: 'Literal 50%' },
      ],
      more: false,
    });
    const both = await findChoices({ kinds: ['group', 'user'], text: 'ml' });
    expect(both.items.map((c) => c.ref)).toEqual(['group:default/team-ml', 'user:default/yann-ml', 'user:default/zoe-ml']);
  });

  it('offers any kind asked for: a System for a system field', async () => {
    expect(await findChoices({ kinds: ['system'], text: 'route' })).toEqual({
      items: [{ ref: 'system:default/route-planning', label: 'Route planning' }],
      more: false,
    });
    // The text is in the group's name and the system's: only the kinds asked for are offered.
    expect((await findChoices({ kinds: ['group'], text: 'rout' })).items.map((c) => c.ref)).toEqual(['group:default/team-routing']);
  });

  it('matches the ref, the title and the display name, case-insensitively and literally', async () => {
    expect((await findChoices({ kinds: ['user'], text: 'DE GROOT' })).items.map((c) => c.ref)).toEqual(['user:default/eva-degroot']);
    expect((await findChoices({ kinds: ['group'], text: 'learning' })).items.map((c) => c.ref)).toEqual(['group:default/team-ml']);
    expect((await findChoices({ kinds: ['group'], text: 'user:default/eva-degroot' })).items).toEqual([]);
    expect((await findChoices({ kinds: ['user'], text: 'user:default/eva-degroot' })).items.map((c) => c.ref)).toEqual([
      'user:default/eva-degroot',
    ]);
    // `%` and `_` are the characters typed, not wildcards.
    expect((await findChoices({ kinds: ['group'], text: '50%' })).items.map((c) => c.ref)).toEqual(['group:default/team_under']);
    expect((await findChoices({ kinds: ['group'], text: 'team_' })).items.map((c) => c.ref)).toEqual(['group:default/team_under']);
  });

  it("offers a group's possible leads: trusted people, its members first, never a current lead", async () => {
    const all = await findChoices({ kinds: ['user'], leadOf: 'group:default/team-ml' });
    expect(all.items.slice(0, 3)).toEqual([
      { ref: 'user:default/eva-degroot', label: 'Eva de Groot', member: true },
      { ref: 'user:default/zoe-ml', label: 'Zoë', member: true },
      { ref: 'user:default/person-00', label: 'Person 00', member: false },
    ]);
    const refs = (await findChoices({ kinds: ['user'], leadOf: 'group:default/team-ml', text: 'e' })).items.map((c) => c.ref);
    expect(refs).not.toContain('user:default/yann-ml');
    expect(refs).not.toContain('user:default/eve-impostor');
    // For another group she is one of everyone else, and he may be appointed.
    const routing = await findChoices({ kinds: ['user'], leadOf: 'group:default/team-routing', text: 'yann' });
    expect(routing.items).toEqual([{ ref: 'user:default/yann-ml', label: 'Yann', member: false }]);
  });
});
