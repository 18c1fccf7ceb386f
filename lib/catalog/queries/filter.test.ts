import { describe, expect, it } from 'vitest';
import { andFilter, parseFilterParams } from './filter';

describe('parseFilterParams', () => {
  it.each([
    [['kind=component'], { anyOf: [{ allOf: [{ key: 'kind', values: ['component'] }] }] }],
    [
      ['kind=Component,spec.type=service'],
      {
        anyOf: [
          {
            allOf: [
              { key: 'kind', values: ['component'] },
              { key: 'spec.type', values: ['service'] },
            ],
          },
        ],
      },
    ],
    [
      ['kind=api', 'kind=component'],
      { anyOf: [{ allOf: [{ key: 'kind', values: ['api'] }] }, { allOf: [{ key: 'kind', values: ['component'] }] }] },
    ],
    [['kind=api,kind=component'], { anyOf: [{ allOf: [{ key: 'kind', values: ['api', 'component'] }] }] }],
    [
      ['metadata.annotations.backstage.io/techdocs-ref'],
      { anyOf: [{ allOf: [{ key: 'metadata.annotations.backstage.io/techdocs-ref' }] }] },
    ],
    [['', ' , '], { anyOf: [] }],
  ])('%j', (params, expected) => {
    expect(parseFilterParams(params)).toEqual(expected);
  });

  it('adds conditions to every alternative', () => {
    const f = andFilter(parseFilterParams(['kind=api', 'kind=component']), [{ key: 'spec.lifecycle', values: ['production'] }]);
    expect(f.anyOf.every((a) => a.allOf.some((c) => c.key === 'spec.lifecycle'))).toBe(true);
  });
});
