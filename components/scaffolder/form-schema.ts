// Template parameter pages hold JSON Schema with `ui:*` keys inline (Backstage's format);
// react-jsonschema-form wants the schema and a separate uiSchema. This splits one page, as
// Backstage's extractSchemaFromStep does.

type Json = Record<string, unknown>;

/** `when`: the page shows only when it holds (a boolean, or an expression the server evaluates). */
export type FormPage = { title: string; description?: string; when?: unknown; schema: Json; uiSchema: Json };

function split(node: Json): { schema: Json; uiSchema: Json } {
  const schema: Json = {};
  const uiSchema: Json = {};
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith('ui:')) uiSchema[k] = v;
    // Backstage templates write enumNames beside enum; rjsf 6 reads it as ui:enumNames.
    else if (k === 'enumNames') uiSchema['ui:enumNames'] = v;
    else schema[k] = v;
  }
  const props = node.properties as Record<string, Json> | undefined;
  if (props && typeof props === 'object') {
    schema.properties = {};
    for (const [name, child] of Object.entries(props)) {
      if (!child || typeof child !== 'object') continue;
      const inner = split(child);
      (schema.properties as Json)[name] = inner.schema;
      if (Object.keys(inner.uiSchema).length) uiSchema[name] = inner.uiSchema;
    }
  }
  const items = node.items as Json | undefined;
  if (items && typeof items === 'object' && !Array.isArray(items)) {
    const inner = split(items);
    schema.items = inner.schema;
    if (Object.keys(inner.uiSchema).length) uiSchema.items = inner.uiSchema;
  }
  // Branches (dependencies, oneOf, allOf with if/then) add fields: their ui options apply too.
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    const list = node[key];
    if (Array.isArray(list)) {
      schema[key] = list.map((b) => {
        const inner = split(b as Json);
        Object.assign(uiSchema, inner.uiSchema);
        return inner.schema;
      });
    }
  }
  for (const key of ['then', 'else'] as const) {
    const b = node[key] as Json | undefined;
    if (b && typeof b === 'object') {
      const inner = split(b);
      Object.assign(uiSchema, inner.uiSchema);
      schema[key] = inner.schema;
    }
  }
  const deps = node.dependencies as Record<string, unknown> | undefined;
  if (deps && typeof deps === 'object') {
    schema.dependencies = Object.fromEntries(
      Object.entries(deps).map(([k, d]) => {
        if (Array.isArray(d) || !d || typeof d !== 'object') return [k, d];
        const inner = split(d as Json);
        Object.assign(uiSchema, inner.uiSchema);
        return [k, inner.schema];
      }),
    );
  }
  return { schema, uiSchema };
}

export function formPages(parameters: Json[]): FormPage[] {
  return parameters.map((page, i) => {
    const { schema, uiSchema } = split(page);
    const { title, description, when, ...rest } = schema;
    return {
      title: typeof title === 'string' ? title : `Step ${i + 1}`,
      description: typeof description === 'string' ? description : undefined,
      ...(when === undefined ? {} : { when }),
      schema: rest,
      uiSchema,
    };
  });
}

export type ReviewRow = { key: string; title: string; value: string };

const MASK = '••••••';

/**
 * A page's fields as the review lists them, as Backstage's review step (scaffolder-react
 * ReviewState) shows them: a Secret field or a `ui:widget: password` field masked, a field with
 * `ui:backstage: { review: { mask } }` as that mask, one with `review: { show: false }` left out,
 * and an enum value by its enumNames label. `secretFields` are the page's Secret fields.
 */
export function reviewRows(page: FormPage, values: Record<string, unknown>, secretFields: string[]): ReviewRow[] {
  // A Secret field inside an object is hidden too.
  const hide = (k: string, v: unknown) => (secretFields.includes(k) && typeof v === 'string' ? MASK : v);
  const properties = (page.schema.properties ?? {}) as Record<string, Json>;
  return Object.keys(properties).flatMap((key) => {
    const v = values[key];
    if (v === undefined) return [];
    const ui = (page.uiSchema[key] ?? {}) as Json;
    const review = ((ui['ui:backstage'] as Json | undefined)?.review ?? {}) as Json;
    if (typeof review.mask !== 'string' && review.show === false) return [];
    const labels = ui['ui:enumNames'];
    const index = Array.isArray(properties[key].enum) ? (properties[key].enum as unknown[]).indexOf(v) : -1;
    const value =
      typeof review.mask === 'string'
        ? review.mask
        : secretFields.includes(key) || ui['ui:widget'] === 'password'
          ? MASK
          : Array.isArray(labels) && typeof labels[index] === 'string'
            ? (labels[index] as string)
            : typeof v === 'string'
              ? v
              : JSON.stringify(v, hide);
    return [{ key, title: String(properties[key].title ?? key), value }];
  });
}
