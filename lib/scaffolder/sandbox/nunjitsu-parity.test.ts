import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderString } from '../model/render';
import { TEMPLATE_FILTERS } from '../model/templating-extensions';
import { Templater } from './templater';

// Backstage 4.3 renders templates with nunjitsu (a closed Nunjucks 3.2.4 subset); it needs Node 22,
// so Wayfinder runs Nunjucks 3.2.4 in a QuickJS sandbox instead. These tests pin the sandboxed
// engine to nunjitsu 0.7.0's behaviour where the two could differ, so a template that runs in one
// runs the same in the other (nunjitsu-differential.test.ts renders the same templates with
// nunjitsu itself). The lists are nunjitsu's own (src/runtime/builtins.ts).

const NUNJITSU_FILTERS = [
  'abs',
  'batch',
  'capitalize',
  'center',
  'd',
  'default',
  'dictsort',
  'dump',
  'e',
  'escape',
  'first',
  'float',
  'forceescape',
  'groupby',
  'indent',
  'int',
  'join',
  'last',
  'length',
  'list',
  'lower',
  'nl2br',
  'random',
  'reject',
  'rejectattr',
  'replace',
  'reverse',
  'round',
  'safe',
  'select',
  'selectattr',
  'slice',
  'sort',
  'string',
  'striptags',
  'sum',
  'title',
  'trim',
  'truncate',
  'upper',
  'urlencode',
  'urlize',
  'wordcount',
];

// [test, positional arguments it takes]
const NUNJITSU_TESTS: [string, number][] = [
  ['callable', 0],
  ['defined', 0],
  ['divisibleby', 1],
  ['escaped', 0],
  ['eq', 1],
  ['equalto', 1],
  ['even', 0],
  ['falsy', 0],
  ['ge', 1],
  ['greaterthan', 1],
  ['gt', 1],
  ['iterable', 0],
  ['le', 1],
  ['lessthan', 1],
  ['lower', 0],
  ['lt', 1],
  ['mapping', 0],
  ['ne', 1],
  ['null', 0],
  ['number', 0],
  ['odd', 0],
  ['sameas', 1],
  ['string', 0],
  ['truthy', 0],
  ['undefined', 0],
  ['upper', 0],
];

let t: Templater;
beforeAll(async () => {
  t = await Templater.create();
}, 30_000);
afterAll(() => t.dispose());

const context = { parameters: { name: 'payments', tags: ['java'] } };

describe('the same standard library as nunjitsu', () => {
  it.each(NUNJITSU_FILTERS)('has the filter %s', (name) => {
    // Nunjucks resolves filters when it compiles: an unknown one fails even in a branch never taken.
    expect(t.render(`{% if false %}\${{ parameters.name | ${name} }}{% endif %}ok`, context)).toBe('ok');
  });

  it('documents exactly these on the templating extensions page', () => {
    const documented = Object.entries(TEMPLATE_FILTERS).filter(([, f]) => f.origin === 'nunjucks');
    expect(documented.map(([name]) => name).sort()).toEqual(NUNJITSU_FILTERS);
  });

  it.each(NUNJITSU_TESTS)('has the test %s', (name, arity) => {
    const value = name === 'lower' || name === 'upper' ? "'a'" : '2'; // the two take text only
    expect(['true', 'false']).toContain(t.render(`\${{ ${value} is ${name}${arity ? '(2)' : ''} }}`, context));
  });

  it('takes text only in the lower and upper tests, as nunjitsu does', () => {
    expect(t.render("${{ 'abc' is lower }} ${{ 'Abc' is upper }}", context)).toBe('true false');
    expect(() => t.render('${{ 2 is lower }}', context)).toThrow();
  });

  it('knows Backstage’s own filters', () => {
    expect(t.render("${{ 'github.com?owner=acme&repo=x' | projectSlug }} ${{ parameters | pick('name') }}", context)).toBe(
      'acme/x payments',
    );
  });
});

describe('names nunjitsu refuses everywhere: constructor, prototype, __proto__', () => {
  it.each([
    '${{ parameters.constructor }}',
    '${{ parameters["constructor"] }}',
    "${{ parameters['__proto__'] }}",
    '${{ parameters.tags.constructor }}',
    '${{ range.prototype }}',
    "${{ ''.constructor }}",
    '${{ constructor }}',
    '${{ __proto__ }}',
    '{% set x = parameters %}${{ x.constructor }}',
    '{% set __proto__ = parameters %}done',
    '${{ (parameters | dump).constructor }}',
  ])('%s fails, naming the reserved name', (template) => {
    expect(() => t.render(template, context)).toThrow(/Template name (constructor|prototype|__proto__) is reserved/);
  });

  it('leaves ordinary names alone, including ones that contain a reserved word', () => {
    expect(t.render('${{ parameters.name }} ${{ { constructorName: 1 }.constructorName }} ${{ parameters.tags | join }}', context)).toBe(
      'payments 1 java',
    );
  });
});

// Backstage 4.3 renders each string of a step's input, `if`, `each` and `output` with nunjitsu's
// `renderValue(value, context, { coercion: 'json' })` (NunjucksWorkflowRunner.render), and a parameter
// page's `when` with `renderValue(condition, { parameters })`, no coercion (scaffolder-common's
// evaluateCondition). The expected values are nunjitsu 0.7.0's own, from running it.
const valueContext = {
  parameters: { name: 'svc', flag: true, n: 3, num: '42', s: 'true', empty: '', list: ['a', 'b'] },
  steps: { 'fetch.base': { output: { x: 1 } } },
};

describe('values as nunjitsu renders them with JSON coercion (step inputs, if, each, output)', () => {
  it.each<[string, unknown]>([
    // One expression and nothing else keeps its type; any text around it makes the whole text.
    ['${{ parameters.flag }}', true],
    ['${{ parameters.flag }}\n', 'true\n'],
    [' ${{ parameters.name }}', ' svc'],
    ['${{ parameters.n }} ', '3 '],
    ['${{ parameters.name }}${{ parameters.n }}', 'svc3'],
    ['${{ parameters.s }}', 'true'],
    ['${{ parameters.num }}', '42'],
    ['${{ parameters.empty }}', ''],
    ['${{ parameters.missing }}', undefined],
    ['${{ parameters.list }}', ['a', 'b']],
    ["${{ steps['fetch.base'].output.x }}", 1],
    // One statement and nothing else: what it writes is read as JSON when it parses as JSON, the
    // expressions in it as their JSON form (a string stays a string).
    ['{% if parameters.flag %}true{% else %}false{% endif %}', true],
    ['{% if not parameters.flag %}true{% else %}false{% endif %}', false],
    ['{% if parameters.flag %}true{% endif %}\n', 'true\n'],
    ['{% if parameters.flag %} 3 {% endif %}', 3],
    ['{% if parameters.flag %}null{% endif %}', null],
    ['{% if parameters.flag %}{"a": ${{ parameters.n }}}{% endif %}', { a: 3 }],
    ['{% if parameters.flag %}hello{% endif %}', 'hello'],
    ['{% if parameters.flag %}"${{ parameters.name }}"{% endif %}', '"svc"'],
    ['{% if parameters.flag %}${{ parameters.n }}{% endif %}', 3],
    ['{% if parameters.flag %}${{ parameters.num }}{% endif %}', '42'],
    ['{% if parameters.flag %}${{ parameters.name | safe }}{% endif %}', 'svc'],
    ['{% if parameters.flag %}${{ parameters.missing }}true{% endif %}', true],
    ['{% for x in parameters.list %}${{ x }},{% endfor %}', 'a,b,'],
    ['{% for x in [] %}${{ x }}{% else %}false{% endfor %}', false],
    ['{% switch parameters.n %}{% case 3 %}true{% default %}false{% endswitch %}', true],
    ['{% filter lower %}TRUE{% endfilter %}', 'true'],
    ['{% if parameters.flag %}{% set z %}3{% endset %}${{ z }}{% endif %}', '3'],
    ['{%- if parameters.flag -%} true {%- endif -%}', true],
    // Two root nodes are text; writing nothing is no value.
    ['{% set x = 1 %}${{ x }}', '1'],
    ['{% macro m() %}true{% endmacro %}${{ m() }}', 'true'],
    ['{# note #}true', 'true'],
    ['{% set y %}true{% endset %}', undefined],
    ['{% if false %}x{% endif %}', undefined],
  ])('%j → %j', (template, expected) => {
    expect(renderString(t, template, valueContext)).toEqual(expected);
  });
});

describe('values as nunjitsu renders them without coercion (a parameter page’s when)', () => {
  it.each<[string, unknown]>([
    ['${{ parameters.name === "svc" }}', true],
    ['${{ parameters.list }}', ['a', 'b']],
    ['${{ parameters.flag }} ', 'true '],
    ['${{ parameters.missing }}', undefined],
    ['{% if parameters.flag %}false{% endif %}', 'false'],
    ['n: ${{ parameters.n }}', 'n: 3'],
  ])('%j → %j', (template, expected) => {
    expect(t.renderValue(template, valueContext, { coercion: 'none' })).toEqual(expected);
  });
});

describe('slices that would run until the deadline are refused at once', () => {
  it.each([
    ['${{ parameters.tags[::0] }}', 'Slice step must be a number other than 0'],
    ["${{ parameters.tags['a':] }}", 'Slice start must be a number'],
    ['${{ parameters[1:] }}', 'Only a list or a string can be sliced'],
    ['${{ 5[1:] }}', 'Only a list or a string can be sliced'],
  ])('%s', (template, message) => {
    const started = performance.now();
    expect(() => t.render(template, context)).toThrow(message);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
