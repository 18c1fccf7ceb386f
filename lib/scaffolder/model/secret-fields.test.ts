import { describe, expect, it } from 'vitest';
import { splitSecrets } from './secret-fields';

const secret = { type: 'string', 'ui:field': 'Secret' };

describe('splitSecrets', () => {
  it.each([
    [
      'at the top of a page',
      { properties: { name: { type: 'string' }, token: secret } },
      { name: 'x', token: 'hunter2' },
      { name: 'x' },
      'token',
    ],
    [
      'inside an object property',
      { properties: { registry: { type: 'object', properties: { host: { type: 'string' }, password: secret } } } },
      { registry: { host: 'registry.example', password: 'hunter2' } },
      { registry: { host: 'registry.example' } },
      'password',
    ],
    [
      'in a dependencies/oneOf branch',
      {
        properties: { auth: { type: 'string', enum: ['none', 'token'] } },
        dependencies: { auth: { oneOf: [{ properties: { auth: { const: 'token' }, apiKey: secret } }] } },
      },
      { auth: 'token', apiKey: 'hunter2' },
      { auth: 'token' },
      'apiKey',
    ],
    [
      "in an array's items",
      { properties: { mirrors: { type: 'array', items: { type: 'object', properties: { url: { type: 'string' }, key: secret } } } } },
      { mirrors: [{ url: 'a', key: 'hunter2' }, { url: 'b' }] },
      { mirrors: [{ url: 'a' }, { url: 'b' }] },
      'key',
    ],
    [
      'behind a $ref',
      { definitions: { creds: { type: 'object', properties: { pass: secret } } }, properties: { db: { $ref: '#/definitions/creds' } } },
      { db: { pass: 'hunter2' } },
      { db: {} },
      'pass',
    ],
  ])('moves a Secret field %s out of the parameters, under its name', (_where, page, values, kept, name) => {
    const before = structuredClone(values);
    expect(splitSecrets([page], values)).toEqual({ values: kept, secrets: { [name]: 'hunter2' }, errors: [] });
    // The submitted values are left as they were.
    expect(values).toEqual(before);
  });

  it('keeps the API secrets, and takes out a Secret field that is empty or not text without keeping it', () => {
    const page = { properties: { token: secret, other: secret } };
    expect(splitSecrets([page], { token: '', other: 42 }, { extra: 'from-api' })).toEqual({
      values: {},
      secrets: { extra: 'from-api' },
      errors: [],
    });
  });

  it('refuses two Secret fields of one name with different values, naming both', () => {
    const creds = { type: 'object', properties: { password: secret } };
    const page = { properties: { registry: creds, database: creds } };
    expect(splitSecrets([page], { registry: { password: 'a-one' }, database: { password: 'a-two' } }).errors).toEqual([
      {
        field: 'database.password',
        message:
          "database.password and registry.password are both Secret fields named password, and a template reads a secret by its name (secrets.password): ask the template's owner to rename one of them",
      },
    ]);
    expect(splitSecrets([page], { registry: { password: 'same' }, database: { password: 'same' } })).toMatchObject({
      values: { registry: {}, database: {} },
      secrets: { password: 'same' },
      errors: [],
    });
  });

  it('walks a schema that refers to itself once per value', () => {
    const page = {
      properties: { node: { $ref: '#/definitions/node' } },
      definitions: { node: { properties: { key: secret, next: { $ref: '#/definitions/node' } } } },
    };
    expect(splitSecrets([page], { node: { next: { next: { key: 'hunter2' } } } })).toEqual({
      values: { node: { next: { next: {} } } },
      secrets: { key: 'hunter2' },
      errors: [],
    });
  });

  it('refuses values too large to walk against a schema that branches at every object, at once', () => {
    const values = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, 'x']));
    const page = {
      properties: { token: secret },
      anyOf: Array.from({ length: 1_000 }, (_, i) => ({ properties: { [`p${i}`]: { type: 'string' } } })),
    };
    const started = performance.now();
    expect(splitSecrets([page], { ...values, token: 'hunter2' })).toEqual({
      values: {},
      secrets: {},
      errors: [
        { field: '_', message: expect.stringMatching(/^The Secret fields could not be taken out of the values: .* too large together/) },
      ],
    });
    expect(performance.now() - started).toBeLessThan(2_000);
    // A page with no Secret field is not walked.
    expect(splitSecrets([{ ...page, properties: {} }], values).errors).toEqual([]);
  });
});
