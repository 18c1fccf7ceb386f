import { describe, expect, it } from 'vitest';
import type { RJSFSchema } from '@rjsf/utils';
import { validateParameters } from '@/lib/scaffolder/model/parameters';
import { cfworkerValidator } from './validator';

// The form's browser-side check: the same verdicts as the server's, without eval.
describe('cfworkerValidator', () => {
  const schema = {
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string', title: 'Name', pattern: '^[a-z]+$', errorMessage: { pattern: 'lower-case only' } },
      java: { type: 'integer', enum: [17, 21] },
    },
  } as RJSFSchema;

  it('names each bad field, with the template message where given', () => {
    const { errors, errorSchema } = cfworkerValidator.validateFormData({ name: 'Bad', java: 11 }, schema);
    expect(errors.map((e) => [e.property, e.message])).toEqual([
      ['.name', 'lower-case only'],
      ['.java', 'java must be one of 17, 21'],
    ]);
    expect(errorSchema).toMatchObject({ name: { __errors: ['lower-case only'] } });
    expect(cfworkerValidator.validateFormData({}, schema).errors.map((e) => [e.property, e.message])).toEqual([
      ['.name', 'Name is required'],
    ]);
  });

  // The form shows a message under its field, without the field's label: the message names the
  // field, by its title, else its name, in the same words as the server's (ajv) message.
  const page = {
    type: 'object',
    required: ['title', 'site_name', 'repoUrl'],
    properties: {
      title: { title: 'Site title', type: 'string' },
      site_name: { type: 'string', pattern: '^[a-z-]+$' },
      repoUrl: { title: 'Repository location', type: 'string', errorMessage: 'Choose where the repository goes' },
      tier: { title: 'Tier', enum: ['tier-1', 'tier-2'] },
      port: { title: 'Port', type: 'integer', minimum: 1024, maximum: 65535 },
      replicas: { title: 'Replicas', type: 'integer', multipleOf: 2 },
      short: { title: 'Short code', type: 'string', minLength: 2, maxLength: 4 },
      tags: { title: 'Tags', type: 'array', minItems: 1, maxItems: 2 },
      kafka: { title: 'Kafka', const: true },
      count: { title: 'Count', type: 'number' },
      db: { type: 'object', required: ['host'], properties: { host: { type: 'string' } } },
    },
  };
  it.each([
    [{}, '.title', 'Site title is required'],
    [{}, '.site_name', 'site_name is required'],
    [{}, '.repoUrl', 'Choose where the repository goes'],
    [{ site_name: 'Bad' }, '.site_name', 'site_name must match ^[a-z-]+$'],
    [{ tier: 'tier-9' }, '.tier', 'Tier must be one of "tier-1", "tier-2"'],
    [{ port: 80 }, '.port', 'Port must be >= 1024'],
    [{ port: 70000 }, '.port', 'Port must be <= 65535'],
    [{ replicas: 3 }, '.replicas', 'Replicas must be multiple of 2'],
    [{ short: 'a' }, '.short', 'Short code must NOT have fewer than 2 characters'],
    [{ short: 'abcde' }, '.short', 'Short code must NOT have more than 4 characters'],
    [{ tags: [] }, '.tags', 'Tags must NOT have fewer than 1 items'],
    [{ tags: ['a', 'b', 'c'] }, '.tags', 'Tags must NOT have more than 2 items'],
    [{ kafka: false }, '.kafka', 'Kafka must be equal to constant'],
    [{ count: 'many' }, '.count', 'Count must be number'],
    [{ db: {} }, '.db.host', 'db.host is required'],
  ])('%j: %s reads "%s", as the server says it', (values, property, message) => {
    const mine = cfworkerValidator.validateFormData(values, page as RJSFSchema).errors.filter((e) => e.property === property);
    expect(mine.map((e) => e.message)).toEqual([message]);
    const server = validateParameters([page], values).filter((e) => `.${e.field}` === property);
    expect(server.map((e) => e.message)).toEqual([message]);
  });

  it('answers isValid for if/then and oneOf branches', () => {
    expect(cfworkerValidator.isValid({ properties: { kafka: { const: true } }, required: ['kafka'] }, { kafka: true }, {})).toBe(true);
    expect(cfworkerValidator.isValid({ properties: { kafka: { const: true } }, required: ['kafka'] }, { kafka: false }, {})).toBe(false);
  });

  it("takes the time its time widget writes, without a zone, as Backstage's form does", () => {
    // backstage/backstage sample-templates/bui-kitchen-sink-demo/template.yaml, page "Dates and files"
    // (trimmed). rjsf's time widget writes "14:30:00"; Backstage's validator (ajv-formats 2) reads
    // `format: time` with an optional zone, @cfworker/json-schema with a required one.
    const datesAndFiles = {
      properties: {
        startDate: { title: 'Start date', type: 'string', format: 'date', description: 'Uses the date widget' },
        startDateTime: { title: 'Start time', type: 'string', format: 'date-time', description: 'Uses the date-time widget' },
        cutoffTime: { title: 'Cutoff time', type: 'string', format: 'time', description: 'Uses the time widget' },
      },
    } as RJSFSchema;
    const values = { startDate: '2026-12-06', startDateTime: '2026-12-06T14:30:00.000Z', cutoffTime: '14:30:00' };
    expect(cfworkerValidator.validateFormData(values, datesAndFiles).errors).toEqual([]);
    expect(cfworkerValidator.validateFormData({ cutoffTime: '14:30:00+01:00' }, datesAndFiles).errors).toEqual([]);
    expect(cfworkerValidator.validateFormData({ cutoffTime: '24:30:00' }, datesAndFiles).errors.map((e) => e.message)).toEqual([
      'Cutoff time does not match format "time"',
    ]);
  });

  it('never compiles code', () => {
    const original = globalThis.Function;
    globalThis.Function = function () {
      throw new Error('eval used');
    } as unknown as FunctionConstructor;
    try {
      expect(cfworkerValidator.validateFormData({ name: 'ok' }, schema).errors).toEqual([]);
    } finally {
      globalThis.Function = original;
    }
  });
});
