import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDefinitionError, parseScorecard } from './definition';

const EXAMPLES = path.resolve(import.meta.dirname, '../../../examples/scorecards');

describe('parseScorecard', () => {
  it.each(['catalog-registration.yaml', 'production-readiness.yaml'])('accepts the shipped %s', (file) => {
    const result = parseScorecard(readFileSync(path.join(EXAMPLES, file), 'utf8'), file);
    expect(result.ok ? result.definition.spec.levels.map((l) => l.name) : result.errors).toEqual(['Bronze', 'Silver', 'Gold']);
  });

  const base = (rule: string) => `apiVersion: wayfinder.dev/v1
kind: Scorecard
metadata:
  name: test
spec:
  levels:
    - name: Bronze
      rules:
        - id: r1
          title: A rule
${rule}
`;
  it.each([
    [
      'an unknown check kind',
      '          check: { lint: true }\n          remediation: x',
      11,
      18,
      'spec.levels[0].rules[0].check: unknown check; use one of field, annotation',
    ],
    [
      'a catastrophic pattern',
      "          check:\n            field: metadata.name\n            matches: '(a+)+$'\n          remediation: x",
      13,
      22,
      'spec.levels[0].rules[0].check.matches: a group with a quantifier',
    ],
    ['a missing remediation', '          check: { scaffolded: true }', 9, 11, 'spec.levels[0].rules[0].remediation: is required'],
    ['a YAML syntax error', '          check: { field: a, exists: true\n          remediation: x', 12, 11, 'invalid YAML'],
  ])('refuses %s at file:line:column', (_what, rule, line, column, message) => {
    const result = parseScorecard(base(rule), 'scorecards/test.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ file: 'scorecards/test.yaml', line, column });
    expect(formatDefinitionError(result.errors[0])).toContain(message);
  });

  it('refuses duplicate rule ids and a wrong apiVersion', () => {
    const twice = parseScorecard(
      base(
        '          check: { scaffolded: true }\n          remediation: x\n        - id: r1\n          title: B\n          check: { scaffolded: true }\n          remediation: y',
      ),
      'f.yaml',
    );
    expect(!twice.ok && twice.errors[0].message).toMatch(/rule id "r1" is used twice/);
    const version = parseScorecard(base('          check: { scaffolded: true }\n          remediation: x').replace('v1', 'v2'), 'f.yaml');
    expect(!version.ok && version.errors[0]).toMatchObject({
      line: 1,
      column: 13,
      message: 'apiVersion: apiVersion must be wayfinder.dev/v1',
    });
  });
});
