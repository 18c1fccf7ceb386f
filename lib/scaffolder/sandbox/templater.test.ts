import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderValue } from '../model/render';
import { Templater } from './templater';

let t: Templater;
beforeAll(async () => {
  t = await Templater.create({ timeoutMs: 500, memoryBytes: 16 * 1024 * 1024 });
}, 30_000);
afterAll(() => t.dispose());

const context = {
  parameters: {
    name: 'payments',
    enableKafka: false,
    javaVersion: 21,
    tags: ['java', 'grpc'],
    repoUrl: 'github.com?owner=acme&repo=payments',
    owner: 'group:default/team-a',
  },
  steps: {
    publish: { output: { remoteUrl: 'https://github.com/acme/payments', repoContentsUrl: 'https://github.com/acme/payments/blob/main' } },
  },
  user: { ref: 'user:default/jane', entity: { metadata: { name: 'jane' } } },
  secrets: { token: 's3cr3t' },
};

describe('expressions as Backstage evaluates them', () => {
  it.each([
    ['${{ parameters.name }}', 'payments'],
    ['${{ parameters.enableKafka }}', false],
    ['${{ parameters.javaVersion }}', 21],
    ['${{ parameters.tags }}', ['java', 'grpc']],
    ['svc-${{ parameters.name | upper }}', 'svc-PAYMENTS'],
    ["${{ steps['publish'].output.remoteUrl }}", 'https://github.com/acme/payments'],
    ['${{ steps.publish.output.repoContentsUrl }}/catalog-info.yaml', 'https://github.com/acme/payments/blob/main/catalog-info.yaml'],
    ['${{ user.ref }}', 'user:default/jane'],
    ['${{ user.entity.metadata.name }}', 'jane'],
    ['${{ secrets.token }}', 's3cr3t'],
    ['${{ parameters.repoUrl | parseRepoUrl }}', { host: 'github.com', owner: 'acme', repo: 'payments' }],
    ["${{ (parameters.repoUrl | parseRepoUrl)['owner'] }}", 'acme'],
    ['${{ parameters.repoUrl | projectSlug }}', 'acme/payments'],
    ['${{ parameters.owner | parseEntityRef | pick("name") }}', 'team-a'],
    [
      "${{ 'team-b' | parseEntityRef({ defaultKind: 'group', defaultNamespace: 'ops' }) }}",
      { kind: 'group', namespace: 'ops', name: 'team-b' },
    ],
    ["${{ parameters.tags | join(', ') }}", 'java, grpc'],
    ['${{ parameters.missing }}', undefined],
    ['{% if parameters.enableKafka %}kafka{% else %}none{% endif %}', 'none'],
    ['plain text', 'plain text'],
    ['${{ parameters.name | replace("pay", "") | title }} 서비스', 'Ments 서비스'],
  ])('%s', (template, expected) => {
    expect(renderValue(t, template, context)).toEqual(expected);
  });

  it('renders nested inputs and names the input that failed', () => {
    expect(renderValue(t, { a: { b: ['${{ parameters.javaVersion }}'] } }, context)).toEqual({ a: { b: [21] } });
    expect(() => renderValue(t, { repoUrl: '${{ "nope" | parseRepoUrl }}' }, context)).toThrow(/input\.repoUrl: .*missing owner/);
  });
});

describe('sandbox escapes fail harmlessly', () => {
  const leaks = /\bfunction\b.*native|\/(root|home|work)|node_modules|v\d+\.\d+\.\d+/;
  it.each([
    "${{ range.constructor(\"return globalThis.process.mainModule.require('child_process').execSync('id')\")() }}",
    '${{ cycler.constructor("return this.process.env")() }}',
    '${{ joiner.constructor.constructor("return process")().exit(1) }}',
    "${{ ''.constructor.constructor('return import(\"fs\")')() }}",
    '${{ [].constructor.constructor("return typeof fetch")() }}',
    '${{ range.constructor("return typeof WebAssembly + typeof setTimeout")() }}',
    '{% set x = range.constructor("Object.prototype.polluted = 1; return 1")() %}${{ x }}',
    '${{ range.constructor("Object.prototype.toString = function(){ return 1 }")() }}',
  ])('%s', (template) => {
    let out: string;
    try {
      out = t.render(template, context);
    } catch (err) {
      out = (err as Error).message;
    }
    expect(out).not.toMatch(leaks);
    expect(out).not.toMatch(/uid=|PATH=|HOME=|\bfunction\b|\bobject\b(?! Promise)/);
  });

  it('keeps prototype pollution away: the paths to a prototype are refused by name, and a new sandbox starts clean', async () => {
    const other = await Templater.create();
    try {
      expect(() =>
        other.render('${{ range.constructor("Object.prototype.polluted = \'yes\'; Array.prototype.join = null")() }}', {}),
      ).toThrow(/reserved/);
      expect(() => other.render('{% set p = parameters.__proto__ %}', { parameters: {} })).toThrow(/reserved/);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(['a', 'b'].join('-')).toBe('a-b');
      const fresh = await Templater.create();
      expect(fresh.render('${{ polluted }}|${{ [1,2] | join("-") }}', {})).toBe('|1-2');
      fresh.dispose();
    } finally {
      other.dispose();
    }
  }, 30_000);

  it('stops a recursion bomb', () => {
    expect(() => t.render('{% macro f(n) %}${{ f(n + 1) }}{% endmacro %}${{ f(0) }}', {})).toThrow();
    // The sandbox is still usable afterwards.
    expect(t.render('${{ 1 + 1 }}', {})).toBe('2');
  });

  it('stops a loop that never ends, within the time limit', async () => {
    const own = await Templater.create({ timeoutMs: 200 });
    const started = Date.now();
    expect(() => own.render('{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}', {})).toThrow(
      /longer than 200 ms/,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    // The next render runs in a rebuilt sandbox.
    expect(own.render('${{ 1 }}', {})).toBe('1');
    own.dispose();
  }, 30_000);

  it('stops an allocation bomb at the memory limit', async () => {
    // Each replace makes the text 1,000 times longer (native regular-expression work, quick even on a
    // busy machine): the third would be 2 GB. The long deadline keeps this about memory, not time.
    const own = await Templater.create({ memoryBytes: 32 * 1024 * 1024, timeoutMs: 20_000 });
    const bomb = `{% set k = "${'x'.repeat(1000)}" %}\${{ "xx" | replace(r/x/g, k) | replace(r/x/g, k) | replace(r/x/g, k) | length }}`;
    expect(() => own.render(bomb, {})).toThrow(/memory/);
    own.dispose();
  }, 30_000);
});
