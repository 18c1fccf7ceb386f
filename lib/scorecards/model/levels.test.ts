import { describe, expect, it } from 'vitest';
import { parseScorecard, type ScorecardDefinition } from './definition';
import type { EntityFacts } from './facts';
import { appliesTo, orderForAction, scoreEntity } from './levels';

const parsed = parseScorecard(
  `apiVersion: wayfinder.dev/v1
kind: Scorecard
metadata: { name: levels }
spec:
  appliesTo: { kind: Component, tags: [tier-1] }
  levels:
    - name: Bronze
      rules:
        - { id: owned, title: Owned, check: { relation: ownedByGroup }, remediation: Set an owner, weight: 3 }
    - name: Silver
      rules:
        - { id: system, title: System, check: { relation: partOfSystem }, remediation: Set a system }
    - name: Gold
      rules:
        - { id: template, title: Template, check: { scaffolded: true }, remediation: Use a template }
`,
  'levels.yaml',
);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const def: ScorecardDefinition = parsed.definition;

const entity = (over: Partial<EntityFacts>): EntityFacts => ({
  ref: 'component:default/a',
  kind: 'Component',
  specType: 'service',
  lifecycle: 'production',
  tags: ['tier-1'],
  owner: 'group:default/t',
  system: 'system:default/s',
  body: { metadata: {} },
  ownerEntity: { kind: 'Group', specType: 'team' },
  systemExists: true,
  providedApis: [],
  problems: [],
  docs: null,
  repository: null,
  ...over,
});
const now = new Date();

describe('levels', () => {
  it.each([
    ['all but the top level pass', {}, 'Silver', 2, 80],
    ['the first level fails', { ownerEntity: null }, null, 0, 20],
    [
      'a higher rule passes but a lower one fails',
      { systemExists: false, body: { metadata: { annotations: { 'backstage.io/source-template': 't' } } } },
      'Bronze',
      1,
      80,
    ],
    ['everything passes', { body: { metadata: { annotations: { 'backstage.io/source-template': 't' } } } }, 'Gold', 3, 100],
  ])('%s', (_what, over, level, index, score) => {
    const s = scoreEntity(def, entity(over), now);
    expect([s.level, s.levelIndex, s.score]).toEqual([level, index, score]);
  });

  it('lists the next level’s failing rules first', () => {
    const s = scoreEntity(def, entity({ systemExists: false }), now);
    expect(orderForAction(s, def).map((r) => [r.id, r.pass])).toEqual([
      ['system', false],
      ['template', false],
      ['owned', true],
    ]);
  });

  it.each([
    [{ kind: ['component'] }, {}, true],
    [{ kind: ['API'] }, {}, false],
    [{ tags: ['tier-1', 'tier-2'] }, {}, true],
    [{ tags: ['tier-2'] }, {}, false],
    [{ owner: ['t'] }, {}, true],
    [{ owner: ['group:default/other'] }, {}, false],
    [{ type: ['service'], lifecycle: ['experimental'] }, {}, false],
  ])('appliesTo %j', (filter, over, expected) => {
    expect(appliesTo(filter, entity(over))).toBe(expected);
  });
});
