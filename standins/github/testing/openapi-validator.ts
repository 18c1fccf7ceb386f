import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

// Validates stand-in responses and webhook payloads against GitHub's published descriptions
// (@octokit/openapi, @octokit/openapi-webhooks), so the stand-in cannot drift from the real API.

type Json = Record<string, unknown>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ROOT = path.resolve(import.meta.dirname, '../../..');

function load(rel: string): Json {
  return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', rel), 'utf8')) as Json;
}

/** OpenAPI 3.0's `nullable: true` → a JSON Schema type union with null; '#/components' refs → `${id}#/components`. */
function toJsonSchema(node: unknown, id: string): unknown {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, id));
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (k === '$ref' && typeof v === 'string') out[k] = v.startsWith('#/') ? `${id}${v}` : v;
    else if (k === 'example' || k === 'examples' || k === 'description' || k === 'discriminator') continue;
    else out[k] = toJsonSchema(v, id);
  }
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    } else {
      return { anyOf: [out, { type: 'null' }] };
    }
  }
  return out;
}

function formatErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 8)
    .map(
      (e) =>
        `  at ${e.instancePath || '(root)'}: ${e.message}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`,
    )
    .join('\n');
}

function newAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  return ajv;
}

export class RestValidator {
  private readonly spec = load('@octokit/openapi/generated/api.github.com.json') as {
    paths: Record<string, Record<string, Json>>;
    components: Json;
  };
  private readonly ajv = newAjv();
  private readonly cache = new Map<string, ValidateFunction>();
  /** `${METHOD} ${route}` of every operation validated so far. */
  readonly covered = new Set<string>();

  constructor() {
    this.ajv.addSchema({ $id: 'gh', components: toJsonSchema({ schemas: this.spec.components.schemas }, 'gh') as Json });
  }

  /** Octokit's paginate follows Link URLs: map an absolute URL back to its route template. */
  routeOf(method: string, url: string, baseUrl: string): string {
    if (!url.startsWith(baseUrl)) return url;
    const pathname = new URL(url).pathname;
    const m = method.toLowerCase();
    const candidates = Object.keys(this.spec.paths).filter(
      (t) => this.spec.paths[t]![m] && new RegExp(`^${t.replace(/\{path\}/g, '.+').replace(/\{[^}]+\}/g, '[^/]+')}$`).test(pathname),
    );
    // The most literal template wins (/orgs/{org}/members over /orgs/{org}/{security_product}).
    return candidates.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))[0] ?? pathname;
  }

  /** Throws with the operation and failing properties when a response breaks the description. */
  validate(method: string, route: string, status: number, data: unknown): void {
    const op = this.spec.paths[route]?.[method.toLowerCase()] as { operationId: string; responses: Record<string, Json> } | undefined;
    if (!op) throw new Error(`${method} ${route} is not in GitHub's OpenAPI description`);
    let response = op.responses[String(status)];
    if (!response)
      throw new Error(`${op.operationId}: status ${status} is not documented (documented: ${Object.keys(op.responses).join(', ')})`);
    if (typeof response.$ref === 'string')
      response = (this.spec.components.responses as Record<string, Json>)[response.$ref.split('/').pop()!]!;
    const schema = (response.content as Record<string, { schema: unknown }> | undefined)?.['application/json']?.schema;
    this.covered.add(`${method.toUpperCase()} ${route}`);
    if (!schema) return;
    const key = `${method} ${route} ${status}`;
    let fn = this.cache.get(key);
    if (!fn) {
      fn = this.ajv.compile(toJsonSchema(schema, 'gh') as Json);
      this.cache.set(key, fn);
    }
    if (!fn(data))
      throw new Error(
        `${op.operationId} (${method.toUpperCase()} ${route} → ${status}) does not match GitHub's schema:\n${formatErrors(fn.errors)}`,
      );
  }
}

export class WebhookValidator {
  private readonly spec = load('@octokit/openapi-webhooks/generated/api.github.com.json') as { components: { schemas: Json } };
  private readonly ajv = newAjv();

  constructor() {
    this.ajv.addSchema({ $id: 'wh', components: toJsonSchema({ schemas: this.spec.components.schemas }, 'wh') as Json });
  }

  /** Schema name for an event+action, e.g. pull_request + closed → webhook-pull-request-closed. */
  static schemaName(event: string, action: string | null): string {
    return `webhook-${[event, action].filter(Boolean).join('-').replace(/_/g, '-')}`;
  }

  validate(event: string, payload: Json): void {
    const action = typeof payload.action === 'string' ? payload.action : null;
    const name = WebhookValidator.schemaName(event, action);
    if (!this.spec.components.schemas[name]) throw new Error(`no webhook schema ${name}`);
    const fn = this.ajv.getSchema(`wh#/components/schemas/${name}`)!;
    if (!fn(payload)) throw new Error(`${event}${action ? `.${action}` : ''} payload does not match ${name}:\n${formatErrors(fn.errors)}`);
  }
}
