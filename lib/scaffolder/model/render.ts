// How step inputs, `if:`, `each:` and `output` are rendered, as Backstage 4.3's
// NunjucksWorkflowRunner renders them: every string leaf is a template, rendered with nunjitsu's
// `renderValue(value, context, { coercion: 'json' })`. A string that is one `${{ expr }}` and
// nothing else keeps the expression's type (`${{ parameters.enableKafka }}` stays a boolean, an
// object stays an object); so does one statement and nothing else, whose output is read as JSON
// when it is JSON (`{% if p %}true{% else %}false{% endif %}` is a boolean). Any text around them,
// a newline a YAML block scalar leaves included, makes the whole value text. An empty result is
// `undefined` (the input is then absent). The renderer decides on the parsed template
// (sandbox/templater.ts); nunjitsu-parity.test.ts holds nunjitsu's own answers.

export interface ValueRenderer {
  renderValue(template: string, context: unknown, options?: { coercion?: 'none' | 'json' }): unknown;
}

export class RenderError extends Error {
  override name = 'RenderError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

export function renderString(renderer: ValueRenderer, value: string, context: unknown, path = 'value'): unknown {
  if (!/\$\{\{|\{%|\{#/.test(value)) return value;
  try {
    return renderer.renderValue(value, context, { coercion: 'json' });
  } catch (err) {
    throw new RenderError(path, (err as Error).message);
  }
}

/** Renders every string leaf of a JSON value; keys are not templates. */
export function renderValue(renderer: ValueRenderer, value: unknown, context: unknown, path = 'input'): unknown {
  if (typeof value === 'string') return renderString(renderer, value, context, path);
  if (Array.isArray(value)) return value.map((v, i) => renderValue(renderer, v, context, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const rendered = renderValue(renderer, v, context, `${path}.${k}`);
      if (rendered !== undefined) out[k] = rendered;
    }
    return out;
  }
  return value;
}

/** Backstage's isTruthy for `if:`: an empty array is false, otherwise JavaScript truthiness. */
export function isTruthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}
