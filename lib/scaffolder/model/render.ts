// How step inputs, `if:` and `output` are rendered, as Backstage's NunjucksWorkflowRunner does:
// every string leaf is a template; a string that is one `${{ expr }}` and nothing else keeps the
// expression's type (`${{ parameters.enableKafka }}` stays a boolean, an object stays an object),
// by rendering `${{ (expr) | dump }}` and reading the JSON back. Other strings render to text; an
// empty result is `undefined` (the input is then absent).

export interface StringRenderer {
  render(template: string, context: unknown): string;
}

const SINGLE = /^\s*\$\{\{([\s\S]*)\}\}\s*$/;

function singleExpression(value: string): string | null {
  const m = SINGLE.exec(value);
  if (!m || m[1].includes('}}') || m[1].includes('${{')) return null;
  return m[1];
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

export function renderString(renderer: StringRenderer, value: string, context: unknown, path = 'value'): unknown {
  if (!/\$\{\{|\{%|\{#/.test(value)) return value;
  try {
    const expr = singleExpression(value);
    if (expr !== null) {
      const dumped = renderer.render(`\${{ (${expr}) | dump }}`, context);
      if (dumped === '' || dumped === 'undefined') return undefined;
      try {
        return JSON.parse(dumped) as unknown;
      } catch {
        return dumped;
      }
    }
    const text = renderer.render(value, context);
    return text === '' ? undefined : text;
  } catch (err) {
    throw new RenderError(path, (err as Error).message);
  }
}

/** Renders every string leaf of a JSON value; keys are not templates. */
export function renderValue(renderer: StringRenderer, value: unknown, context: unknown, path = 'input'): unknown {
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
