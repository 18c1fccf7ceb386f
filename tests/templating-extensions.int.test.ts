import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import * as extensionsRoute from '@/app/api/scaffolder/v2/templating-extensions/route';
import { ingestLocationTree } from '@/lib/catalog/ingest/ingest-location';
import { syncConfigLocations } from '@/lib/catalog/location-admin';
import { tryExpressionAction } from '@/lib/scaffolder/actions';
import { TEMPLATE_FILTERS } from '@/lib/scaffolder/model/templating-extensions';
import { createContract } from '@/testing/openapi-contract';
import { startRouteServer } from '@/testing/route-server';
import { createTestUser, signInAs, signOut, tokenFor, useBearer } from '@/testing/sign-in';
import { useTestConfig } from '@/testing/test-config';
import { useTestDb } from '@/testing/test-db';

// Backstage's templating extensions: GET /api/scaffolder/v2/templating-extensions held to the
// scaffolder's own OpenAPI description, and the page's try box (a server action rendering one
// expression in the sandbox, as a run renders a step input).

vi.mock('next/headers', async () => (await import('@/testing/sign-in')).nextHeadersModule());
useTestDb();
// A configured location: identity comes only from trusted sources.
const cfg = useTestConfig(
  'templating-extensions',
  'catalog:\n  rules: [{ allow: [User] }]\n  locations: [{ type: file, target: ./users.yaml }]\n',
);
let server: { url: string; close(): Promise<void> };
let token: string;

beforeAll(async () => {
  const file = path.join(cfg.dir, 'users.yaml');
  fs.writeFileSync(file, 'apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: { name: ana }\nspec: { memberOf: [] }\n');
  for (const id of await syncConfigLocations()) await ingestLocationTree(id);
  const ana = await createTestUser({ login: 'ana', entityRef: 'user:default/ana' });
  token = (await tokenFor(ana, 'read')).token;
  await signInAs(ana);
  server = await startRouteServer([[/^\/api\/scaffolder\/v2\/templating-extensions$/, [], extensionsRoute]]);
}, 60_000);
afterAll(async () => server?.close());

// Backstage's published description of the scaffolder API (scaffolder-backend 4.3.0) as the referee.
const contract = createContract('scaffolder');

describe('GET /api/scaffolder/v2/templating-extensions (Backstage ListTemplatingExtensions)', () => {
  it('answers what Backstage 4.3 describes: every filter and global function with its schema and examples', async () => {
    const res = await fetch(`${server.url}/api/scaffolder/v2/templating-extensions`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const body = await res.json();
    const url = new URL(`${server.url}/v2/templating-extensions`);
    expect(contract.check({ method: 'GET', template: '/v2/templating-extensions', url, status: 200, body })).toEqual([]);
    expect(Object.keys(body.filters)).toEqual(Object.keys(TEMPLATE_FILTERS));
    expect(Object.keys(body.filters).slice(0, 4)).toEqual(['parseRepoUrl', 'parseEntityRef', 'pick', 'projectSlug']);
    expect(Object.keys(body.globals.functions)).toEqual(['range', 'cycler', 'joiner']);
    expect(body.globals.values).toEqual({});
    expect(body.filters.parseEntityRef.schema).toEqual({
      input: { type: 'string' },
      arguments: [
        {
          type: 'object',
          title: 'options',
          description: 'optional: { defaultKind?, defaultNamespace? }: the kind and namespace of a reference that has none',
        },
      ],
      output: { type: 'object' },
    });
    // Backstage writes an example as a debug:log step and its notes: the step is YAML a template can hold.
    const [first] = body.filters.projectSlug.examples;
    expect(parse(first.example)).toEqual([
      { id: 'log', name: 'A repository on GitHub', action: 'debug:log', input: { message: '${{ parameters.repoUrl | projectSlug }}' } },
    ]);
    expect(first.notes).toBe(
      '- **Parameters**: `{"repoUrl":"github.com?owner=acme&repo=payments-api"}`\n- **Output**: `"acme/payments-api"`',
    );
  });

  it('needs a signed-in caller', async () => {
    const res = await fetch(`${server.url}/api/scaffolder/v2/templating-extensions`);
    expect(res.status).toBe(401);
  });
});

describe('trying an expression (tryExpressionAction)', () => {
  const tryIt = (expression: string, parameters = '{}') => tryExpressionAction({ expression, parameters });

  it('renders as a step input: a lone expression is its JSON value, with the parameters and the person as user', async () => {
    expect(await tryIt('${{ parameters.repoUrl | parseRepoUrl }}', '{"repoUrl": "github.com?owner=acme&repo=api"}')).toEqual({
      ok: true,
      data: { json: '{\n  "host": "github.com",\n  "owner": "acme",\n  "repo": "api"\n}' },
    });
    expect(
      await tryIt('${{ parameters.name | upper }} by ${{ user.entity.metadata.name }} (${{ user.ref }})', '{"name": "rates"}'),
    ).toEqual({
      ok: true,
      data: { json: '"RATES by ana (user:default/ana)"' },
    });
    expect(await tryIt('${{ parameters.count | int }}', '{"count": "3"}')).toEqual({ ok: true, data: { json: '3' } });
    // As written: the newline a block scalar leaves makes the value text, as in a run.
    expect(await tryIt('${{ parameters.count | int }}\n', '{"count": "3"}')).toEqual({ ok: true, data: { json: '"3\\n"' } });
    expect(await tryIt('${{ parameters.missing }}')).toEqual({ ok: true, data: { json: null } });
  });

  it('answers what to fix: an expression that fails, parameters that are not a JSON object, nothing to render', async () => {
    expect(await tryIt('${{ parameters.name | isString }}')).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST',
      error: 'The expression failed: filter not found: isString',
    });
    expect(await tryIt('${{ parameters.constructor }}')).toMatchObject({
      ok: false,
      error: expect.stringContaining('Template name constructor is reserved'),
    });
    expect(await tryIt('${{ x }}', '{name: 1}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^The parameters are not JSON \(.+\): write an object/),
    });
    expect(await tryIt('${{ x }}', '["a"]')).toMatchObject({
      ok: false,
      error: 'The parameters must be a JSON object, such as {"name": "payments"}.',
    });
    expect(await tryIt('   ')).toMatchObject({ ok: false, fieldErrors: { expression: ['Write an expression to try.'] } });
  });

  it('stops a render that would hold the server', async () => {
    const res = await tryIt('{% for i in range(100000000) %}${{ i }}{% endfor %}');
    expect(res).toMatchObject({ ok: false, error: expect.stringMatching(/^The expression failed: template expression stopped/) });
  });

  it('is for signed-in people in a browser only', async () => {
    signOut();
    expect(await tryIt('${{ 1 }}')).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    useBearer(token);
    expect(await tryIt('${{ 1 }}')).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });
});
