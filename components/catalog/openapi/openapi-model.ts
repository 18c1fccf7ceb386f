import { isObj, loadDefinition, refResolver, str } from '@/components/catalog/definitions/definition-doc';

// A render-ready outline of an OpenAPI (3.x, and Swagger 2 where the shapes agree) document:
// operations grouped by tag, with local `$ref`s resolved. Pure: no I/O. The document comes from a
// repository, so parsing is bounded (size, aliases) and resolution stops at cycles and depth.

export type Schema = Record<string, unknown>;
export type Parameter = { name: string; in: string; required: boolean; description?: string; schema?: Schema };
export type Body = { required: boolean; description?: string; content: { mediaType: string; schema?: Schema }[] };
export type Response = { status: string; description?: string; content: { mediaType: string; schema?: Schema }[] };
export type Operation = {
  id: string;
  method: string;
  path: string;
  summary?: string;
  description?: string;
  operationId?: string;
  deprecated: boolean;
  parameters: Parameter[];
  requestBody?: Body;
  responses: Response[];
};
export type OpenApiOutline = {
  title: string;
  version?: string;
  description?: string;
  servers: string[];
  /** `tag` null: the operations that have no tag. */
  groups: { tag: string | null; description?: string; operations: Operation[] }[];
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export function parseOpenApi(source: string): { outline: OpenApiOutline } | { error: string } {
  const loaded = loadDefinition(source);
  if ('error' in loaded) return loaded;
  const root = loaded.doc;
  if (!isObj(root.paths)) return { error: 'The definition has no `paths`: it does not look like an OpenAPI document.' };
  const resolve = refResolver(root);

  const info = isObj(root.info) ? root.info : {};
  const servers = Array.isArray(root.servers)
    ? root.servers.map((s) => (isObj(s) ? str(s.url) : undefined)).filter((s): s is string => Boolean(s))
    : str(root.host)
      ? [`${(Array.isArray(root.schemes) && str(root.schemes[0])) || 'https'}://${root.host}${str(root.basePath) ?? ''}`]
      : [];
  const tagDocs = new Map<string, string | undefined>(
    (Array.isArray(root.tags) ? root.tags : []).filter(isObj).map((t) => [String(t.name), str(t.description)]),
  );
  const groups = new Map<string | null, Operation[]>([...tagDocs.keys()].map((t) => [t, []]));

  for (const [path, rawItem] of Object.entries(root.paths as Record<string, unknown>)) {
    const item = resolve(rawItem);
    if (!isObj(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of METHODS) {
      const op = item[method];
      if (!isObj(op)) continue;
      const params = [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])].filter(isObj);
      const bodyParam = params.find((p) => p.in === 'body');
      const operation: Operation = {
        id: `${method}-${path}`.replace(/[^\w-]+/g, '-'),
        method,
        path,
        summary: str(op.summary),
        description: str(op.description),
        operationId: str(op.operationId),
        deprecated: op.deprecated === true,
        parameters: params
          .filter((p) => p.in !== 'body')
          .map((p) => ({
            name: String(p.name ?? ''),
            in: String(p.in ?? ''),
            required: p.required === true,
            description: str(p.description),
            schema: isObj(p.schema) ? p.schema : str(p.type) ? { type: p.type } : undefined,
          })),
        requestBody: isObj(op.requestBody)
          ? {
              required: op.requestBody.required === true,
              description: str(op.requestBody.description),
              content: contentOf(op.requestBody.content),
            }
          : bodyParam
            ? {
                required: bodyParam.required === true,
                description: str(bodyParam.description),
                content: [{ mediaType: 'application/json', schema: isObj(bodyParam.schema) ? bodyParam.schema : undefined }],
              }
            : undefined,
        responses: Object.entries(isObj(op.responses) ? op.responses : {}).map(([status, r]) => ({
          status,
          description: isObj(r) ? str(r.description) : undefined,
          content: isObj(r)
            ? r.content
              ? contentOf(r.content)
              : isObj(r.schema)
                ? [{ mediaType: 'application/json', schema: r.schema }]
                : []
            : [],
        })),
      };
      const tags = Array.isArray(op.tags) && op.tags.length ? op.tags.map(String) : [null];
      for (const tag of tags) groups.set(tag, [...(groups.get(tag) ?? []), operation]);
    }
  }
  return {
    outline: {
      title: str(info.title) ?? 'API',
      version: str(info.version),
      description: str(info.description),
      servers,
      groups: [...groups.entries()]
        .filter(([, ops]) => ops.length > 0)
        .map(([tag, operations]) => ({ tag, description: tag === null ? undefined : tagDocs.get(tag), operations })),
    },
  };
}

function contentOf(content: unknown): { mediaType: string; schema?: Schema }[] {
  if (!isObj(content)) return [];
  return Object.entries(content).map(([mediaType, media]) => ({
    mediaType,
    schema: isObj(media) && isObj(media.schema) ? media.schema : undefined,
  }));
}

/** A one-line type for a schema: `string (date-time)`, `array<Shipment>`, `"a" | "b"`. */
export function schemaType(s: Schema | undefined): string {
  if (!s) return 'any';
  if (typeof s['x-circular'] === 'string') return `${s['x-circular']} (circular)`;
  if (Array.isArray(s.enum))
    return (
      s.enum
        .slice(0, 6)
        .map((v) => JSON.stringify(v))
        .join(' | ') + (s.enum.length > 6 ? ' | …' : '')
    );
  const variants = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
  if (Array.isArray(variants)) return variants.map((v) => schemaType(v)).join(' | ');
  const type = Array.isArray(s.type) ? s.type.join(' | ') : str(s.type);
  if (type === 'array' || isObj(s.items)) return `array<${schemaType(s.items as Schema | undefined)}>`;
  const name = str(s['x-ref-name']);
  if (name && (type === 'object' || isObj(s.properties) || !type)) return name;
  const format = str(s.format);
  return `${type ?? (isObj(s.properties) ? 'object' : 'any')}${format ? ` (${format})` : ''}`;
}
