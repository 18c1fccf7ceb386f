import 'server-only';
import { describeActions } from './actions/index';

// The installed actions as the /create/actions page shows them: each input and output with a type a
// template author reads (`string[]`, `"private" | "internal" | "public"`, `{ users?, teams? }`),
// whether it is required, its default and its description, from the JSON Schema the API lists.

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  required?: string[];
  default?: unknown;
  description?: string;
};

export type ActionField = { name: string; type: string; required: boolean; default?: string; description?: string };
export type ActionDoc = { id: string; description: string; inputs: ActionField[]; outputs: ActionField[] };

/** A schema's type as a template author writes values of it. */
export function typeOf(s: Schema): string {
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return [...new Set(alternatives.map(typeOf))].join(' | ');
  if (Array.isArray(s.type)) return s.type.join(' | ');
  if (s.type === 'array') {
    const item = s.items ? typeOf(s.items) : 'any';
    return `${item.includes(' ') && !item.startsWith('{') ? `(${item})` : item}[]`;
  }
  if (s.type === 'object') {
    if (s.properties)
      return `{ ${Object.keys(s.properties)
        .map((k) => (s.required?.includes(k) ? k : `${k}?`))
        .join(', ')} }`;
    if (s.additionalProperties && typeof s.additionalProperties === 'object') return `map of ${typeOf(s.additionalProperties)}`;
    return 'object';
  }
  return s.type ?? 'any';
}

function fields(schema: Schema | undefined): ActionField[] {
  return Object.entries(schema?.properties ?? {}).map(([name, s]) => ({
    name,
    type: typeOf(s),
    required: schema?.required?.includes(name) ?? false,
    ...(s.default !== undefined ? { default: JSON.stringify(s.default) } : {}),
    ...(s.description ? { description: s.description } : {}),
  }));
}

/** Every installed action, or those whose id or description has `query` (any case). */
export function actionDocs(query = ''): ActionDoc[] {
  const q = query.trim().toLowerCase();
  return describeActions()
    .filter((a) => !q || a.id.toLowerCase().includes(q) || a.description.toLowerCase().includes(q))
    .map((a) => ({
      id: a.id,
      description: a.description,
      inputs: fields(a.schema.input as Schema),
      outputs: fields('output' in a.schema ? (a.schema.output as Schema) : undefined),
    }));
}
