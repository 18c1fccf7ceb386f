import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Templater } from '../sandbox/templater';
import { hasPageConditions, readSubmission, resolveParameterSteps } from './parameter-steps';

// Expected results are those of @backstage/plugin-scaffolder-common 2.4's resolveParameterSteps
// (what scaffolder-backend 4.3's router runs) on the same pages and values.

let t: Templater;
beforeAll(async () => {
  t = await Templater.create();
}, 30_000);
afterAll(() => t.dispose());

// Backstage's sample template conditional-parameters-demo.
const cloud = [
  {
    title: 'Choose Cloud Provider',
    required: ['name', 'cloudProvider'],
    properties: { name: { title: 'Component Name', type: 'string' }, cloudProvider: { type: 'string', enum: ['AWS', 'GCP', 'Azure'] } },
  },
  {
    title: 'AWS Configuration',
    when: "${{ parameters.cloudProvider === 'AWS' }}",
    required: ['awsRegion'],
    properties: { awsRegion: { title: 'AWS Region', type: 'string', enum: ['us-east-1', 'eu-west-1'] }, awsAccountId: { type: 'string' } },
  },
  {
    title: 'GCP Configuration',
    when: "${{ parameters.cloudProvider === 'GCP' }}",
    required: ['gcpProjectId'],
    properties: { gcpProjectId: { title: 'GCP Project ID', type: 'string' }, gcpRegion: { type: 'string' } },
  },
  { title: 'Advanced Options', properties: { enableMonitoring: { type: 'boolean' } } },
  { title: 'Monitoring', when: '${{ parameters.enableMonitoring }}', properties: { alertEmail: { type: 'string' } } },
];

describe('resolveParameterSteps', () => {
  it.each<[string, Record<string, unknown>[], Record<string, unknown>, boolean[], Record<string, unknown>]>([
    [
      'hides the pages of the other providers, and drops what only they hold (a stale AWS answer)',
      cloud,
      {
        name: 'svc',
        cloudProvider: 'GCP',
        gcpProjectId: 'p1',
        awsRegion: 'us-east-1',
        enableMonitoring: false,
        alertEmail: 'a@b.c',
        extra: 1,
      },
      [true, false, true, true, false],
      { name: 'svc', cloudProvider: 'GCP', gcpProjectId: 'p1', enableMonitoring: false, extra: 1 },
    ],
    [
      'shows a page whose condition holds',
      cloud,
      { name: 'svc', cloudProvider: 'AWS', enableMonitoring: true },
      [true, true, false, true, true],
      { name: 'svc', cloudProvider: 'AWS', enableMonitoring: true },
    ],
    [
      'decides pages in order: a condition sees no value of a page hidden before it',
      [
        { properties: { a: { type: 'boolean' } } },
        { when: '${{ parameters.a }}', properties: { b: { type: 'string' } } },
        { when: "${{ parameters.b === 'x' }}", properties: { c: { type: 'string' } } },
      ],
      { a: false, b: 'x', c: '1' },
      [true, false, false],
      { a: false },
    ],
    [
      'reads booleans, bare expressions and blanks; a condition that fails shows its page',
      [
        { when: false, properties: { f: {} } },
        { when: true, properties: { t: {} } },
        { when: 'parameters.a', properties: { bare: {} } },
        { when: '   ', properties: { blank: {} } },
        { when: '${{ parameters.a | nope }}', properties: { broken: {} } },
        { when: 0, properties: { zero: {} } },
        { when: '${{ parameters.list }}', properties: { list: {} } },
        // No JSON coercion here: a statement is wrapped in ${{ }} like any bare text, and fails.
        { when: '{% if parameters.a %}false{% endif %}', properties: { stmt: {} } },
      ],
      { a: false, list: [1], f: 1, bare: 1 },
      [false, true, false, true, true, true, true, true],
      { a: false, list: [1] },
    ],
    [
      'keeps a field a shown page holds too',
      [
        { properties: { mode: { type: 'string' }, both: { type: 'string' } } },
        { when: "${{ parameters.mode === 'x' }}", properties: { both: { type: 'string' }, only: { type: 'string' } } },
      ],
      { mode: 'y', both: 'kept', only: 'dropped' },
      [true, false],
      { mode: 'y', both: 'kept' },
    ],
    [
      'drops nested fields, list items’ fields and the fields of branches (dependencies, if/then)',
      [
        {
          properties: {
            on: { type: 'boolean' },
            config: { type: 'object', properties: { shown: { type: 'number' } } },
            items: { type: 'array', items: { type: 'object', properties: { a: {} } } },
          },
        },
        {
          when: '${{ parameters.on }}',
          properties: {
            config: { type: 'object', properties: { hidden: { type: 'number' } } },
            items: { type: 'array', items: { type: 'object', properties: { b: {} } } },
            kind: { type: 'string' },
          },
          dependencies: { kind: { oneOf: [{ properties: { kind: { const: 'a' }, aField: { type: 'string' } } }] } },
          allOf: [{ if: { properties: { kind: { const: 'b' } } }, then: { properties: { bField: { type: 'string' } } } }],
        },
      ],
      { on: false, config: { hidden: 1, shown: 2, other: 3 }, items: [{ a: 1, b: 2 }, { a: 3 }], kind: 'a', aField: 'x', bField: 'y' },
      [true, false],
      { on: false, config: { shown: 2, other: 3 }, items: [{ a: 1 }, { a: 3 }] },
    ],
    [
      'follows local $refs; a reference it cannot follow claims nothing on a hidden page',
      [
        { properties: { on: { type: 'boolean' } } },
        { when: '${{ parameters.on }}', properties: { r: { $ref: '#/definitions/R' } }, definitions: { R: { properties: { x: {} } } } },
        { properties: { r: { type: 'object', properties: { y: {} } } } },
        { when: '${{ parameters.on }}', properties: { s: { $ref: 'https://example.test/schema.json' } } },
      ],
      { on: false, r: { x: 1, y: 2, z: 3 }, s: 1 },
      [true, false, true, false],
      { on: false, r: { y: 2, z: 3 }, s: 1 },
    ],
  ])('%s', (_name, pages, values, visible, kept) => {
    expect(resolveParameterSteps(pages, values, t)).toEqual({ visible, values: kept });
  });

  it('needs no renderer when no page has an expression', () => {
    expect(hasPageConditions([{ when: false }, { when: ' ' }, {}])).toBe(false);
    expect(resolveParameterSteps([{ when: false, properties: { a: {} } }], { a: 1, b: 2 })).toEqual({ visible: [false], values: { b: 2 } });
    expect(hasPageConditions(cloud)).toBe(true);
  });
});

describe('readSubmission', () => {
  it('does not require the fields of a hidden page', () => {
    expect(
      readSubmission(cloud, { values: { name: 'svc', cloudProvider: 'GCP', gcpProjectId: 'p1', awsAccountId: '12' }, secrets: {} }, t),
    ).toEqual({
      errors: [],
      values: { name: 'svc', cloudProvider: 'GCP', gcpProjectId: 'p1' },
      secrets: {},
    });
  });

  it('requires the fields of a shown page', () => {
    expect(readSubmission(cloud, { values: { name: 'svc', cloudProvider: 'AWS' }, secrets: {} }, t).errors).toEqual([
      { field: 'awsRegion', message: 'AWS Region is required' },
    ]);
  });

  it('moves the Secret fields of shown pages to the secrets, and drops those of hidden pages', () => {
    const pages = [
      { properties: { useToken: { type: 'boolean' }, name: { type: 'string', 'ui:field': 'Secret' } } },
      { when: '${{ parameters.useToken }}', properties: { token: { type: 'string', 'ui:field': 'Secret' } } },
    ];
    expect(readSubmission(pages, { values: { useToken: false, name: 'n', token: 'stale' }, secrets: {} }, t)).toEqual({
      errors: [],
      values: { useToken: false },
      secrets: { name: 'n' },
    });
  });
});
