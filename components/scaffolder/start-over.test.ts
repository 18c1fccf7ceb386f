import { describe, expect, it } from 'vitest';
import { MAX_FORM_DATA_CHARS, startOverHref, startValues } from './start-over';

// Start over: a finished task's answers carried to its template's form in the address, and what the
// form makes of an address someone edited.
describe('start over', () => {
  it('carries the answers to the template’s form and reads them back', () => {
    const values = { name: 'rates-docs', repoUrl: 'github.com?owner=acme&repo=rates-service', tags: ['docs'], count: 2 };
    const href = startOverHref('template:default/add-techdocs', values)!;
    expect(href).toMatch(/^\/create\/templates\/default\/add-techdocs\?formData=/);
    expect(startValues(new URL(href, 'http://portal').searchParams.get('formData')!)).toEqual({ values, problem: null });
    expect(startOverHref('template:default/add-techdocs', {})).toBe('/create/templates/default/add-techdocs');
  });

  it('offers no address for answers too long for one', () => {
    expect(startOverHref('template:default/x', { text: 'a'.repeat(MAX_FORM_DATA_CHARS) })).toBeNull();
  });

  it('starts empty, saying why, from answers it cannot use', () => {
    expect(startValues(undefined)).toEqual({ values: {}, problem: null });
    expect(startValues('not json').problem).toBe('The answers in the address (formData) are not JSON, so the form starts empty.');
    expect(startValues('[1,2]').problem).toMatch(/are not a JSON object of answers/);
    expect(startValues('null').problem).toMatch(/are not a JSON object of answers/);
    expect(startValues('x'.repeat(MAX_FORM_DATA_CHARS + 1)).problem).toMatch(/are longer than 8000 characters/);
    expect(startValues(['{"a":1}', '{"a":2}']).values).toEqual({ a: 1 });
  });

  it('drops keys that name a prototype', () => {
    const { values } = startValues('{"__proto__":{"polluted":true},"a":{"constructor":{"prototype":{"x":1}},"b":2}}');
    expect(values).toEqual({ a: { b: 2 } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
