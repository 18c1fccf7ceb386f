// What a template's `${{ }}` expressions can call besides reading values: Backstage's own filters
// (scaffolder-backend's default filters), Nunjucks' built-in filters as nunjitsu keeps them (the
// names pinned by sandbox/nunjitsu-parity.test.ts) and Nunjucks' global functions. The
// /create/templating-extensions page and GET /api/scaffolder/v2/templating-extensions (Backstage's
// ListTemplatingExtensionsResponse) are made from this list. Every example's output is what the
// sandbox renders for it: templating-extensions.test.ts runs each one.

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'null' | 'any';

export type ExtensionArgument = { name: string; type: JsonType; optional?: boolean; description?: string };

export type ExtensionExample = {
  description: string;
  /** One `${{ }}` expression, as a step input holds it. */
  expression: string;
  /** The template's `parameters` it reads. */
  parameters?: Record<string, unknown>;
  /** What the expression gives a step input (Backstage 4.3 reads a lone expression as JSON). */
  output: unknown;
};

export type FilterDoc = {
  /** Backstage's scaffolder filters, or the template language's own. */
  origin: 'backstage' | 'nunjucks';
  description: string;
  input: JsonType;
  arguments: ExtensionArgument[];
  output: JsonType;
  examples: ExtensionExample[];
};

export type GlobalFunctionDoc = { description: string; arguments: ExtensionArgument[]; output: JsonType; examples: ExtensionExample[] };

const arg = (name: string, type: JsonType, description?: string, optional = false): ExtensionArgument => ({
  name,
  type,
  ...(optional ? { optional } : {}),
  ...(description ? { description } : {}),
});
const opt = (name: string, type: JsonType, description?: string) => arg(name, type, description, true);

function filter(
  origin: FilterDoc['origin'],
  description: string,
  [input, output]: [JsonType, JsonType],
  args: ExtensionArgument[],
  examples: ExtensionExample[],
): FilterDoc {
  return { origin, description, input, arguments: args, output, examples };
}
const nunjucks = (description: string, types: [JsonType, JsonType], args: ExtensionArgument[], examples: ExtensionExample[]) =>
  filter('nunjucks', description, types, args, examples);
const example = (description: string, expression: string, parameters: Record<string, unknown> | undefined, output: unknown) => ({
  description,
  expression,
  ...(parameters ? { parameters } : {}),
  output,
});

export const TEMPLATE_FILTERS: Record<string, FilterDoc> = {
  parseRepoUrl: filter(
    'backstage',
    'Splits a RepoUrlPicker value (`host?owner=…&repo=…`) into its parts: `host`, `owner`, `repo`, and `organization`, `workspace` or `project` when the value names them.',
    ['string', 'object'],
    [],
    [
      example(
        'A repository on GitHub',
        '${{ parameters.repoUrl | parseRepoUrl }}',
        { repoUrl: 'github.com?owner=acme&repo=payments-api' },
        { host: 'github.com', owner: 'acme', repo: 'payments-api' },
      ),
      example(
        'One part of it',
        '${{ (parameters.repoUrl | parseRepoUrl).owner }}',
        { repoUrl: 'github.com?owner=acme&repo=payments-api' },
        'acme',
      ),
    ],
  ),
  parseEntityRef: filter(
    'backstage',
    'Splits an entity reference (`kind:namespace/name`, `kind:name` or `name`) into `kind`, `namespace` and `name`. What the reference leaves out comes from the options, and the namespace is `default` without one.',
    ['string', 'object'],
    [opt('options', 'object', '{ defaultKind?, defaultNamespace? }: the kind and namespace of a reference that has none')],
    [
      example(
        'A full reference',
        '${{ parameters.owner | parseEntityRef }}',
        { owner: 'group:default/payments' },
        { kind: 'group', namespace: 'default', name: 'payments' },
      ),
      example(
        'A name alone, with the kind and namespace it lacks',
        '${{ parameters.owner | parseEntityRef({ defaultKind: "group", defaultNamespace: "finance" }) }}',
        { owner: 'payments' },
        { kind: 'group', namespace: 'finance', name: 'payments' },
      ),
    ],
  ),
  pick: filter(
    'backstage',
    'Reads one property of an object (lodash’s `get`): a path (`a.b[0].c`, `a["x.y"]`) reads a nested one, and a path that is not there gives the default, or no value.',
    ['object', 'any'],
    [
      arg('path', 'string', 'the property, or a path to a nested one: names, `[0]` and `["key"]`'),
      opt('default', 'any', 'the value when the path leads nowhere'),
    ],
    [
      example(
        'The name of an entity reference',
        "${{ parameters.owner | parseEntityRef | pick('name') }}",
        { owner: 'group:default/payments' },
        'payments',
      ),
      example(
        'A nested property',
        "${{ parameters.service | pick('runtime.version') }}",
        { service: { runtime: { name: 'node', version: '20' } } },
        '20',
      ),
      example('An item of a list, or a default', "${{ parameters | pick('ports[0].number', 8080) }}", { ports: [] }, 8080),
    ],
  ),
  projectSlug: filter(
    'backstage',
    'The `owner/repo` of a RepoUrlPicker value (GitLab: `group/project`), as many tools name a repository.',
    ['string', 'string'],
    [],
    [
      example(
        'A repository on GitHub',
        '${{ parameters.repoUrl | projectSlug }}',
        { repoUrl: 'github.com?owner=acme&repo=payments-api' },
        'acme/payments-api',
      ),
    ],
  ),

  abs: nunjucks(
    'The absolute value of a number.',
    ['number', 'number'],
    [],
    [example('', '${{ parameters.delta | abs }}', { delta: -3 }, 3)],
  ),
  batch: nunjucks(
    'Splits a list into lists of `size` items (the last may be shorter).',
    ['array', 'array'],
    [arg('size', 'integer'), opt('fill', 'any', 'added to the last list until it has `size` items')],
    [example('', '${{ parameters.zones | batch(2) }}', { zones: ['a', 'b', 'c'] }, [['a', 'b'], ['c']])],
  ),
  capitalize: nunjucks(
    'The first character upper case, the rest lower case.',
    ['string', 'string'],
    [],
    [example('', '${{ parameters.title | capitalize }}', { title: 'payments API' }, 'Payments api')],
  ),
  center: nunjucks(
    'Pads the text with spaces on both sides to `width` characters.',
    ['string', 'string'],
    [opt('width', 'integer', 'default 80')],
    [example('', '${{ parameters.name | center(9) }}', { name: 'api' }, '   api   ')],
  ),
  d: nunjucks(
    'Another name for `default`.',
    ['any', 'any'],
    [arg('value', 'any'), opt('boolean', 'boolean')],
    [example('', "${{ parameters.branch | d('main') }}", {}, 'main')],
  ),
  default: nunjucks(
    'The value, or `value` when it is undefined; with `boolean` true, also when it is empty, zero or false.',
    ['any', 'any'],
    [arg('value', 'any'), opt('boolean', 'boolean', 'replace any falsy value, not only undefined')],
    [
      example('A parameter that was not given', "${{ parameters.branch | default('main') }}", {}, 'main'),
      example('An empty one', "${{ parameters.branch | default('main', true) }}", { branch: '' }, 'main'),
    ],
  ),
  dictsort: nunjucks(
    "An object's entries as `[key, value]` pairs, sorted by key (or by value).",
    ['object', 'array'],
    [opt('caseSensitive', 'boolean'), opt('by', 'string', "'key' (default) or 'value'")],
    [
      example('', '${{ parameters.ports | dictsort }}', { ports: { web: 80, admin: 9000 } }, [
        ['admin', 9000],
        ['web', 80],
      ]),
    ],
  ),
  dump: nunjucks(
    'The value as JSON text.',
    ['any', 'string'],
    [opt('spaces', 'integer', 'indent by this many spaces')],
    [example('', '${{ parameters.labels | dump }}', { labels: { tier: '1' } }, '{"tier":"1"}')],
  ),
  e: nunjucks(
    'Another name for `escape`.',
    ['string', 'string'],
    [],
    [example('', '${{ parameters.title | e }}', { title: 'R&D' }, 'R&amp;D')],
  ),
  escape: nunjucks(
    'Replaces `&`, `<`, `>`, `"` and `\'` with HTML entities.',
    ['string', 'string'],
    [],
    [example('', '${{ parameters.title | escape }}', { title: '<Payments & Billing>' }, '&lt;Payments &amp; Billing&gt;')],
  ),
  first: nunjucks(
    'The first item of a list (or character of a text).',
    ['array', 'any'],
    [],
    [example('', '${{ parameters.zones | first }}', { zones: ['eu-west-1', 'us-east-1'] }, 'eu-west-1')],
  ),
  float: nunjucks(
    'The value as a decimal number, or `default` when it is not one.',
    ['any', 'number'],
    [opt('default', 'number')],
    [example('', '${{ parameters.ratio | float }}', { ratio: '0.25' }, 0.25)],
  ),
  forceescape: nunjucks(
    'Escapes HTML like `escape`, even in text marked safe.',
    ['string', 'string'],
    [],
    [example('', '${{ parameters.title | safe | forceescape }}', { title: '<b>' }, '&lt;b&gt;')],
  ),
  groupby: nunjucks(
    'Groups a list of objects by the value of one property: an object of lists.',
    ['array', 'object'],
    [arg('property', 'string')],
    [
      example(
        '',
        "${{ parameters.services | groupby('team') }}",
        {
          services: [
            { name: 'api', team: 'web' },
            { name: 'db', team: 'data' },
            { name: 'ui', team: 'web' },
          ],
        },
        {
          web: [
            { name: 'api', team: 'web' },
            { name: 'ui', team: 'web' },
          ],
          data: [{ name: 'db', team: 'data' }],
        },
      ),
    ],
  ),
  indent: nunjucks(
    'Indents every line but the first (and the first too with `first` true) by `width` spaces: YAML inside YAML.',
    ['string', 'string'],
    [opt('width', 'integer', 'default 4'), opt('first', 'boolean')],
    [example('', '${{ parameters.script | indent(2) }}', { script: 'npm ci\nnpm test' }, 'npm ci\n  npm test')],
  ),
  int: nunjucks(
    'The value as a whole number (decimals cut off), or `default` when it is not one.',
    ['any', 'integer'],
    [opt('default', 'integer')],
    [example('', '${{ parameters.replicas | int }}', { replicas: '3' }, 3)],
  ),
  join: nunjucks(
    "A list's items as one text with `separator` between them; with `property`, that property of each item.",
    ['array', 'string'],
    [opt('separator', 'string', "default ''"), opt('property', 'string')],
    [
      example('', "${{ parameters.tags | join(', ') }}", { tags: ['java', 'grpc'] }, 'java, grpc'),
      example(
        'One property of each item',
        "${{ parameters.owners | join(' ', 'login') }}",
        { owners: [{ login: 'ana' }, { login: 'bo' }] },
        'ana bo',
      ),
    ],
  ),
  last: nunjucks(
    'The last item of a list (or character of a text).',
    ['array', 'any'],
    [],
    [example('', '${{ parameters.zones | last }}', { zones: ['eu-west-1', 'us-east-1'] }, 'us-east-1')],
  ),
  length: nunjucks(
    'The number of items of a list, characters of a text or keys of an object.',
    ['any', 'integer'],
    [],
    [example('', '${{ parameters.tags | length }}', { tags: ['java', 'grpc'] }, 2)],
  ),
  list: nunjucks(
    "A text's characters, or an object's `{ key, value }` entries, as a list.",
    ['any', 'array'],
    [],
    [example('', '${{ parameters.code | list }}', { code: 'abc' }, ['a', 'b', 'c'])],
  ),
  lower: nunjucks(
    'The text in lower case.',
    ['string', 'string'],
    [],
    [example('', '${{ parameters.name | lower }}', { name: 'Payments-API' }, 'payments-api')],
  ),
  nl2br: nunjucks(
    'Puts `<br />` before every line break.',
    ['string', 'string'],
    [],
    [example('', '${{ parameters.note | nl2br }}', { note: 'one\ntwo' }, 'one<br />\ntwo')],
  ),
  random: nunjucks(
    'One item of a list, chosen at random at each render.',
    ['array', 'any'],
    [],
    [
      example(
        'A list of one item (any longer list gives any of its items)',
        '${{ parameters.zones | random }}',
        { zones: ['eu-west-1'] },
        'eu-west-1',
      ),
    ],
  ),
  reject: nunjucks(
    'The items for which a test (`odd`, `string`, `eq`, …) fails.',
    ['array', 'array'],
    [arg('test', 'string'), opt('argument', 'any', "the test's own argument")],
    [example('', "${{ parameters.ports | reject('eq', 22) }}", { ports: [22, 80, 443] }, [80, 443])],
  ),
  rejectattr: nunjucks(
    'The objects whose `property` is falsy.',
    ['array', 'array'],
    [arg('property', 'string')],
    [
      example('', "${{ parameters.envs | rejectattr('production') }}", { envs: [{ name: 'dev' }, { name: 'prod', production: true }] }, [
        { name: 'dev' },
      ]),
    ],
  ),
  replace: nunjucks(
    'Replaces every `old` with `new` (at most `count` times).',
    ['string', 'string'],
    [arg('old', 'string'), arg('new', 'string'), opt('count', 'integer')],
    [example('', "${{ parameters.name | replace('-', '_') }}", { name: 'payments-api-v2' }, 'payments_api_v2')],
  ),
  reverse: nunjucks(
    'A list in reverse order, or a text backwards.',
    ['any', 'any'],
    [],
    [example('', '${{ parameters.zones | reverse }}', { zones: ['a', 'b', 'c'] }, ['c', 'b', 'a'])],
  ),
  round: nunjucks(
    'Rounds a number to `precision` decimals, to the nearest (`common`), up (`ceil`) or down (`floor`).',
    ['number', 'number'],
    [opt('precision', 'integer', 'default 0'), opt('method', 'string', "'common' (default), 'ceil' or 'floor'")],
    [
      example('', '${{ parameters.cpu | round(1) }}', { cpu: 0.25 }, 0.3),
      example('Up', "${{ parameters.cpu | round(0, 'ceil') }}", { cpu: 0.25 }, 1),
    ],
  ),
  safe: nunjucks(
    'Marks text as safe HTML (templates here do not escape output, so it changes nothing).',
    ['string', 'string'],
    [],
    [example('', '${{ parameters.title | safe }}', { title: '<b>' }, '<b>')],
  ),
  select: nunjucks(
    'The items for which a test (`odd`, `string`, `eq`, …) passes.',
    ['array', 'array'],
    [arg('test', 'string'), opt('argument', 'any', "the test's own argument")],
    [example('', "${{ parameters.values | select('string') }}", { values: ['a', 1, 'b'] }, ['a', 'b'])],
  ),
  selectattr: nunjucks(
    'The objects whose `property` is truthy.',
    ['array', 'array'],
    [arg('property', 'string')],
    [
      example('', "${{ parameters.envs | selectattr('production') }}", { envs: [{ name: 'dev' }, { name: 'prod', production: true }] }, [
        { name: 'prod', production: true },
      ]),
    ],
  ),
  slice: nunjucks(
    'Splits a list into `count` lists of about the same length.',
    ['array', 'array'],
    [arg('count', 'integer'), opt('fill', 'any')],
    [
      example('', '${{ parameters.hosts | slice(2) }}', { hosts: ['a', 'b', 'c', 'd', 'e'] }, [
        ['a', 'b', 'c'],
        ['d', 'e'],
      ]),
    ],
  ),
  sort: nunjucks(
    'A sorted copy of a list: ignoring case unless `caseSensitive`, by `property` of each object.',
    ['array', 'array'],
    [opt('reverse', 'boolean'), opt('caseSensitive', 'boolean'), opt('property', 'string')],
    [
      example('', '${{ parameters.tags | sort }}', { tags: ['kafka', 'Java', 'grpc'] }, ['grpc', 'Java', 'kafka']),
      example(
        'By a property',
        "${{ parameters.services | sort(false, false, 'name') }}",
        { services: [{ name: 'web' }, { name: 'api' }] },
        [{ name: 'api' }, { name: 'web' }],
      ),
    ],
  ),
  string: nunjucks('The value as text.', ['any', 'string'], [], [example('', '${{ parameters.port | string }}', { port: 8080 }, '8080')]),
  striptags: nunjucks(
    'Removes HTML tags and runs of white space.',
    ['string', 'string'],
    [opt('keepLines', 'boolean')],
    [example('', '${{ parameters.summary | striptags }}', { summary: '<p>Pays <b>invoices</b></p>' }, 'Pays invoices')],
  ),
  sum: nunjucks(
    "The sum of a list's numbers; with `property`, of that property of each item.",
    ['array', 'number'],
    [opt('property', 'string'), opt('start', 'number', 'added to the sum')],
    [example('', "${{ parameters.pods | sum('replicas') }}", { pods: [{ replicas: 2 }, { replicas: 3 }] }, 5)],
  ),
  title: nunjucks(
    'Every word capitalized.',
    ['string', 'string'],
    [],
    [example('', '${{ parameters.name | title }}', { name: 'payments service' }, 'Payments Service')],
  ),
  trim: nunjucks(
    'The text without white space at either end.',
    ['string', 'string'],
    [],
    [example('', '${{ parameters.name | trim }}', { name: '  api  ' }, 'api')],
  ),
  truncate: nunjucks(
    'The text cut to `length` characters at a word boundary (anywhere with `killwords`), ending in `end`.',
    ['string', 'string'],
    [opt('length', 'integer', 'default 255'), opt('killwords', 'boolean'), opt('end', 'string', "default '...'")],
    [example('', '${{ parameters.description | truncate(16) }}', { description: 'System of record for shipments' }, 'System of record...')],
  ),
  upper: nunjucks(
    'The text in upper case.',
    ['string', 'string'],
    [],
    [example('', '${{ parameters.name | upper }}', { name: 'eu-west-1' }, 'EU-WEST-1')],
  ),
  urlencode: nunjucks(
    'The text (or an object as a query string) encoded for a URL.',
    ['any', 'string'],
    [],
    [example('', '${{ parameters.query | urlencode }}', { query: 'owner:payments team' }, 'owner%3Apayments%20team')],
  ),
  urlize: nunjucks(
    'Turns the URLs in a text into HTML links.',
    ['string', 'string'],
    [opt('length', 'integer', 'cut link texts to this length'), opt('nofollow', 'boolean')],
    [
      example(
        '',
        '${{ parameters.note | urlize }}',
        { note: 'see https://example.com' },
        'see <a href="https://example.com">https://example.com</a>',
      ),
    ],
  ),
  wordcount: nunjucks(
    'The number of words.',
    ['string', 'integer'],
    [],
    [example('', '${{ parameters.description | wordcount }}', { description: 'Creates and tracks shipments' }, 4)],
  ),
};

export const TEMPLATE_GLOBAL_FUNCTIONS: Record<string, GlobalFunctionDoc> = {
  range: {
    description: 'A list of numbers from `start` (default 0) up to, not including, `stop`, `step` apart.',
    arguments: [opt('start', 'integer'), arg('stop', 'integer'), opt('step', 'integer')],
    output: 'array',
    examples: [
      example('', '${{ range(3) }}', undefined, [0, 1, 2]),
      example('With a start and a step', '${{ range(1, 7, 2) }}', undefined, [1, 3, 5]),
    ],
  },
  cycler: {
    description: 'An object whose `next()` gives its arguments in turn, starting over after the last.',
    arguments: [arg('...items', 'any')],
    output: 'object',
    examples: [
      example(
        'Alternating values in a loop',
        "{% set zone = cycler('a', 'b') %}{% for s in parameters.services %}${{ s }}:${{ zone.next() }} {% endfor %}",
        { services: ['api', 'web', 'db'] },
        'api:a web:b db:a ',
      ),
    ],
  },
  joiner: {
    description: 'A function that gives nothing the first time it is called and `separator` (default `,`) every time after.',
    arguments: [opt('separator', 'string')],
    output: 'object',
    examples: [
      example(
        'Separators between the items of a loop',
        "{% set sep = joiner(' + ') %}{% for s in parameters.services %}${{ sep() }}${{ s }}{% endfor %}",
        { services: ['api', 'web', 'db'] },
        'api + web + db',
      ),
    ],
  },
};

/** How a filter is written in a template: `value | name(a, b?)`. */
export function filterSignature(name: string, doc: Pick<FilterDoc, 'arguments'>): string {
  const args = doc.arguments.map((a) => `${a.name}${a.optional ? '?' : ''}`);
  return `value | ${name}${args.length ? `(${args.join(', ')})` : ''}`;
}

/** How a global function is called: `name(a, b?)`. */
export function functionSignature(name: string, doc: Pick<GlobalFunctionDoc, 'arguments'>): string {
  return `${name}(${doc.arguments.map((a) => `${a.name}${a.optional ? '?' : ''}`).join(', ')})`;
}
