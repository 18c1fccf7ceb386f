import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';

// Backstage's own description of a REST API (the catalog's, tests/fixtures/backstage-catalog-openapi;
// the scaffolder's, tests/fixtures/backstage-scaffolder-openapi) as a referee: every request a test
// makes and every answer it gets are checked against the operation's declared parameters, request
// body and responses, and which operations, parameters and statuses were exercised is recorded so a
// test can require all of them.

type Operation = {
  operationId: string;
  parameters?: ({ $ref: string } | Parameter)[];
  requestBody?: { content?: Record<string, { schema: unknown }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: unknown }> }>;
};
type Parameter = { name: string; in: 'path' | 'query' };
type Spec = { paths: Record<string, Record<string, Operation>>; components: { parameters: Record<string, Parameter> } };

export type BackstageApi = 'catalog' | 'scaffolder';

export type Call = { method: string; template: string; url: URL; requestBody?: unknown; status: number; body: unknown };

/**
 * Where the document contradicts itself, read it as meant; each correction says why. The document
 * is otherwise used as published (Backstage checks requests against it, not responses: its
 * `fuzz` script excludes response_schema_conformance).
 */
function correct(api: BackstageApi, spec: Spec): Spec {
  const schemas = (spec.components as unknown as { schemas: Record<string, Record<string, unknown>> }).schemas;
  if (api === 'scaffolder') {
    // DryRunResult's files are SerializedFile (`content` required), but Backstage's router answers
    // `{ path, executable, base64Content }` (service/router.ts, POST /v2/dry-run), which its own
    // client reads: the files as the router writes them are what is meant.
    const result = schemas.DryRunResult as { properties: Record<string, unknown> };
    result.properties.directoryContents = {
      type: 'array',
      items: {
        type: 'object',
        properties: { path: { type: 'string' }, base64Content: { type: 'string' }, executable: { type: 'boolean' } },
        required: ['path', 'base64Content'],
      },
    };
    // Where a 400 is declared as validation errors (`{ errors }`), Backstage's router also answers
    // other bad input (an InputError: no templateRef, a template it cannot read) in its one error
    // shape through its error handler: either is a 400 of these operations.
    for (const ops of Object.values(spec.paths))
      for (const op of Object.values(ops)) {
        const declared = op.responses['400']?.content?.['application/json'];
        if (declared) declared.schema = { anyOf: [declared.schema, { $ref: '#/components/schemas/Error' }] };
      }
    return spec;
  }
  // RecursivePartialEntityMeta is `allOf: [JsonObject, { properties }]` with an outer
  // `additionalProperties: false`, which admits no property at all: even Backstage's own
  // analyze-location answer (`metadata: { name }`) fails it. Its properties are what is meant.
  delete schemas.RecursivePartialEntityMeta.additionalProperties;
  return spec;
}

export function createContract(api: BackstageApi = 'catalog') {
  const ID = `backstage-${api}-openapi`;
  const file = path.resolve(import.meta.dirname, `../tests/fixtures/${ID}/openapi.json`);
  const spec = correct(api, JSON.parse(fs.readFileSync(file, 'utf8')) as Spec);
  // OpenAPI 3.1 schemas are JSON Schema 2020-12; strict off for the OpenAPI-only keywords around them.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(spec, ID);
  const pointer = (...parts: string[]) => `${ID}#/${parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
  const validators = new Map<string, ReturnType<typeof ajv.compile>>();
  const validatorFor = (ref: string) => validators.get(ref) ?? validators.set(ref, ajv.compile({ $ref: ref })).get(ref)!;

  const exercised = new Map<string, { statuses: Set<number>; params: Set<string> }>();
  const key = (method: string, template: string) => `${method.toUpperCase()} ${template}`;

  function operation(method: string, template: string): Operation {
    const op = spec.paths[template]?.[method.toLowerCase()];
    if (!op) throw new Error(`${key(method, template)} is not an operation of Backstage's ${api} API`);
    return op;
  }

  function parameters(op: Operation): Parameter[] {
    return (op.parameters ?? []).map((p) => ('$ref' in p ? spec.components.parameters[p.$ref.split('/').pop()!] : p));
  }

  function errorsOf(validate: ReturnType<typeof ajv.compile>): string {
    return ajv.errorsText(validate.errors, { separator: '\n' });
  }

  /** Checks one exchange against the spec; returns the problems (none: it conforms). */
  function check(call: Call): string[] {
    const method = call.method.toLowerCase();
    const op = operation(method, call.template);
    const problems: string[] = [];
    const declared = parameters(op)
      .filter((p) => p.in === 'query')
      .map((p) => p.name);
    const record = exercised.get(key(method, call.template)) ?? { statuses: new Set<number>(), params: new Set<string>() };
    exercised.set(key(method, call.template), record);
    record.statuses.add(call.status);
    for (const name of new Set(call.url.searchParams.keys())) {
      if (!declared.includes(name)) problems.push(`query parameter ${name} is not declared for ${op.operationId}`);
      record.params.add(name);
    }
    if (call.status < 400 && call.requestBody !== undefined && op.requestBody?.content?.['application/json']) {
      const validate = validatorFor(pointer('paths', call.template, method, 'requestBody', 'content', 'application/json', 'schema'));
      if (!validate(call.requestBody)) problems.push(`request body: ${errorsOf(validate)}`);
    }
    const declaredStatus = op.responses[String(call.status)] ? String(call.status) : op.responses.default ? 'default' : undefined;
    if (!declaredStatus && call.status < 400) problems.push(`status ${call.status} is not a response of ${op.operationId}`);
    // An error status the operation does not list (e.g. 401 on validate-entity) is held to the
    // API's one error shape, components.schemas.Error.
    let ref = declaredStatus
      ? pointer('paths', call.template, method, 'responses', declaredStatus)
      : pointer('components', 'schemas', 'Error');
    let response = declaredStatus ? op.responses[declaredStatus] : { content: { 'application/json': { schema: {} } } };
    if (response.$ref) {
      const name = response.$ref.split('/').pop()!;
      response = (spec.components as unknown as { responses: Record<string, typeof response> }).responses[name];
      ref = pointer('components', 'responses', name);
    }
    if (declaredStatus || call.status >= 400) {
      // The scaffolder's document names its error answers `application/json; charset=utf-8`.
      const json = Object.keys(response.content ?? {}).find((type) => type.startsWith('application/json'));
      if (json) {
        const validate = validatorFor(declaredStatus ? `${ref}/content/${json.replace(/~/g, '~0').replace(/\//g, '~1')}/schema` : ref);
        if (!validate(call.body)) problems.push(`response ${call.status}: ${errorsOf(validate)}`);
      } else if (call.body !== undefined) {
        problems.push(`response ${call.status} of ${op.operationId} has no body, got ${JSON.stringify(call.body).slice(0, 200)}`);
      }
    }
    return problems;
  }

  /** Operations, query parameters and (success, error) statuses that no call exercised. */
  function uncovered(): string[] {
    const missing: string[] = [];
    for (const [template, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const record = exercised.get(key(method, template));
        if (!record) {
          missing.push(`${key(method, template)} (${op.operationId}): never called`);
          continue;
        }
        if (![...record.statuses].some((s) => s < 300)) missing.push(`${key(method, template)}: no success response checked`);
        if (![...record.statuses].some((s) => s >= 400)) missing.push(`${key(method, template)}: no error response checked`);
        for (const p of parameters(op).filter((x) => x.in === 'query')) {
          if (!record.params.has(p.name)) missing.push(`${key(method, template)}: query parameter ${p.name} never sent`);
        }
      }
    }
    return missing;
  }

  const operations = Object.entries(spec.paths).flatMap(([template, ops]) =>
    Object.keys(ops).map((method) => ({ method: method.toUpperCase(), template })),
  );

  /** The path template of the document that `pathname` is (`/v2/tasks/1` → `/v2/tasks/{taskId}`), if any. */
  function templateOf(method: string, pathname: string): string | undefined {
    return operations.find(
      (o) =>
        o.method === method.toUpperCase() &&
        new RegExp(`^${o.template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`).test(pathname),
    )?.template;
  }
  return { check, uncovered, operations, templateOf };
}
